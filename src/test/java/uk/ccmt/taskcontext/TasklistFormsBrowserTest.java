package uk.ccmt.taskcontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;

/**
 * Every kind of decision form, opened in Camunda's own Tasklist in a real browser (headless
 * Chromium), as the user whose task it is: its context is visible as people read it (defect titles,
 * the build, a deadline that names Europe/London), and no template, expression or regular
 * expression shows. A screenshot of each form is kept under target/tasklist-forms/.
 *
 * <p>Without Chromium and chromedriver the test is skipped with a message, except in CI (the {@code
 * CI} environment variable set), where it fails: `.ci/run` installs the driver.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/browser-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/browser-test-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class TasklistFormsBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target/tasklist-forms");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** What must never show on a form: templates, expressions, regular expressions, engine ids. */
  private static final List<String> NEVER_SHOWN =
      List.of(
          "{{", "}}", "${", "#{", "^[", "[a-z", "[A-Z", "[0-9", "\\d", "\\s", "$/", "Exception");

  @LocalServerPort int port;

  @Autowired ProcessEngine engine;

  @Autowired IdentityService identity;

  @Autowired TestData given;

  @Autowired ReleaseStarter starter;

  private WebDriver browser;
  private String loggedIn;
  private String week;
  private String brokenWeek;
  private final List<String> checked = new ArrayList<>();

  @BeforeAll
  void browserAndTeam() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && System.getenv("CI") != null) {
      throw new AssertionError(
          "CI must check every form in a real browser: install chromium and chromium-driver"
              + " (apt-get install -y chromium chromium-driver)");
    }
    Assumptions.assumeTrue(
        installed,
        "Skipped: the browser check of the forms needs /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install -y chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,2000",
        "--lang=en-GB");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                // a browser in the UK: dates in day, month, year order, times in London
                .withEnvironment(Map.of("TZ", "Europe/London", "LANG", "en_GB.UTF-8"))
                .build(),
            options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);

    given.user("rachel", "release-managers");
    given.user("devon", "development-team");
    given.user("tessa", "test-team");
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. The release review shows the defects' titles, the builds and the deadline")
  void reviewReleaseContents() {
    given.fixedDefectTitled("D-901", "Meter reads lost on switch", "7.1.0");
    given.fixedDefectTitled("D-902", "Registration rejects Welsh addresses", "7.1.0");
    given.configurationChange("C-903", "Load the December tariffs", "7.1.0");
    week = startWeekInAFortnight(14);

    Task review = waitForTask(week, "reviewReleaseContents");
    String form = open("rachel", review);
    assertThat(form)
        .contains(
            "What is being decided",
            "D-901 Meter reads lost on switch (severity S2, component Switching)",
            "D-902 Registration rejects Welsh addresses",
            "Configuration changes:",
            "C-903 Load the December tariffs (configuration change, component Reference data,"
                + " build or package 7.1.0)",
            "Builds of the fixes: 7.1.0",
            "Review by:",
            "(Europe/London)",
            "Comment");
    engine
        .getTaskService()
        .complete(
            review.getId(),
            Map.of(
                "excludedDefects", SpinValues.jsonValue("[]").create(), "buildVersion", "7.1.0"));
  }

  @Test
  @Order(2)
  @DisplayName("2. The test team sees the build, the environment and the cut-off")
  void recordInternalTestResults() {
    Task testing = waitForTask(week, "recordInternalTestResults");
    String form = open("tessa", testing);
    assertThat(form)
        .contains(
            "Build: 7.1.0",
            "Environment: QAS2 runs " + week + ", build 7.1.0",
            "Internal test cut-off:",
            "17:00",
            "(Europe/London)",
            "D-901 Meter reads lost on switch");
    engine
        .getTaskService()
        .complete(
            testing.getId(),
            Map.of(
                "failedDefects",
                SpinValues.jsonValue("[\"D-902\"]").create(),
                "comment",
                "Welsh addresses still rejected"));
  }

  @Test
  @Order(3)
  @DisplayName("3. Confirming the contents shows what dropped out, and why")
  void confirmReleaseContents() {
    Task confirm = waitForTask(week, "confirmReleaseContents");
    String form = open("rachel", confirm);
    assertThat(form)
        .contains(
            "Removed since the last step:",
            "D-902 Registration rejects Welsh addresses",
            "failed internal testing; the test team said: Welsh addresses still rejected",
            "Deployment slot:",
            "10:00",
            "Live environment: CCMT");
  }

  @Test
  @Order(8)
  @DisplayName("8. Correcting release errors shows the failed attempt and what it said")
  void correctReleaseErrors() {
    given.fixedDefectTitled("D-903", "Read rejections not reported", "7.2.0-broken-in-QAS1");
    brokenWeek = startWeekInAFortnight(21);
    Task review = waitForTask(brokenWeek, "reviewReleaseContents");
    engine
        .getTaskService()
        .complete(
            review.getId(),
            Map.of(
                "excludedDefects",
                SpinValues.jsonValue("[]").create(),
                "buildVersion",
                "7.2.0-broken-in-QAS1"));
    Task correction = waitForTask(brokenWeek, "correctReleaseErrors");
    String form = open("devon", correction);
    assertThat(form)
        .contains(
            "Last attempt: attempt 1 in QAS1, build 7.2.0-broken-in-QAS1",
            "deployment failed (deployment exit code 3)",
            "missing database migration",
            "Build that failed: 7.2.0-broken-in-QAS1",
            "Environment: QAS1",
            "D-903 Read rejections not reported");
  }

  @Test
  @Order(4)
  @DisplayName("4. The emergency release review shows the S1 defect and its deadline")
  void holdReleaseReview() {
    given.s1DefectStoppingTests("D-950");
    Task review = waitForTask("E-D-950", "holdReleaseReview");
    String form = open("rachel", review);
    assertThat(form)
        .contains(
            "S1 defect:",
            "D-950 Defect D-950 stops switching tests (severity S1, component Switching)",
            "Release review due by:",
            "(Europe/London)",
            "Live environment: CCMT");
    // the release manager decides in the form itself: a UK date and a 24-hour London time
    LocalDate tomorrow = LocalDate.now(LONDON).plusDays(1);
    browser.findElement(By.xpath("//label[contains(., 'Deploy the fix immediately')]")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    By date = By.cssSelector(".fjs-form-field-datetime input[id$='-date']");
    By time = By.cssSelector(".fjs-form-field-datetime input[id$='-time']");
    wait.until(driver -> !driver.findElements(date).isEmpty());
    assertThat(browser.findElement(date).getAttribute("placeholder"))
        .as("the date is entered day, month, year")
        .isEqualTo("dd/mm/yyyy");
    assertThat(form(browser)).contains("Time (24-hour, Europe/London)", "day/month/year");
    browser.findElement(date).sendKeys(tomorrow.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    browser.findElement(date).sendKeys(Keys.ENTER);
    browser.findElement(time).sendKeys("10:00");
    browser.findElement(time).sendKeys(Keys.TAB);
    browser
        .findElement(By.cssSelector(".fjs-form-field-textarea textarea[id$='comment'], textarea"))
        .sendKeys("Switching is stopped for every supplier");
    screenshot("holdReleaseReview-decided");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("the review completes")
        .atMost(Duration.ofSeconds(20))
        .until(() -> engine.getTaskService().createTaskQuery().taskId(review.getId()).count() == 0);
    Object schedule =
        engine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(review.getProcessInstanceId())
            .variableName("deploymentSchedule")
            .singleResult()
            .getValue();
    assertThat(((java.util.Date) schedule).toInstant())
        .as("read as London time")
        .isEqualTo(tomorrow.atTime(10, 0).atZone(LONDON).toInstant());
    assertThat(
            engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list().stream()
                .map(detail -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) detail)
                .filter(update -> "comment".equals(update.getVariableName()))
                .map(org.camunda.bpm.engine.history.HistoricVariableUpdate::getValue))
        .as("the comment went with the decision")
        .contains("Switching is stopped for every supplier");
  }

  @Test
  @Order(5)
  @DisplayName("5. The development team sees the S1 defect it fixes")
  void provideEmergencyFix() {
    Task fix = waitForTask("E-D-950", "provideEmergencyFix");
    String form = open("devon", fix);
    assertThat(form)
        .contains(
            "D-950 Defect D-950 stops switching tests",
            "Agreed deployment time:",
            "(Europe/London)");
    engine.getTaskService().complete(fix.getId(), Map.of("buildVersion", "8.0.1"));
    Task testing = waitForTask("E-D-950", "recordInternalTestResults");
    engine
        .getTaskService()
        .complete(testing.getId(), Map.of("failedDefects", SpinValues.jsonValue("[]").create()));
  }

  @Test
  @Order(6)
  @DisplayName("6. The approval shows the build, the agreed time, and has a place for a reason")
  void approveEmergencyFix() {
    Task approval = waitForTask("E-D-950", "approveEmergencyFix");
    String form = open("rachel", approval);
    assertThat(form)
        .contains(
            "Build: 8.0.1",
            "Agreed deployment time:",
            LocalDate.now(LONDON).plusDays(1).getDayOfMonth() + " ",
            "10:00",
            "(Europe/London)",
            "Comment");
  }

  @Test
  @Order(7)
  @DisplayName("7. A participant's refused answer is explained in words, in Tasklist")
  void provideInformation() throws Exception {
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    String paula = given.organisationUser("paula", "NLE");
    java.net.http.HttpResponse<String> started =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + port + "/api/information-requests"))
                    .header("Content-Type", "application/json")
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString(("rachel:" + TestData.PASSWORD).getBytes()))
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"types\":[\"CONTACT_DETAILS\"],\"dueDate\":\""
                                + LocalDate.now(LONDON).plusDays(10)
                                + "\"}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    Task request =
        Awaitility.await("the request to NLE")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("provideInformation")
                        .taskCandidateGroup("participant-NLE")
                        .singleResult(),
                task -> task != null);
    String form = open(paula, request, "Contact phone");
    assertThat(form)
        .contains("Due by (UK time, Europe/London)", "Contact phone")
        .doesNotContain("Comment");

    browser.findElement(By.cssSelector("input[id$='Field_ContactName']")).sendKeys("Paula Jones");
    browser
        .findElement(By.cssSelector("input[id$='Field_ContactEmail']"))
        .sendKeys("paula@nle.example");
    browser.findElement(By.cssSelector("input[id$='Field_ContactPhone']")).sendKeys("call me");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    String refusal =
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                driver -> {
                  String notes = driver.findElement(By.cssSelector(".notifications")).getText();
                  return notes.contains("contactPhone") ? notes : null;
                });
    screenshot("provideInformation-refused");
    assertThat(refusal)
        .contains("'call me' may hold only digits, spaces")
        .doesNotContain(NEVER_SHOWN)
        .doesNotContain("Exception", "uk.ccmt", "java.", request.getId());
    assertThat(engine.getTaskService().createTaskQuery().taskId(request.getId()).count())
        .as("the request stays open")
        .isOne();
  }

  @Test
  @Order(9)
  @DisplayName("9. A route-to-live violation shows what was violated and the route as it stands")
  void reviewRouteToLiveViolation() {
    Task correction = waitForTask(brokenWeek, "correctReleaseErrors");
    // the records changed under the deployment, as its guard would find: it ends at its violation
    engine
        .getRuntimeService()
        .createProcessInstanceModification(correction.getProcessInstanceId())
        .cancelAllForActivity("correctReleaseErrors")
        .startBeforeActivity("EndEvent_RouteToLiveViolated")
        .setVariable(
            "routeToLiveViolation",
            "Release " + brokenWeek + " must pass DEV1 before it can be deployed to QAS1")
        .execute();
    Task review = waitForTask(brokenWeek, "reviewRouteToLiveViolation");
    String form = open("rachel", review);
    assertThat(form)
        .contains(
            "Violation: Release "
                + brokenWeek
                + " must pass DEV1 before it can be deployed to QAS1",
            "Last attempt: attempt 1 in QAS1",
            "Route to live now:",
            "DEV1 runs",
            "D-903 Read rejections not reported");
  }

  @Test
  @Order(10)
  @DisplayName("10. Partnering: the review of proposed matches, and a participant's confirmation")
  void partnering() throws Exception {
    given.participant("CWE", "CHALLENGER", "trials@cwe.example");
    given.organisationUser("cwe", "CWE");
    assertThat(post("/api/partnering", "").statusCode()).isEqualTo(201);
    Task review =
        Awaitility.await("the review of proposed matches")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("reviewProposedMatches")
                        .singleResult(),
                task -> task != null);
    String form = open("rachel", review, "Comment");
    assertThat(form).contains("Proposed pairs, and why", "NLE", "CWE");
    engine.getTaskService().complete(review.getId(), Map.of("matchesApproved", "true"));

    Task confirmation =
        Awaitility.await("NLE's confirmation")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("confirmPartnership")
                        .taskCandidateGroup("participant-NLE")
                        .singleResult(),
                task -> task != null);
    String confirm = open("paula", confirmation, "Comment");
    assertThat(confirm).contains("Proposed partner", "Your answer");
  }

  private java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(("rachel:" + TestData.PASSWORD).getBytes()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private String startWeekInAFortnight(int days) {
    ReleaseWeek releaseWeek = ReleaseWeek.containing(LocalDate.now(LONDON).plusDays(days));
    starter.startWeekly(releaseWeek.toString());
    String releaseId = releaseWeek.releaseId();
    String instance =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(releaseId)
            .processDefinitionKey("weeklyRelease")
            .singleResult()
            .getId();
    // the Monday cycle start is a real timer: fire it now, as an operator would in Cockpit
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !engine
                    .getManagementService()
                    .createJobQuery()
                    .processInstanceId(instance)
                    .activityId("Timer_CycleStart")
                    .timers()
                    .list()
                    .isEmpty());
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .activityId("Timer_CycleStart")
                .timers()
                .singleResult()
                .getId());
    return releaseId;
  }

  private Task waitForTask(String businessKey, String taskKey) {
    return Awaitility.await(taskKey + " of " + businessKey)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                engine
                    .getTaskService()
                    .createTaskQuery()
                    .processInstanceBusinessKey(businessKey)
                    .taskDefinitionKey(taskKey)
                    .singleResult(),
            task -> task != null);
  }

  /**
   * Opens the task's form in Tasklist as the user (claimed for them, as they would first), waits
   * until its context shows, checks that nothing technical shows, and keeps a screenshot.
   */
  private String open(String user, Task task) {
    return open(user, task, "What is being");
  }

  private String open(String user, Task task, String shownOnceLoaded) {
    engine.getTaskService().claim(task.getId(), user);
    logIn(user);
    browser.get(tasklist() + "#/?task=" + task.getId());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // Tasklist renders the form again once the task's variables are in: wait until it settles
    try {
      wait.ignoring(StaleElementReferenceException.class)
          .until(driver -> form(driver).contains(shownOnceLoaded));
    } catch (org.openqa.selenium.TimeoutException notShown) {
      screenshot(task.getTaskDefinitionKey() + "-not-shown");
      throw notShown;
    }
    String text = wait.ignoring(StaleElementReferenceException.class).until(driver -> form(driver));
    screenshot(task.getTaskDefinitionKey());
    assertThat(text).as("%s as %s", task.getTaskDefinitionKey(), user).doesNotContain(NEVER_SHOWN);
    assertThat(text).doesNotContainPattern("\\b[0-9a-f]{8}-[0-9a-f]{4}-");
    checked.add(task.getTaskDefinitionKey());
    return text;
  }

  private void logIn(String user) {
    if (user.equals(loggedIn)) {
      return;
    }
    if (loggedIn != null) {
      browser.manage().deleteAllCookies();
    }
    browser.get(tasklist());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(
        driver -> !driver.findElements(By.cssSelector("input[ng-model='username']")).isEmpty());
    browser.findElement(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(TestData.PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(
        driver -> driver.findElements(By.cssSelector("input[ng-model='username']")).isEmpty());
    loggedIn = user;
  }

  private static String form(WebDriver driver) {
    List<org.openqa.selenium.WebElement> forms = driver.findElements(By.cssSelector(".fjs-form"));
    return forms.isEmpty() ? "" : forms.get(0).getText();
  }

  private String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  private void screenshot(String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("could not keep the screenshot of " + name, e);
    }
  }
}
