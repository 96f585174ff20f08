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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.Awaiting;
import uk.ccmt.support.Chromium;
import uk.ccmt.support.NeedsChromium;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WebappLogin;

/**
 * Every kind of decision form, opened in Camunda's own Tasklist in a real browser (headless
 * Chromium), as the user whose task it is: its context is visible as people read it (defect titles,
 * the build, a deadline that names Europe/London), and no template, expression or regular
 * expression shows. A screenshot of each form is kept under target/tasklist-forms/.
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
      "ccmt.data-dir=target/browser-test-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class TasklistFormsBrowserTest {

  /**
   * How long the browser and the engine may take: waits end as soon as their condition holds, so
   * this costs nothing on a quiet machine and keeps a loaded one (two builds side by side) green.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

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

  @Autowired uk.ccmt.defect.DefectService defects;

  private WebDriver browser;
  private String loggedIn;
  private String week;
  private String brokenWeek;
  private final List<String> checked = new ArrayList<>();
  private final java.util.Set<String> formsOpened = new java.util.TreeSet<>();

  @BeforeAll
  void browserAndTeam() throws IOException {
    browser = Chromium.start("every form", "1280,2000");
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
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
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
        .atMost(PATIENCE)
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
            .atMost(PATIENCE)
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
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    String refusal =
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                driver -> {
                  String notes = driver.findElement(By.cssSelector(".notifications")).getText();
                  return notes.contains("Contact phone: ") ? notes : null;
                });
    screenshot("provideInformation-refused");
    assertThat(refusal)
        .contains("'call me' may hold only digits, spaces")
        .as("the field is named by its label, not its variable key")
        .doesNotContain("contactPhone")
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
            .atMost(PATIENCE)
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
            .atMost(PATIENCE)
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

  @Test
  @Order(11)
  @DisplayName(
      "11. The chases of a weekly release: its provisional note, its internal test results")
  void weeklyChases() {
    given.fixedDefectTitled("D-904", "Gas reads doubled on change of tenancy", "7.3.0");
    String third = startWeekInAFortnight(28);
    Task review = waitForTask(third, "reviewReleaseContents");
    fireTimer(third, "weeklyRelease", "Timer_ProvisionalNoteDeadline");
    assertThat(open("rachel", waitForTask(third, "chaseProvisionalReleaseNote")))
        .contains(third, "(Europe/London)");
    engine
        .getTaskService()
        .complete(
            review.getId(),
            Map.of(
                "excludedDefects", SpinValues.jsonValue("[]").create(), "buildVersion", "7.3.0"));
    waitForTask(third, "recordInternalTestResults");
    fireTimer(third, "weeklyRelease", "Timer_InternalTestCutOff");
    assertThat(open("rachel", waitForTask(third, "chaseInternalTestResults")))
        .contains(third, "7.3.0", "(Europe/London)");
  }

  @Test
  @Order(12)
  @DisplayName("12. The chase of an emergency release review names the S1 defect")
  void chaseReleaseReview() {
    given.s1DefectStoppingTests("D-960");
    waitForTask("E-D-960", "holdReleaseReview");
    fireTimer("E-D-960", "emergencyRelease", "Timer_ReviewDeadline");
    assertThat(open("rachel", waitForTask("E-D-960", "chaseReleaseReview")))
        .contains("E-D-960", "D-960", "(Europe/London)");
  }

  @Test
  @Order(13)
  @DisplayName(
      "13. Stakeholder agreement: an objection needs a reason, the tally, the decision without"
          + " agreement and a new time")
  void emergencyAgreement() {
    Task approval = waitForTask("E-D-950", "approveEmergencyFix");
    identity.setAuthentication("rachel", List.of("release-managers"));
    try {
      engine.getTaskService().complete(approval.getId(), Map.of("fixApproved", true));
    } finally {
      identity.clearAuthentication();
    }
    Task nle = agreementTaskOf("NLE");
    String form = open("paula", nle, "Does your organisation agree?");
    assertThat(form).contains("E-D-950", "D-950", "8.0.1", "Europe/London");
    browser.findElement(By.xpath("//label[contains(., 'No, we do not agree')]")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    String refusal = notificationContaining("say why your organisation does not agree");
    screenshot("agreeEmergencyDeployment-refused");
    assertThat(refusal)
        .contains("say why your organisation does not agree")
        .doesNotContain(NEVER_SHOWN)
        .doesNotContain("uk.ccmt", "java.", nle.getId());
    assertThat(engine.getTaskService().createTaskQuery().taskId(nle.getId()).count())
        .as("the objection without a reason leaves the task open")
        .isOne();
    browser.findElement(By.xpath("//label[contains(., 'Yes, we agree')]")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("NLE's answer")
        .atMost(PATIENCE)
        .until(() -> engine.getTaskService().createTaskQuery().taskId(nle.getId()).count() == 0);
    engine.getTaskService().complete(agreementTaskOf("CWE").getId(), Map.of("agreed", true));

    Task tally = waitForTask("E-D-950", "confirmStakeholderAgreement");
    assertThat(open("rachel", tally, "Answers of the stakeholders"))
        .contains("E-D-950", "2 organisations asked; 2 agreed", "Organisation NLE (NLE) – paula");
    engine
        .getTaskService()
        .complete(
            tally.getId(),
            Map.of("stakeholdersAgreed", false, "comment", "The deployment time moved"));

    Task decide = waitForTask("E-D-950", "decideWithoutStakeholderAgreement");
    assertThat(open("rachel", decide)).contains("E-D-950", "D-950", "8.0.1");
    // had the agreed time passed at the confirmation, the release managers would agree a new one
    engine
        .getRuntimeService()
        .createProcessInstanceModification(decide.getProcessInstanceId())
        .startBeforeActivity("agreeNewDeploymentTime")
        .execute();
    assertThat(open("rachel", waitForTask("E-D-950", "agreeNewDeploymentTime")))
        .contains("E-D-950", "D-950", "(Europe/London)");
  }

  @Test
  @Order(14)
  @DisplayName("14. A deployment held by a freeze: a blank reason is refused, an override deploys")
  void overrideFreeze() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    var declared =
        post(
            "/api/freezes",
            "{\"environments\":[\"CCMT\"],\"from\":\""
                + now.minusSeconds(60)
                + "\",\"to\":\""
                + now.plus(Duration.ofHours(3))
                + "\",\"reason\":\"Industry test window\"}");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    engine
        .getTaskService()
        .complete(
            waitForTask(week, "confirmReleaseContents").getId(),
            Map.of("contentsConfirmed", "true"));
    fireTimer(week, "weeklyRelease", "Timer_ThursdayDeploymentSlot");
    Task held = waitForTask(week, "overrideFreeze");
    String form = open("rachel", held, "Why this deployment may not wait");
    assertThat(form).contains(week, "CCMT", "7.1.0", "Industry test window", "(Europe/London)");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> form(driver).contains("Field is required"));
    screenshot("overrideFreeze-refused");
    assertThat(engine.getTaskService().createTaskQuery().taskId(held.getId()).count())
        .as("a blank reason leaves the deployment held")
        .isOne();
    browser
        .findElement(By.xpath("//label[contains(., 'may not wait')]/following::textarea[1]"))
        .sendKeys("The fix for meter reads cannot wait for the test window to end");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("the overridden deployment to CCMT")
        .atMost(PATIENCE)
        .until(
            () ->
                engine
                        .getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(held.getProcessInstanceId())
                        .activityId("Task_DeployRelease")
                        .finished()
                        .count()
                    == 1);
  }

  @Test
  @Order(15)
  @DisplayName("15. Every kind of information request, as the participant, and its chase")
  void informationRequests() throws Exception {
    var started =
        post(
            "/api/information-requests",
            "{\"types\":[\"CONTACT_DETAILS\",\"DEFECT_MANAGEMENT_ACCESS\",\"API_REGISTRATION\","
                + "\"IX_SETUP\",\"SFTP_INFORMATION\",\"REGISTRATION_CONFIRMATION\"],\"dueDate\":\""
                + LocalDate.now(LONDON).plusDays(10)
                + "\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    List<Task> requests =
        Awaitility.await("six requests to NLE")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("provideInformation")
                        .taskCandidateGroup("participant-NLE")
                        .taskUnassigned()
                        .list(),
                tasks -> tasks.size() == 6);
    for (Task request : requests) {
      assertThat(open("paula", request, "Due by (UK time, Europe/London)"))
          .contains("Organisation NLE (NLE)");
    }
    Task overdue = requests.get(0);
    fireTimer(overdue.getProcessInstanceId(), "Timer_RequestOverdue");
    Task chase =
        Awaitility.await("the chase of the overdue request")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .processInstanceId(overdue.getProcessInstanceId())
                        .taskDefinitionKey("chaseOverdueInformationRequest")
                        .singleResult(),
                task -> task != null);
    assertThat(open("rachel", chase, "What was agreed"))
        .as("the chase says whom, for what, and when it was due")
        .contains("Organisation NLE (NLE)", "GMT")
        .containsPattern("What was agreed[\\s\\S]*Organisation NLE \\(NLE\\)\\n[a-zA-Z]");
  }

  @Test
  @Order(16)
  @DisplayName("16. Partnering: the chase, the rejected pairs and the organisations left alone")
  void partneringDecisions() {
    String round =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("partnering")
            .singleResult()
            .getId();
    fireTimer(round, "Timer_ConfirmationsOverdue");
    Task chase = partneringTask("chaseUnconfirmedPartnerships");
    assertThat(open("rachel", chase, "Still to answer")).contains("CWE", "NLE");
    engine.getTaskService().complete(chase.getId(), Map.of("chaseOutcome", "They answer today"));
    // both organisations refuse each other; no other pair is left, so nobody is partnered
    Task alone =
        Awaitility.await("the organisations left without a partner")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(300))
            .until(
                () -> {
                  for (Task review : partneringTasks("reviewProposedMatches")) {
                    engine
                        .getTaskService()
                        .complete(review.getId(), Map.of("matchesApproved", true));
                  }
                  for (Task confirmation : partneringTasks("confirmPartnership")) {
                    engine
                        .getTaskService()
                        .complete(
                            confirmation.getId(),
                            Map.of(
                                "partnershipAccepted",
                                false,
                                "rejectionReason",
                                "no capacity this phase"));
                  }
                  List<Task> left = partneringTasks("findPartnersForUnpartneredOrganisations");
                  return left.isEmpty() ? null : left.get(0);
                },
                task -> task != null);
    assertThat(open("rachel", alone, "Organisations without a partner")).contains("CWE", "NLE");
    // with other organisations still to match, the rejected pairs go to the release managers
    engine
        .getRuntimeService()
        .createProcessInstanceModification(round)
        .startBeforeActivity("decideRejectedPairs")
        .execute();
    assertThat(open("rachel", partneringTask("decideRejectedPairs"), "Rejected pairs"))
        .contains("CWE", "NLE");
  }

  @Test
  @Order(17)
  @DisplayName("17. The S1 defect is raised from Tasklist's Start process, in its start form")
  void raiseS1Defect() {
    var definition =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey("emergencyRelease")
            .latestVersion()
            .singleResult();
    logIn("rachel");
    browser.get(tasklist());
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                !driver.findElements(By.xpath("//a[contains(., 'Start process')]")).isEmpty());
    browser.findElement(By.xpath("//a[contains(., 'Start process')]")).click();
    By choice = By.xpath("//a[normalize-space()='" + definition.getName() + "']");
    wait.until(driver -> !driver.findElements(choice).isEmpty());
    browser.findElement(choice).click();
    String form =
        wait.ignoring(StaleElementReferenceException.class)
            .until(driver -> form(driver).contains("Defect id") ? form(driver) : null);
    screenshot("raiseS1Defect");
    assertThat(form).contains("Raise S1 defect", "Title").doesNotContain(NEVER_SHOWN);
    formsOpened.add(
        engine
            .getRepositoryService()
            .getBpmnModelInstance(definition.getId())
            .getModelElementById("StartEvent_S1DefectRaisedInTasklist")
            .getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef"));
  }

  @Test
  @Order(18)
  @DisplayName(
      "18. A raised defect: its analysis, the raiser's information, the fix, its chase and the"
          + " raiser's confirmation")
  void defectFix() {
    given.user("tessa", "test-team");
    defects.raise(
        new uk.ccmt.defect.DefectService.NewDefect(
            "D-970", "Meter reads rejected after a switch", "S3", false, "Meter reads", "tessa"));
    String key = "D-D-970";
    Task analysis = waitForTask(key, "analyseDefect");
    assertThat(open("devon", analysis))
        .contains(
            "Meter reads rejected after a switch (severity S3, component Meter reads)",
            "Raised by: tessa",
            "Target time of the fix:",
            "(Europe/London)",
            "Duplicate of",
            "Comment");
    engine
        .getTaskService()
        .complete(analysis.getId(), Map.of("outcome", "MORE_INFORMATION", "comment", "Which?"));
    Task information = waitForTask(key, "provideDefectInformation");
    assertThat(open("tessa", information)).contains("D-970", "More information");
    engine
        .getTaskService()
        .complete(information.getId(), Map.of("information", "Smart meters only"));
    analysis = waitForTask(key, "analyseDefect");
    assertThat(open("devon", analysis)).contains("More information from the raiser: Smart meters");
    engine.getTaskService().complete(analysis.getId(), Map.of("outcome", "ACCEPTED"));
    fireTimer(key, "defectFix", "StartEvent_TargetTimePassed");
    assertThat(open("rachel", waitForTask(key, "chaseDefectFix")))
        .contains("D-970", "Target time of the fix:");
    Task delivery = waitForTask(key, "deliverDefectFix");
    assertThat(open("devon", delivery)).contains("D-970", "Build version");
    engine.getTaskService().complete(delivery.getId(), Map.of("buildVersion", "7.9.0"));
    // as its release running in CCMT tells it
    engine
        .getRuntimeService()
        .createMessageCorrelation("DefectReleased")
        .processInstanceBusinessKey(key)
        .correlate();
    assertThat(open("tessa", waitForTask(key, "confirmDefectFix")))
        .contains("D-970", "Build released: 7.9.0", "Confirm by:", "Is the defect fixed?");
  }

  @Test
  @Order(21)
  @DisplayName(
      "21. Document review: a comment without its reference is refused, and the release manager"
          + " responds to every comment")
  void documentReview() throws Exception {
    java.net.http.HttpResponse<String> started =
        post(
            "/api/reviews",
            "{\"title\":\"Release Management Plan\",\"version\":\"1.0\","
                + "\"documentUrl\":\"https://ccmt.example/plan-v1.0.pdf\",\"dueDate\":\""
                + LocalDate.now(LONDON).plusDays(14)
                + "\",\"participants\":[\"NLE\"]}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String review =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(started.body())
            .path("id")
            .asText();
    Task request = waitForTask(review, "reviewDocument");
    assertThat(request.getName()).startsWith("Review Release Management Plan v1.0 by ");
    String form = open("paula", request, "Review the document");
    assertThat(form)
        .contains(review, "Organisation NLE (NLE)", "https://ccmt.example/plan-v1.0.pdf")
        .contains("Europe/London", "We have no comments on this document");

    By comments = By.cssSelector("textarea[id$='Field_Comments']");
    browser.findElement(comments).sendKeys("The freeze window is too short");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    String refusal = notificationContaining("section or page reference");
    screenshot("reviewDocument-refused");
    assertThat(refusal)
        .contains("section or page reference")
        .as("named by its label, which ends with the key, once")
        .contains("Your comments: line 1")
        .doesNotContain("Your Your")
        .doesNotContain(NEVER_SHOWN)
        .doesNotContain("uk.ccmt", "java.", request.getId());
    assertThat(engine.getTaskService().createTaskQuery().taskId(request.getId()).count())
        .as("the comment without its reference leaves the task open")
        .isOne();
    browser.findElement(comments).clear();
    browser.findElement(comments).sendKeys("3.2: The freeze window should start on the Monday");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("NLE's comments")
        .atMost(PATIENCE)
        .until(
            () -> engine.getTaskService().createTaskQuery().taskId(request.getId()).count() == 0);

    Task consolidate = waitForTask(review, "consolidateReviewComments");
    String consolidation = open("rachel", consolidate, "Consolidate review comments");
    assertThat(consolidation)
        .contains(
            review,
            "1 organisation asked; 1 answered",
            "1. Organisation NLE (NLE), 3.2: The freeze window should start on the Monday",
            "1: noted");
    By responses = By.cssSelector("textarea[id$='Field_Responses']");
    browser.findElement(responses).clear();
    browser.findElement(responses).sendKeys("1: rejected");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    String rejected = notificationContaining("line 1");
    screenshot("consolidateReviewComments-refused");
    assertThat(rejected).contains("line 1", "reason").doesNotContain(NEVER_SHOWN);
    browser.findElement(responses).clear();
    browser.findElement(responses).sendKeys("1: accepted");
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("the consolidation")
        .atMost(PATIENCE)
        .until(
            () ->
                engine.getTaskService().createTaskQuery().taskId(consolidate.getId()).count() == 0);
  }

  @Test
  @Order(20)
  @DisplayName(
      "20. A participant raises a query from Start process, its only process; the release"
          + " managers and the development team open it")
  void participantQuery() {
    given.participant("NLQ", "LARGE_SUPPLIER", "trials@nlq.example");
    given.organisationUser("quinn", "NLQ");
    logIn("quinn");
    browser.get(tasklist());
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            driver ->
                !driver.findElements(By.xpath("//a[contains(., 'Start process')]")).isEmpty());
    browser.findElement(By.xpath("//a[contains(., 'Start process')]")).click();
    By choice = By.xpath("//a[normalize-space()='Participant query']");
    wait.until(driver -> !driver.findElements(choice).isEmpty());
    String offered = browser.findElement(By.cssSelector(".modal-body")).getText();
    assertThat(offered)
        .as("the one process an organisation starts")
        .contains("Participant query")
        .doesNotContain(
            "Emergency release",
            "Information request",
            "Defect fix",
            "Weekly release",
            "Partnering",
            "Emergency deployment agreement");
    browser.findElement(choice).click();
    String form =
        wait.ignoring(StaleElementReferenceException.class)
            .until(driver -> form(driver).contains("Your question") ? form(driver) : null);
    screenshot("raiseQuery");
    assertThat(form).contains("Raise a query", "Subject", "Relates to").doesNotContain(NEVER_SHOWN);
    browser
        .findElement(By.cssSelector("input[id$='Field_Subject']"))
        .sendKeys("Meter read cut-off");
    browser
        .findElement(By.cssSelector("textarea[id$='Field_Text']"))
        .sendKeys("When is the cut-off for meter reads?");
    browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
    formsOpened.add("raiseQuery");

    Task answer =
        Awaitility.await("the query raised in Tasklist")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .processDefinitionKey("participantQuery")
                        .taskDefinitionKey("answerQuery")
                        .tenantIdIn("NLQ")
                        .singleResult(),
                task -> task != null);
    assertThat(open("rachel", answer))
        .contains(
            "Answer query",
            "Organisation NLQ (NLQ)",
            "Meter read cut-off",
            "When is the cut-off for meter reads?",
            "Answer by:",
            "(Europe/London)",
            "What to do",
            "Publish on the CCMT web page",
            "Comment");
    engine.getTaskService().complete(answer.getId(), Map.of("route", "development"));
    Task contribution =
        Awaitility.await("the development team asked")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("contributeToQuery")
                        .tenantIdIn("NLQ")
                        .singleResult(),
                task -> task != null);
    assertThat(open("devon", contribution))
        .contains(
            "Contribute to query", "When is the cut-off for meter reads?", "Your contribution");
  }

  @Test
  @Order(22)
  @DisplayName(
      "22. A release note acknowledged in Tasklist by its organisation, and the release managers'"
          + " chase of the others")
  void acknowledgeReleaseNote() {
    // the emergency note of E-D-950 (step 13) asks each organisation to acknowledge it
    Task nle =
        Awaitility.await("the acknowledgement asked of NLE")
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getTaskService()
                        .createTaskQuery()
                        .taskDefinitionKey("acknowledgeReleaseNote")
                        .tenantIdIn("NLE")
                        .list(),
                tasks -> !tasks.isEmpty())
            .get(0);
    String roundKey =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(nle.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();
    String form = open("paula", nle, "We have read this release note");
    assertThat(form).contains("Organisation NLE (NLE)", "Emergency release note", "Europe/London");
    browser.findElement(By.xpath("//label[contains(., 'We have read this release note')]")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
    Awaitility.await("NLE's acknowledgement")
        .atMost(PATIENCE)
        .until(() -> engine.getTaskService().createTaskQuery().taskId(nle.getId()).count() == 0);

    fireTimer(roundKey, "releaseNoteAcknowledgements", "Timer_AcknowledgementWindowPassed");
    Task chase = waitForTask(roundKey, "chaseNoteAcknowledgements");
    assertThat(open("rachel", chase, "Not acknowledged yet"))
        .contains("Emergency release note")
        .doesNotContain("Organisation NLE (NLE)");
  }

  @Test
  @Order(99)
  @DisplayName("99. Every Camunda Form of forms/ was opened in Tasklist above")
  void everyFormWasOpened() throws IOException {
    java.util.Set<String> forms;
    try (var files = Files.list(Path.of("forms"))) {
      forms =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".form"))
              .map(name -> name.substring(0, name.length() - ".form".length()))
              .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
    assertThat(formsOpened)
        .as("a form without a browser check: open it in a step of this class")
        .isEqualTo(forms);
  }

  private Task agreementTaskOf(String code) {
    return Awaitility.await("the agreement asked of " + code)
        .atMost(PATIENCE)
        .until(
            () ->
                engine
                    .getTaskService()
                    .createTaskQuery()
                    .taskDefinitionKey("agreeEmergencyDeployment")
                    .tenantIdIn(code)
                    .singleResult(),
            task -> task != null);
  }

  private Task partneringTask(String taskKey) {
    return Awaitility.await(taskKey)
        .atMost(PATIENCE)
        .until(() -> partneringTasks(taskKey), tasks -> tasks.size() == 1)
        .get(0);
  }

  private List<Task> partneringTasks(String taskKey) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processDefinitionKey("partnering")
        .taskDefinitionKey(taskKey)
        .list();
  }

  private String notificationContaining(String word) {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver -> {
              String notes = driver.findElement(By.cssSelector(".notifications")).getText();
              return notes.contains(word) ? notes : null;
            });
  }

  /** Fires the timer of a process, as an operator would in Cockpit, once it is there. */
  private void fireTimer(String businessKey, String processKey, String timerId) {
    Awaiting.fireTimer(engine, businessKey, processKey, timerId);
  }

  private void fireTimer(String processInstanceId, String timerId) {
    Awaiting.fireTimer(engine, processInstanceId, timerId);
  }

  /** The Camunda Form the task shows, as Tasklist finds it. */
  private String formOf(Task task) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .taskId(task.getId())
        .initializeFormKeys()
        .singleResult()
        .getCamundaFormRef()
        .getKey();
  }

  /** What the form's fields hold: the context Tasklist filled in. */
  private String values() {
    return String.valueOf(
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll("
                    + "'.fjs-form input:not([type=radio]), .fjs-form textarea'))"
                    + ".map(e => e.value).join('\\n');"));
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
    fireTimer(instance, "Timer_CycleStart");
    return releaseId;
  }

  private Task waitForTask(String businessKey, String taskKey) {
    return Awaiting.task(engine, businessKey, taskKey);
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
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    // Tasklist renders the form again once the task's variables are in: wait until it settles
    try {
      wait.ignoring(StaleElementReferenceException.class)
          .until(driver -> form(driver).contains(shownOnceLoaded));
    } catch (org.openqa.selenium.TimeoutException notShown) {
      screenshot(task.getTaskDefinitionKey() + "-not-shown");
      throw notShown;
    }
    String text =
        wait.ignoring(StaleElementReferenceException.class).until(driver -> form(driver))
            + "\n"
            + values();
    screenshot(formOf(task));
    assertThat(text).as("%s as %s", task.getTaskDefinitionKey(), user).doesNotContain(NEVER_SHOWN);
    assertThat(text).doesNotContainPattern("\\b[0-9a-f]{8}-[0-9a-f]{4}-");
    checked.add(task.getTaskDefinitionKey());
    formsOpened.add(formOf(task));
    return text;
  }

  private void logIn(String user) {
    if (user.equals(loggedIn)) {
      return;
    }
    if (loggedIn != null) {
      browser.manage().deleteAllCookies();
    }
    WebappLogin.logIn(browser, tasklist(), user);
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
