package uk.ccmt.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.Awaiting;
import uk.ccmt.support.Chromium;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.NeedsChromium;
import uk.ccmt.support.Screenshots;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WebappLogin;

/**
 * A week of release management as its people live it, in Camunda's Tasklist and Cockpit in a real
 * browser (headless Chromium): the release manager reviews the week's contents in the form (a build
 * of her own, one defect left out), the test team fails a defect in QAS2, the release manager
 * confirms what is left, Cockpit shows the release waiting for its Thursday slot on its diagram,
 * and the deployment to CCMT fails: the development team fixes forward with a corrected build that
 * goes along the route again and reaches live. Each step asserts on the records, not only on the
 * page.
 *
 * <p>The CCMT failure is the demo's own: while {@code <ccmt.data-dir>/fail-deploy-CCMT} exists,
 * {@code scripts/deploy.sh} refuses every deployment to CCMT.
 */
@NeedsChromium
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/browser-test-db/ccmt-week-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/release-week-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class ReleaseWeekBrowserTest {

  /**
   * Waits end as soon as their condition holds; this is only how long a loaded machine may take.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** What a person must never meet on a card or a form: templates, expressions, engine text. */
  private static final String[] NEVER_SHOWN = {
    "{{", "}}", "${", "#{", "Exception", "null", "undefined", "ENGINE-"
  };

  private static final String REVIEWED_BUILD = "7.4.1";
  private static final String CORRECTED_BUILD = "7.4.2";

  @LocalServerPort int port;

  @Value("${ccmt.data-dir}")
  Path dataDir;

  @Autowired ProcessEngine engine;

  @Autowired TestData given;

  @Autowired ReleaseStarter starter;

  private WebDriver browser;
  private String loggedIn;
  private String week;

  @BeforeAll
  void browserAndTeam() throws IOException {
    browser = Chromium.start("a week of release management", "1280,1000");
    FileSystemUtils.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    named(given.user("rachel", "release-managers"), "Rachel", "Release Manager");
    named(given.user("devon", "development-team"), "Devon", "Developer");
    named(given.user("tessa", "test-team"), "Tessa", "Tester");
  }

  /** Named as the demo names them, so the webapps' header greets a person, not "null null". */
  private void named(String id, String firstName, String lastName) {
    var identity = engine.getIdentityService();
    var user = identity.createUserQuery().userId(id).singleResult();
    user.setFirstName(firstName);
    user.setLastName(lastName);
    identity.saveUser(user);
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. The release manager reviews the week in Tasklist: her build, one defect left out")
  void theReleaseManagerReviewsTheWeek() {
    given.fixedDefectTitled("D-701", "Meter reads lost on switch", "7.4.0");
    given.fixedDefectTitled("D-702", "Registration rejects Welsh addresses", "7.4.0");
    given.fixedDefectTitled("D-703", "Gas reads doubled on change of tenancy", "7.4.0");
    week = startWeek(14, true);
    Task review = waitForTask(week, "reviewReleaseContents");

    logIn("tasklist", "rachel");
    openFromTheList("Review release contents", week);
    claim();
    assertThat(form())
        .contains(
            "D-701 Meter reads lost on switch",
            "D-702 Registration rejects Welsh addresses",
            "D-703 Gas reads doubled on change of tenancy");
    tick("D-703");
    type("Field_BuildVersion", REVIEWED_BUILD);
    type("Field_Comment", "D-703 waits for the tenancy data fix");
    Screenshots.keep(browser, "release-week-review");
    complete(review);

    JsonNode release = release(week);
    assertThat(release.path("buildVersion").asText()).isEqualTo(REVIEWED_BUILD);
    assertThat(texts(release.path("defects"))).containsExactly("D-701", "D-702");
    assertThat(defectStatus("D-703")).as("left out, still a candidate").isEqualTo("FIXED");
  }

  @Test
  @Order(2)
  @DisplayName("2. The test team fails a defect in QAS2, in Tasklist, and it drops out")
  void theTestTeamFailsADefect() {
    Task testing = waitForTask(week, "recordInternalTestResults");

    logIn("tasklist", "tessa");
    openFromTheList("Record internal test results", week);
    claim();
    assertThat(form())
        .contains(
            "Build: " + REVIEWED_BUILD,
            "Environment: QAS2 runs " + week,
            "D-703 Gas reads doubled on change of tenancy",
            "left out at the release review");
    assertThat(checklist()).contains("D-701", "D-702").doesNotContain("D-703");
    tick("D-702");
    type("Field_Comment", "Welsh addresses still rejected");
    Screenshots.keep(browser, "release-week-test-results");
    complete(testing);

    JsonNode release =
        Awaitility.await("D-702 out of " + week)
            .atMost(PATIENCE)
            .until(() -> release(week), r -> !texts(r.path("defects")).contains("D-702"));
    assertThat(texts(release.path("defects"))).containsExactly("D-701");
    assertThat(release.path("removedDefects").toString())
        .contains(
            "{\"id\":\"D-703\",\"reason\":\"EXCLUDED_AT_REVIEW\"}",
            "{\"id\":\"D-702\",\"reason\":\"FAILED_INTERNAL_TESTING\"}");
    assertThat(defectStatus("D-702")).as("back to its fix").isEqualTo("RAISED");
  }

  @Test
  @Order(3)
  @DisplayName("3. The release manager confirms the contents, and sees what dropped out and why")
  void theReleaseManagerConfirmsTheContents() {
    Task confirm = waitForTask(week, "confirmReleaseContents");

    logIn("tasklist", "rachel");
    openFromTheList("Confirm release contents", week);
    claim();
    assertThat(form())
        .contains(
            "Removed since the last step:",
            "D-702 Registration rejects Welsh addresses",
            "failed internal testing; the test team said: Welsh addresses still rejected",
            "Live environment: CCMT");
    assertThat(form()).doesNotContain("D-702 – Registration");
    browser
        .findElement(By.xpath("//label[contains(., 'Confirm: deploy these defects to CCMT')]"))
        .click();
    complete(confirm);

    assertThat(variable(confirm.getProcessInstanceId(), "contentsConfirmed")).isIn(true, "true");
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. Cockpit shows the release waiting for its Thursday deployment slot, on its diagram")
  void cockpitShowsTheRunningRelease() {
    String instance = instanceOf(week);
    Awaitility.await(week + " at its Thursday slot")
        .atMost(PATIENCE)
        .until(
            () ->
                engine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("Timer_ThursdayDeploymentSlot")
                        .timers()
                        .count()
                    == 1);
    String definitionId =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(instance)
            .singleResult()
            .getProcessDefinitionId();

    logIn("cockpit", "rachel");
    browser.get(cockpit() + "#/process-definition/" + definitionId + "/runtime");
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    // the release waits at the event-based gateway before the slot's timer (or a moved slot)
    By waitingAt =
        By.cssSelector(".djs-container [data-element-id='Gateway_WaitForDeploymentSlot']");
    By badge =
        By.cssSelector(
            ".djs-overlays[data-container-id='Gateway_WaitForDeploymentSlot'] .badge.instance-count");
    try {
      wait.ignoring(StaleElementReferenceException.class)
          .until(driver -> !driver.findElements(waitingAt).isEmpty());
      wait.ignoring(StaleElementReferenceException.class)
          .until(
              driver ->
                  driver.findElements(badge).stream()
                      .anyMatch(b -> b.isDisplayed() && b.getText().trim().equals("1")));
    } catch (TimeoutException notDrawn) {
      Screenshots.keep(browser, "cockpit-weekly-release-not-drawn");
      throw new AssertionError(
          "the badges Cockpit drew: "
              + ((org.openqa.selenium.JavascriptExecutor) browser)
                  .executeScript(
                      "return Array.from(document.querySelectorAll('.djs-overlays'))"
                          + ".filter(o => o.querySelector('.badge'))"
                          + ".map(o => o.getAttribute('data-container-id') + ': '"
                          + " + o.innerText.trim()).join('; ');"),
          notDrawn);
    }
    assertThat(browser.findElements(By.cssSelector(".djs-container [data-element-id]")).size())
        .as("the model's elements are drawn")
        .isGreaterThan(20);
    assertThat(
            browser.findElements(
                By.cssSelector(".djs-container [data-element-id='Timer_ThursdayDeploymentSlot']")))
        .isNotEmpty();
    zoomInOn("Gateway_WaitForDeploymentSlot", 44);
    // the pointer away from the diagram, so that no element shows the hover of a click
    new org.openqa.selenium.interactions.Actions(browser)
        .moveToElement(browser.findElement(By.cssSelector(".ctn-header, header, body")), 5, 5)
        .perform();
    Screenshots.keep(browser, "cockpit-weekly-release");
  }

  @Test
  @Order(5)
  @DisplayName(
      "5. The deployment to CCMT fails; the development team fixes forward in Tasklist and the"
          + " corrected build reaches live")
  void theDevelopmentTeamFixesForward() throws IOException {
    Path refuseCcmt = dataDir.resolve("fail-deploy-CCMT");
    Files.writeString(refuseCcmt, "the CCMT database is read-only\n");
    fireTimer(week, "weeklyRelease", "Timer_ThursdayDeploymentSlot");
    Task correction = waitForTask(week, "correctReleaseErrors");
    // the environment is put right; the developer's corrected build goes along the route again
    Files.delete(refuseCcmt);

    logIn("tasklist", "devon");
    openFromTheList("Correct release errors", week);
    claim();
    assertThat(form()).contains("CCMT", REVIEWED_BUILD, "refused on request");
    type("Field_BuildVersion", CORRECTED_BUILD);
    type("Field_Comment", "7.4.2 carries the read-only fallback");
    Screenshots.keep(browser, "release-week-fix-forward");
    complete(correction);

    // the corrected build is signed off in QAS2 again, by the test team (not this story's subject)
    Task signOff =
        Awaitility.await("the corrected build in QAS2")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(week)
                        .taskDefinitionKey("recordInternalTestResults")
                        .list(),
                tasks -> tasks.size() == 1)
            .get(0);
    engine.getIdentityService().setAuthentication("tessa", List.of("test-team"));
    try {
      engine
          .getTaskService()
          .complete(
              signOff.getId(),
              java.util.Map.of("failedDefects", SpinValues.jsonValue("[]").create()));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    // live, and its final note created (a step after the deployment)
    JsonNode release =
        Awaitility.await(week + " live")
            .atMost(PATIENCE)
            .until(
                () -> release(week),
                r ->
                    r.path("status").asText().equals("DEPLOYED")
                        && r.path("notes").toString().contains("\"FINAL\""));
    assertThat(release.path("buildVersion").asText()).isEqualTo(CORRECTED_BUILD);
    List<String> attempts =
        StreamSupport.stream(release.path("deployments").spliterator(), false)
            .map(
                a ->
                    a.path("environment").asText()
                        + " "
                        + a.path("buildVersion").asText()
                        + " "
                        + (a.path("outcome").asText().equals("PASSED") ? "PASSED" : "FAILED"))
            .toList();
    assertThat(attempts)
        .containsExactly(
            "DEV1 7.4.1 PASSED",
            "QAS1 7.4.1 PASSED",
            "QAS2 7.4.1 PASSED",
            "CCMT 7.4.1 FAILED",
            "DEV1 7.4.2 PASSED",
            "QAS1 7.4.2 PASSED",
            "QAS2 7.4.2 PASSED",
            "CCMT 7.4.2 PASSED");
    assertThat(defectStatus("D-701")).isEqualTo("RELEASED");
    assertThat(
            StreamSupport.stream(release.path("notes").spliterator(), false)
                .map(note -> note.path("kind").asText())
                .toList())
        .as("the notes of the week")
        .contains("PROVISIONAL", "FINAL");

    // the final note is on the public CCMT page, for anyone
    browser.get(base() + "/releases");
    new WebDriverWait(browser, PATIENCE)
        .until(driver -> driver.findElement(By.tagName("body")).getText().contains(week));
    browser.get(base() + "/releases/" + week);
    String page =
        new WebDriverWait(browser, PATIENCE)
            .until(
                driver -> {
                  String text = driver.findElement(By.tagName("body")).getText();
                  return text.contains(CORRECTED_BUILD) ? text : null;
                });
    assertThat(page).contains("D-701", "CCMT");
  }

  /**
   * Zooms the diagram in on the activity, as a person does with Ctrl and the mouse wheel over it:
   * the whole weekly model fits Cockpit's panel only at a size too small to read.
   */
  private void zoomInOn(String activityId, int width) {
    String selector = ".djs-container [data-element-id='" + activityId + "']";
    new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                (Boolean)
                    ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript(
                            "const el = document.querySelector(arguments[0]);"
                                + "const box = el.getBoundingClientRect();"
                                + "if (box.width >= arguments[1]) { return true; }"
                                + "el.dispatchEvent(new WheelEvent('wheel', {deltaY: -50,"
                                + " deltaMode: 0, ctrlKey: true, bubbles: true, cancelable: true,"
                                + " clientX: box.x + box.width / 2,"
                                + " clientY: box.y + box.height / 2}));"
                                + "return false;",
                            selector,
                            width));
  }

  // --- the browser ------------------------------------------------------------------------------

  /** Finds the task in the Tasklist's list, by its name and release, and opens it by a click. */
  private void openFromTheList(String taskName, String releaseId) {
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    By card =
        By.xpath(
            "//ol[contains(@class,'tasks-list')]/li[contains(., \""
                + taskName
                + "\") and contains(., \""
                + releaseId
                + "\")]");
    WebElement found = null;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    // Tasklist refreshes its list only now and then: give it a while, then load the page again
    while (found == null) {
      try {
        found =
            new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(card).stream().findFirst().orElse(null));
      } catch (TimeoutException notYet) {
        if (System.nanoTime() > deadline) {
          Screenshots.keep(browser, "release-week-not-listed");
          throw notYet;
        }
        browser.navigate().refresh();
      }
    }
    assertThat(found.getText()).as("the card of " + taskName).doesNotContain(NEVER_SHOWN);
    found.findElement(By.cssSelector("a")).click();
    String shown =
        wait.ignoring(StaleElementReferenceException.class)
            .until(driver -> form(driver).contains(releaseId) ? form(driver) : null);
    assertThat(shown)
        .as("the form of " + taskName)
        .doesNotContain(NEVER_SHOWN)
        .doesNotContainPattern("\\b[0-9a-f]{8}-[0-9a-f]{4}-");
  }

  /** The choices of the form's checklist, as the user reads them. */
  private String checklist() {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                driver.findElements(By.cssSelector(".fjs-form-field-checklist")).stream()
                    .map(WebElement::getText)
                    .findFirst()
                    .orElse(null));
  }

  private void claim() {
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    By claim = By.xpath("//button[normalize-space()='Claim']");
    wait.until(driver -> !driver.findElements(claim).isEmpty());
    browser.findElement(claim).click();
    // once claimed the form is editable: its Complete button is enabled
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                driver.findElements(By.xpath("//button[normalize-space()='Complete']")).stream()
                    .anyMatch(WebElement::isEnabled));
    wait.ignoring(StaleElementReferenceException.class)
        .until(driver -> !driver.findElements(By.cssSelector(".fjs-form input")).isEmpty());
  }

  private void tick(String defectId) {
    WebElement label =
        new WebDriverWait(browser, PATIENCE)
            .ignoring(StaleElementReferenceException.class)
            .until(
                driver ->
                    driver
                        .findElements(
                            By.xpath(
                                "//div[contains(@class,'fjs-form-field-checklist')]"
                                    + "//label[contains(., '"
                                    + defectId
                                    + " ')]"))
                        .stream()
                        .findFirst()
                        .orElse(null));
    label.click();
    WebElement box = label.findElement(By.xpath(".//input | preceding-sibling::input"));
    assertThat(box.isSelected()).as("%s ticked", defectId).isTrue();
  }

  private void type(String fieldId, String text) {
    WebElement field =
        browser.findElement(
            By.cssSelector("input[id$='" + fieldId + "'], textarea[id$='" + fieldId + "']"));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
    assertThat(field.getAttribute("value")).isEqualTo(text);
  }

  private void complete(Task task) {
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    try {
      Awaitility.await(task.getTaskDefinitionKey() + " completed in Tasklist")
          .atMost(PATIENCE)
          .until(() -> engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0);
    } catch (org.awaitility.core.ConditionTimeoutException notCompleted) {
      Screenshots.keep(browser, "release-week-not-completed-" + task.getTaskDefinitionKey());
      throw notCompleted;
    }
  }

  private String form() {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> form(driver));
  }

  private static String form(WebDriver driver) {
    List<WebElement> forms = driver.findElements(By.cssSelector(".fjs-form"));
    if (forms.isEmpty()) {
      return "";
    }
    String values =
        String.valueOf(
            ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                    "return Array.from(document.querySelectorAll("
                        + "'.fjs-form input:not([type=radio]):not([type=checkbox]),"
                        + " .fjs-form textarea')).map(e => e.value).join('\\n');"));
    return forms.get(0).getText() + "\n" + values;
  }

  /** Signs in to the webapp, unless already signed in to it as that user. */
  private void logIn(String app, String user) {
    String key = app + ":" + user;
    if (key.equals(loggedIn)) {
      return;
    }
    if (loggedIn != null) {
      browser.manage().deleteAllCookies();
    }
    WebappLogin.logIn(browser, webapp(app), user);
    loggedIn = key;
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private String webapp(String app) {
    return base() + "/camunda/app/" + app + "/default/";
  }

  private String cockpit() {
    return webapp("cockpit");
  }

  // --- the engine and the records ---------------------------------------------------------------

  /** Starts the release of the week that many days ahead, its Monday cycle start fired if asked. */
  private String startWeek(int daysAhead, boolean cycleStarted) {
    ReleaseWeek releaseWeek = ReleaseWeek.containing(LocalDate.now(LONDON).plusDays(daysAhead));
    starter.startWeekly(releaseWeek.toString());
    String releaseId = releaseWeek.releaseId();
    if (cycleStarted) {
      fireTimer(releaseId, "weeklyRelease", "Timer_CycleStart");
    }
    return releaseId;
  }

  /** Fires the timer now, as an operator would in Cockpit, once the release waits at it. */
  private void fireTimer(String businessKey, String processKey, String timerId) {
    Awaiting.fireTimer(engine, businessKey, processKey, timerId);
  }

  private String instanceOf(String releaseId) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(releaseId)
        .processDefinitionKey("weeklyRelease")
        .singleResult()
        .getId();
  }

  private Task waitForTask(String businessKey, String taskKey) {
    return Awaiting.task(engine, businessKey, taskKey);
  }

  private Object variable(String processInstanceId, String name) {
    HistoricVariableInstance variable =
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableName(name)
            .singleResult();
    return variable == null ? null : variable.getValue();
  }

  private JsonNode release(String releaseId) {
    return HttpCaller.as(port, "rachel").get("/api/releases/" + releaseId).getBody();
  }

  private String defectStatus(String defectId) {
    return HttpCaller.as(port, "rachel")
        .get("/api/defects/" + defectId)
        .getBody()
        .path("status")
        .asText();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
