package uk.ccmt.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WeeklyReleaseOverHttp;
import uk.ccmt.system.Groups;

/**
 * Issue 15's Done-when for defectFix, over real HTTP on the whole application with its job
 * executor: an S3 raised by an organisation's user becomes a development task; it is analysed,
 * fixed in a build, released on Thursday and confirmed by the raiser in its own Tasklist (the
 * engine REST API as that organisation's user), and ends CLOSED. A second defect fails internal
 * testing and is back with the development team, with the test team's reason on its form.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-environments-defect-fix",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh",
      "camunda.bpm.admin-user.id=" + DefectFixHttpTest.ADMIN,
      "camunda.bpm.admin-user.password=" + DefectFixHttpTest.ADMIN_PASSWORD
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class DefectFixHttpTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "http-test-admin-password";

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final String ORGANISATION_USER = "nora";

  private static final String RAISED = "D-301";
  private static final String FAILING = "D-302";

  private static final Path ENVIRONMENTS = Path.of("target/http-test-environments-defect-fix");
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Autowired TestData given;

  private String releaseId;
  private String weeklyRelease;

  @BeforeAll
  void teamAndCleanEnvironments() {
    FileSystemUtils.deleteRecursively(ENVIRONMENTS.toFile());
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser(ORGANISATION_USER, "NLE");
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. An organisation's user raises an S3, and the tester an S2: both are development tasks")
  void raisedDefectsBecomeDevelopmentTasks() {
    raise(ORGANISATION_USER, RAISED, "S3");
    raise(TESTER, FAILING, "S2");
    for (String defect : List.of(RAISED, FAILING)) {
      String analysis = as(DEVELOPER).awaitTask("D-" + defect, "analyseDefect", PATIENCE);
      assertThat(
              as(DEVELOPER)
                  .complete(analysis, Map.of("outcome", string("ACCEPTED")))
                  .getStatusCode())
          .isEqualTo(HttpStatus.NO_CONTENT);
    }
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. The development team delivers the fixes in a build, in Tasklist and over the API: both"
          + " are candidates")
  void theFixesAreDelivered() {
    String delivery = as(DEVELOPER).awaitTask("D-" + RAISED, "deliverDefectFix", PATIENCE);
    assertThat(
            as(DEVELOPER)
                .complete(delivery, Map.of("buildVersion", string("6.0.0")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    String overTheApi = as(DEVELOPER).awaitTask("D-" + FAILING, "deliverDefectFix", PATIENCE);
    assertThat(
            as(DEVELOPER)
                .post("/api/defects/" + FAILING + "/fix", Map.of("buildVersion", "6.0.0"))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            as(RELEASE_MANAGER)
                .get("/engine-rest/history/task?taskId=" + overTheApi)
                .getBody()
                .path(0)
                .path("assignee")
                .asText())
        .as("the fix given over the API completes the same task, as the developer who gave it")
        .isEqualTo(DEVELOPER);

    for (String defect : List.of(RAISED, FAILING)) {
      assertThat(
              as(RELEASE_MANAGER).get("/api/defects/" + defect).getBody().path("status").asText())
          .isEqualTo("FIXED");
    }
  }

  @Test
  @Order(3)
  @DisplayName("3. The week's release takes both; internal testing fails one, with the reason")
  void theWeeksReleaseTakesBothAndInternalTestingFailsOne() {
    String week = WeeklyReleaseOverHttp.weekWhoseThursdayIsStillAhead(CALENDAR_ZONE);
    ResponseEntity<JsonNode> started =
        as(RELEASE_MANAGER).post("/api/releases/weekly", Map.of("week", week));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    releaseId = started.getBody().path("id").asText();
    weeklyRelease =
        WeeklyReleaseOverHttp.weeklyReleaseInstance(as(ADMIN, ADMIN_PASSWORD), releaseId);
    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_CycleStart");

    String review = as(RELEASE_MANAGER).awaitTask(releaseId, "reviewReleaseContents", PATIENCE);
    assertThat(
            as(RELEASE_MANAGER)
                .complete(
                    review, Map.of("excludedDefects", json("[]"), "buildVersion", string("6.0.0")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    String testing = as(TESTER).awaitTask(releaseId, "recordInternalTestResults", PATIENCE);
    assertThat(
            as(TESTER)
                .complete(
                    testing,
                    Map.of(
                        "failedDefects",
                        json("[\"" + FAILING + "\"]"),
                        "comment",
                        string("Meter reads still rejected in QAS2")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. The failed defect is back with the development team, with the test team's reason")
  void theFailedDefectIsBackWithTheDevelopmentTeam() {
    String again = as(DEVELOPER).awaitTask("D-" + FAILING, "deliverDefectFix", PATIENCE);
    JsonNode context =
        as(DEVELOPER).get("/engine-rest/task/" + again + "/localVariables").getBody();
    assertThat(context.path("contextRemoved").path("value").asText())
        .contains("Failed internal testing in", "Meter reads still rejected in QAS2");
    assertThat(as(RELEASE_MANAGER).get("/api/defects/" + FAILING).getBody().path("status").asText())
        .isEqualTo("RAISED");
  }

  @Test
  @Order(5)
  @DisplayName("5. The contents are confirmed and the release runs in CCMT on Thursday")
  void theReleaseRunsInCcmt() {
    String confirmation =
        as(RELEASE_MANAGER).awaitTask(releaseId, "confirmReleaseContents", PATIENCE);
    assertThat(
            as(RELEASE_MANAGER)
                .complete(confirmation, Map.of("contentsConfirmed", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_ThursdayDeploymentSlot");
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> as(RELEASE_MANAGER).get("/api/defects/" + RAISED).getBody(),
            body -> body.path("status").asText().equals("RELEASED"));
  }

  @Test
  @Order(6)
  @DisplayName("6. The raiser confirms the fix in its own Tasklist, and the defect is CLOSED")
  void theRaiserConfirmsTheFix() {
    String confirm = as(ORGANISATION_USER).awaitTask("D-" + RAISED, "confirmDefectFix", PATIENCE);
    assertThat(as(TESTER).get("/engine-rest/task?taskDefinitionKey=confirmDefectFix").getBody())
        .as("the test team is not the raiser")
        .isEmpty();
    assertThat(
            as(ORGANISATION_USER)
                .complete(confirm, Map.of("fixConfirmed", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode closed = as(RELEASE_MANAGER).get("/api/defects/" + RAISED).getBody();
    assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.path("closureReason").asText()).isEqualTo("fix confirmed by the raiser");
  }

  private void raise(String user, String id, String severity) {
    ResponseEntity<JsonNode> raised =
        as(user)
            .post(
                "/api/defects",
                Map.of(
                    "id",
                    id,
                    "title",
                    "Meter read defect " + id,
                    "severity",
                    severity,
                    "stopsTesting",
                    false,
                    "component",
                    "Meter reads",
                    "raisedBy",
                    user));
    assertThat(raised.getStatusCode()).as("%s raises %s", user, id).isEqualTo(HttpStatus.CREATED);
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private HttpCaller as(String user, String password) {
    return HttpCaller.as(port, user, password);
  }
}
