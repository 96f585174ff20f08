package uk.ccmt.taskcontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.support.Chromium;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.NeedsChromium;
import uk.ccmt.support.Screenshots;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WebappLogin;
import uk.ccmt.system.Groups;

/**
 * The chrome of Camunda's webapps as the product's people see it, in a real browser (headless
 * Chromium): the product's name on the login page and in the header, no "migrate to Camunda 8"
 * banner and no gap where it was, and for a participant organisation's user no "Create task" and no
 * bare priority on the task cards. Screenshots are kept by {@link Screenshots} (docs/images for the
 * README when {@code scripts/screenshots.sh} runs it).
 *
 * <p>Without Chromium and chromedriver the test is skipped with a message, except in CI (the {@code
 * CI} environment variable set), where it fails: `.ci/run` installs the driver.
 */
@NeedsChromium
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/browser-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/browser-test-environments"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromeBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PRODUCT = "CCMT Release Manager";
  private static final String ORGANISATION = "NLE";

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired TaskService tasks;

  @Autowired IdentityService identity;

  private WebDriver browser;

  @BeforeAll
  void browserAndPeople() {
    browser = Chromium.start("the webapps' chrome", "1280,800");

    given.releaseManager("rachel");
    given.participant(ORGANISATION, "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser("nia", ORGANISATION);
    named("rachel", "Rachel", "Reed");
    named("nia", "Nia", "Lloyd");
    // a real task for the organisation, so that its list has cards
    String dueDate = LocalDate.now(ZoneId.of("Europe/London")).plusDays(10).toString();
    assertThat(
            HttpCaller.as(port, "rachel")
                .post(
                    "/api/information-requests",
                    Map.of("types", List.of("SFTP_INFORMATION"), "dueDate", dueDate))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .taskCandidateGroup(Groups.ofParticipant(ORGANISATION))
                        .count()
                    > 0);
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. The login pages name the product and say what it is for, with no banner")
  void loginPagesNameTheProduct() {
    for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
      browser.get(webapp(app));
      WebElement name = waitForVisible(".ccmt-product-name");
      assertThat(name.getText()).as(app).isEqualTo(PRODUCT);
      assertThat(browser.findElement(By.cssSelector(".ccmt-product-description")).getText())
          .as(app)
          .contains("weekly release");
      assertNoBanner(app + " login");
      assertThat(visibleText(".form-signin")).as(app).doesNotContain("Camunda");
      if (app.equals("tasklist")) {
        screenshot("login");
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. A participant's Tasklist shows the product, no banner, no Create task, no bare priority")
  void participantSeesOnlyWhatTheyCanUse() {
    logIn("nia");
    assertChrome("participant", true);
    assertThat(visibleText(".start-process-action"))
        .as("participants can still start a query")
        .contains("Start process");
    screenshot("tasklist-participant");
  }

  @Test
  @Order(3)
  @DisplayName("3. The engine refuses a standalone task to a participant, whatever the page shows")
  void theEngineRefusesCreateTaskToAParticipant() {
    long before = tasks.createTaskQuery().count();
    assertThat(
            HttpCaller.as(port, "nia")
                .post("/engine-rest/task/create", Map.of("name", "A task of my own"))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().count()).isEqualTo(before);
  }

  @Test
  @Order(4)
  @DisplayName("4. A release manager's Tasklist and welcome page show the same clean chrome")
  void releaseManagerSeesTheSameChrome() {
    logIn("rachel");
    assertChrome("release manager", false);
    screenshot("tasklist-release-manager");

    browser.get(webapp("welcome"));
    assertThat(waitForVisible(".welcome-page .ccmt-product-name").getText()).isEqualTo(PRODUCT);
    assertThat(visibleText("[cam-widget-header] .brand-name")).startsWith(PRODUCT);
    assertNoBanner("welcome");
  }

  /** The header, the banner, Create task and the cards' priority, as a person sees them. */
  private void assertChrome(String who, boolean withCards) {
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    try {
      wait.until(driver -> !visible(driver, "[cam-widget-header] .brand-name").isEmpty());
      if (withCards) {
        wait.until(driver -> !visible(driver, ".tasks-list li.task").isEmpty());
      }
    } catch (org.openqa.selenium.TimeoutException notShown) {
      screenshot(who.replace(' ', '-') + "-not-shown");
      throw notShown;
    }
    assertThat(visibleText("[cam-widget-header] .brand-name")).as(who).startsWith(PRODUCT);
    assertThat(browser.getTitle()).as(who).startsWith(PRODUCT);
    assertNoBanner(who);
    assertThat(visible(browser, ".create-task-action")).as(who + ": Create task").isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getText())
        .as(who)
        .doesNotContain("Create task", "Camunda 8");
    assertThat(visible(browser, ".tasks-list li.task .priority")).as(who + ": priority").isEmpty();
    for (WebElement card : visible(browser, ".tasks-list li.task")) {
      assertThat(card.getText().lines().map(String::strip))
          .as(who + ": a card shows no bare number")
          .noneMatch(line -> line.matches("\\d+"));
    }
  }

  /**
   * No banner is shown, and the page starts right under the header: the space the banner took is
   * gone too.
   */
  private void assertNoBanner(String where) {
    assertThat(visible(browser, ".ce-eol-banner")).as(where + ": EOL banner").isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getText())
        .as(where)
        .doesNotContain("migrate to Camunda");
    Number headerBottom =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.querySelector('[cam-widget-header]')"
                        + ".getBoundingClientRect().bottom");
    String bodyPadding =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript("return getComputedStyle(document.body).paddingTop");
    assertThat(headerBottom.doubleValue()).as(where + ": header height").isLessThanOrEqualTo(46);
    assertThat(bodyPadding).as(where + ": space above the page").isEqualTo("45px");
  }

  /** The header shows a user's full name: a person's, as in the screenshots. */
  private void named(String id, String first, String last) {
    org.camunda.bpm.engine.identity.User user =
        identity.createUserQuery().userId(id).singleResult();
    user.setFirstName(first);
    user.setLastName(last);
    identity.saveUser(user);
  }

  private void logIn(String user) {
    browser.manage().deleteAllCookies();
    WebappLogin.logIn(browser, webapp("tasklist"), user);
  }

  private WebElement waitForVisible(String css) {
    return new WebDriverWait(browser, PATIENCE)
        .until(driver -> visible(driver, css).stream().findFirst().orElse(null));
  }

  private static List<WebElement> visible(WebDriver driver, String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  private String visibleText(String css) {
    return String.join("\n", visible(browser, css).stream().map(WebElement::getText).toList());
  }

  private String webapp(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/default/";
  }

  private void screenshot(String name) {
    Screenshots.keep(browser, name);
  }
}
