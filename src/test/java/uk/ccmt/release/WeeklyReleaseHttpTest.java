package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
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
 * One regular week end to end, driven the way its users drive it: the product API and the engine
 * REST API over real HTTP, on the whole application with its job executor running and the shipped
 * deployment and smoke-test scripts. Only the users are set up behind the API's back.
 *
 * <p>A context of its own, closed after the class: its job executor must not keep running beside
 * the shared {@code @CcmtTest} context, whose tests move the engine clock.
 *
 * <p>The week is told in ordered steps that share the test instance's fields; once a step fails,
 * {@link StepwiseExtension} skips the later ones.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-environments",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh",
      "camunda.bpm.admin-user.id=" + WeeklyReleaseHttpTest.ADMIN,
      "camunda.bpm.admin-user.password=" + WeeklyReleaseHttpTest.ADMIN_PASSWORD
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class WeeklyReleaseHttpTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "http-test-admin-password";

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";

  private static final Path ENVIRONMENTS = Path.of("target/http-test-environments");
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");

  /** Deployments run the real scripts through the job executor: generous, but polled often. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Autowired TestData given;

  // --- what the steps leave for the later ones ------------------------------------------------

  private String releaseId;
  private String weeklyRelease;
  private String review;
  private JsonNode release;

  @BeforeAll
  void teamAndCleanEnvironments() {
    FileSystemUtils.deleteRecursively(ENVIRONMENTS.toFile());
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
  }

  @Test
  @Order(1)
  @DisplayName("1. Nobody gets in without credentials")
  void nobodyGetsInWithoutCredentials() {
    for (String path : List.of("/api/defects", "/engine-rest/task")) {
      ResponseEntity<JsonNode> anonymous = anonymous().get(path);
      assertThat(anonymous.getStatusCode())
          .as("GET %s without credentials", path)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    }
  }

  @Test
  @Order(2)
  @DisplayName("2. The release manager raises two defects, and the development team fixes them")
  void twoDefectsAreRaisedAndFixed() {
    for (String defectId : List.of("D-201", "D-202")) {
      assertThat(
              as(RELEASE_MANAGER)
                  .post(
                      "/api/defects",
                      Map.of(
                          "id",
                          defectId,
                          "title",
                          "Switching defect " + defectId,
                          "severity",
                          "S2",
                          "stopsTesting",
                          false,
                          "component",
                          "Switching",
                          "raisedBy",
                          "CCMT test team"))
                  .getStatusCode())
          .isEqualTo(HttpStatus.CREATED);
      ResponseEntity<JsonNode> fixed =
          as(DEVELOPER).post("/api/defects/" + defectId + "/fix", Map.of("buildVersion", "5.0.0"));
      assertThat(fixed.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(fixed.getBody().path("status").asText()).isEqualTo("FIXED");
    }
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. The release manager starts the week's release, and an operator starts its cycle early")
  void theReleaseManagerStartsTheWeeksRelease() {
    String week = WeeklyReleaseOverHttp.weekWhoseThursdayIsStillAhead(CALENDAR_ZONE);
    ResponseEntity<JsonNode> started =
        as(RELEASE_MANAGER).post("/api/releases/weekly", Map.of("week", week));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    releaseId = started.getBody().path("id").asText();
    assertThat(releaseId).isEqualTo("R-" + week);
    weeklyRelease =
        WeeklyReleaseOverHttp.weeklyReleaseInstance(as(ADMIN, ADMIN_PASSWORD), releaseId);

    // instead of waiting for Monday 09:00
    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_CycleStart");
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. The release managers' review refuses a defect that is not in the release, and stays"
          + " open")
  void theReviewRefusesADefectNotInTheRelease() {
    review = awaitTask(RELEASE_MANAGER, releaseId, "reviewReleaseContents");
    ResponseEntity<JsonNode> refused =
        as(RELEASE_MANAGER)
            .complete(
                review,
                Map.of("excludedDefects", json("[\"NOPE\"]"), "buildVersion", string("5.0.1")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains("excludedDefects", "NOPE is not in release " + releaseId);
    assertThat(as(RELEASE_MANAGER).get("/engine-rest/task/" + review).getStatusCode())
        .as("the review stays open")
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(5)
  @DisplayName("5. The review keeps one defect, leaves the other out, and settles the build")
  void theReviewKeepsOneDefectAndSettlesTheBuild() {
    assertThat(
            as(RELEASE_MANAGER)
                .complete(
                    review,
                    Map.of("excludedDefects", json("[\"D-202\"]"), "buildVersion", string("5.0.1")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(6)
  @DisplayName("6. Once DEV1, QAS1 and QAS2 run the release, the test team signs it off")
  void theTestTeamSignsOffInternalTesting() {
    String internalTesting = awaitTask(TESTER, releaseId, "recordInternalTestResults");
    assertThat(
            each(
                as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody().path("deployments"),
                "environment"))
        .as("deployed before the sign-off")
        .containsExactly("DEV1", "QAS1", "QAS2");
    assertThat(
            as(TESTER)
                .complete(internalTesting, Map.of("failedDefects", json("[]")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(7)
  @DisplayName(
      "7. The release manager confirms the contents, and an operator opens the Thursday slot"
          + " early")
  void theContentsAreConfirmedAndTheThursdaySlotOpens() {
    String confirmation = awaitTask(RELEASE_MANAGER, releaseId, "confirmReleaseContents");
    assertThat(
            as(RELEASE_MANAGER)
                .complete(confirmation, Map.of("contentsConfirmed", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_ThursdayDeploymentSlot");
  }

  @Test
  @Order(8)
  @DisplayName("8. The release runs in CCMT with its final note")
  void theReleaseRunsInCcmtWithItsFinalNote() {
    release =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody(),
                body ->
                    body.path("status").asText().equals("DEPLOYED")
                        && each(body.path("notes"), "kind").contains("FINAL"));

    JsonNode deployments = release.path("deployments");
    assertThat(each(deployments, "environment")).containsExactly("DEV1", "QAS1", "QAS2", "CCMT");
    for (JsonNode deployment : deployments) {
      String environment = deployment.path("environment").asText();
      assertThat(deployment.path("outcome").asText())
          .as("outcome in %s", environment)
          .isEqualTo("PASSED");
      assertThat(deployment.path("attempt").asInt()).as("attempt in %s", environment).isEqualTo(1);
      assertThat(deployment.path("buildVersion").asText())
          .as("build in %s", environment)
          .isEqualTo("5.0.1");
      assertThat(deployment.path("exitCode").isInt()).as("exit code in %s", environment).isTrue();
      assertThat(deployment.path("exitCode").asInt()).as("exit code in %s", environment).isZero();
      assertThat(deployment.path("output").asText())
          .as("output in %s", environment)
          .contains("Deployed " + releaseId + " build 5.0.1 to " + environment);
    }
    assertThat(release.path("buildVersion").asText()).isEqualTo("5.0.1");
    assertThat(strings(release.path("defects"))).containsExactly("D-201");
    assertThat(each(release.path("removedDefects"), "id")).containsExactly("D-202");
    assertThat(each(release.path("removedDefects"), "reason"))
        .containsExactly("EXCLUDED_AT_REVIEW");
    assertThat(each(release.path("notes"), "kind")).containsExactly("PROVISIONAL", "FINAL");
  }

  @Test
  @Order(9)
  @DisplayName("9. The kept defect is released, and the one left out is a candidate again")
  void theKeptDefectIsReleasedAndTheOneLeftOutIsACandidateAgain() {
    JsonNode kept = as(RELEASE_MANAGER).get("/api/defects/D-201").getBody();
    assertThat(kept.path("status").asText()).isEqualTo("RELEASED");
    assertThat(kept.path("releaseId").asText()).isEqualTo(releaseId);
    JsonNode leftOut = as(RELEASE_MANAGER).get("/api/defects/D-202").getBody();
    assertThat(leftOut.path("status").asText()).isEqualTo("FIXED");
    assertThat(leftOut.path("releaseId").asText(null)).as("D-202 is in no release").isNull();
  }

  @Test
  @Order(10)
  @DisplayName("10. CCMT runs it, as the route to live and the environment's own manifest say")
  void ccmtRunsIt() throws IOException {
    JsonNode ccmt =
        StreamSupport.stream(
                as(RELEASE_MANAGER).get("/api/environments").getBody().spliterator(), false)
            .filter(environment -> environment.path("name").asText().equals("CCMT"))
            .findFirst()
            .orElseThrow();
    assertThat(ccmt.path("releaseId").asText()).isEqualTo(releaseId);
    assertThat(ccmt.path("buildVersion").asText()).isEqualTo("5.0.1");
    assertThat(Files.readAllLines(ENVIRONMENTS.resolve("environments/CCMT/release.manifest")))
        .contains("release=" + releaseId, "build=5.0.1");
  }

  @Test
  @Order(11)
  @DisplayName("11. Both notes are on the public web page, which needs no login")
  void bothNotesAreOnThePublicWebPage() {
    ResponseEntity<String> page = anonymous().page("/releases/" + releaseId);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains(
            "Final release note " + releaseId,
            "Provisional release note " + releaseId,
            "D-201",
            "Switching defect D-201",
            "left out at the release review");
    assertThat(anonymous().page("/releases").getBody())
        .contains(
            "/releases/" + releaseId + "#final-1", "/releases/" + releaseId + "#provisional-1");
  }

  // --- the week --------------------------------------------------------------------------------

  /** This ISO week in the calendar zone, or the next one when this week's Thursday has passed. */
  // --- the engine REST API, as an operator and the teams use it --------------------------------

  /**
   * Fires a waiting timer through the engine REST API. When its date has already passed, the job
   * executor may fire it first: then there is nothing left to fire.
   */
  /** The one open task with this key in the release, as the user who works it finds it. */
  private String awaitTask(String user, String releaseId, String taskKey) {
    return as(user).awaitTask(releaseId, taskKey, PATIENCE);
  }

  /** The field of every object in a JSON array, as text. */
  private static List<String> each(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(item -> item.path(field).asText())
        .toList();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  // --- HTTP ------------------------------------------------------------------------------------

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private HttpCaller as(String user, String password) {
    return HttpCaller.as(port, user, password);
  }

  private HttpCaller anonymous() {
    return HttpCaller.anonymous(port);
  }
}
