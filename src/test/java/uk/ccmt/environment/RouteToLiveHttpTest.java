package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
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
import uk.ccmt.system.Groups;

/**
 * The route to live over real HTTP alone, on the whole application with its job executor running:
 * two baselines meet in the internal test environment, a CCMT smoke failure is fixed with a
 * corrected build, an older build is refused in CCMT, and a recorded rollback goes back. The test
 * scripts (src/test/resources/scripts) fail as the build versions ask.
 *
 * <p>The story is told in ordered steps that share the test instance's fields; once a step fails,
 * {@link StepwiseExtension} skips the later ones.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/route-http-test-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh",
      "ccmt.deployment.environment-wait=PT1S",
      "camunda.bpm.job-execution.wait-time-in-millis=200",
      "camunda.bpm.job-execution.max-wait=1000",
      "camunda.bpm.admin-user.id=" + RouteToLiveHttpTest.ADMIN,
      "camunda.bpm.admin-user.password=" + RouteToLiveHttpTest.ADMIN_PASSWORD
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class RouteToLiveHttpTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "route-test-admin-password";

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @LocalServerPort int port;

  @Autowired TestData given;

  // --- what the steps leave for the later ones ------------------------------------------------

  /** The baseline whose first build fails its smoke tests in CCMT. */
  private String first;

  /** The baseline that reaches internal testing while the first holds QAS2. */
  private String second;

  private String firstSignOff;
  private String secondSignOff;
  private String correction;

  @BeforeAll
  void team() {
    FileSystemUtils.deleteRecursively(
        java.nio.file.Path.of("target/route-http-test-environments").toFile());
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. A baseline whose build fails its smoke tests in CCMT only awaits sign-off in QAS2")
  void aBaselineAwaitsSignOffInQas2() {
    first = create("3.0.0-smoke-fails-in-CCMT");
    firstSignOff = awaitTask(TESTER, first, "recordInternalTestResults");
  }

  @Test
  @Order(2)
  @DisplayName("2. A second release that reaches internal testing meanwhile waits for QAS2")
  void aSecondReleaseWaitsForQas2() {
    second = create("3.1.0");
    await().atMost(PATIENCE).until(() -> environments(second).contains("QAS1"));
    JsonNode qas2 = environment("QAS2");
    assertThat(qas2.path("releaseId").asText()).isEqualTo(first);
    assertThat(qas2.path("heldBy").asText()).isEqualTo(first);
    assertThat(qas2.path("heldSince").isTextual()).isTrue();
    assertThat(environments(second)).as("%s waits for QAS2", second).doesNotContain("QAS2");
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. Once the first is signed off, the second takes QAS2, the first fails its smoke tests in"
          + " CCMT, and a blank corrected build is refused")
  void theFirstFailsInCcmtAndABlankBuildIsRefused() {
    signOff(firstSignOff);
    correction = awaitTask(DEVELOPER, first, "correctReleaseErrors");
    secondSignOff = awaitTask(TESTER, second, "recordInternalTestResults");
    ResponseEntity<JsonNode> blank =
        as(DEVELOPER).complete(correction, Map.of("buildVersion", string(" ")));
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().path("message").asText()).contains("buildVersion", "is required");
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. The second, signed off, waits for CCMT while the first's failed deployment holds it,"
          + " and goes live once the development team gives a corrected build")
  void theSecondGoesLiveOnceTheFirstHasACorrectedBuild() {
    signOff(secondSignOff);
    assertThat(
            as(DEVELOPER)
                .complete(correction, Map.of("buildVersion", string("3.0.1")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(PATIENCE).until(() -> status(second).equals("DEPLOYED"));
  }

  @Test
  @Order(5)
  @DisplayName("5. The corrected build goes along the route again and is signed off in QAS2")
  void theCorrectedBuildIsSignedOffInQas2() {
    signOff(awaitTask(TESTER, first, "recordInternalTestResults"));
  }

  @Test
  @Order(6)
  @DisplayName(
      "6. The corrected build ran in DEV1, QAS1 and QAS2, was signed off, and only then in CCMT")
  void theCorrectedBuildRanInCcmtOnlyAfterItsSignOff() {
    JsonNode release =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> as(RELEASE_MANAGER).get("/api/releases/" + first).getBody(),
                body -> body.path("status").asText().equals("DEPLOYED"));
    List<String> attempts =
        StreamSupport.stream(release.path("deployments").spliterator(), false)
            .map(
                a ->
                    a.path("environment").asText()
                        + " "
                        + a.path("buildVersion").asText()
                        + " "
                        + a.path("outcome").asText())
            .toList();
    assertThat(attempts)
        .containsExactly(
            "DEV1 3.0.0-smoke-fails-in-CCMT PASSED",
            "QAS1 3.0.0-smoke-fails-in-CCMT PASSED",
            "QAS2 3.0.0-smoke-fails-in-CCMT PASSED",
            "CCMT 3.0.0-smoke-fails-in-CCMT SMOKE_TEST_FAILED",
            "DEV1 3.0.1 PASSED",
            "QAS1 3.0.1 PASSED",
            "QAS2 3.0.1 PASSED",
            "CCMT 3.0.1 PASSED");
    JsonNode signedOff =
        StreamSupport.stream(release.path("environments").spliterator(), false)
            .filter(
                p ->
                    p.path("environment").asText().equals("QAS2")
                        && p.path("buildVersion").asText().equals("3.0.1"))
            .findFirst()
            .orElseThrow();
    Instant liveStarted =
        Instant.parse(release.path("deployments").get(7).path("startedAt").asText());
    assertThat(Instant.parse(signedOff.path("passedAt").asText())).isBefore(liveStarted);
    JsonNode lineage = release.path("builds").get(release.path("builds").size() - 1);
    assertThat(lineage.path("buildVersion").asText()).isEqualTo("3.0.1");
    assertThat(lineage.path("replaces").asText()).isEqualTo("3.0.0-smoke-fails-in-CCMT");
    assertThat(lineage.path("reason").asText()).contains("failed in CCMT");
  }

  @Test
  @Order(7)
  @DisplayName("7. The older build of the second release cannot silently replace it in CCMT")
  void theOlderBuildCannotSilentlyReplaceIt() {
    ResponseEntity<JsonNode> older =
        as(RELEASE_MANAGER)
            .post("/api/releases/" + second + "/deployments", Map.of("environment", "CCMT"));
    assertThat(older.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(older.getBody().path("runningReleaseId").asText()).isEqualTo(first);
    assertThat(older.getBody().path("runningBuildVersion").asText()).isEqualTo("3.0.1");
  }

  @Test
  @Order(8)
  @DisplayName("8. A recorded rollback, with its reason, takes CCMT back and tells participants")
  void aRecordedRollbackTakesCcmtBack() {
    ResponseEntity<JsonNode> rollback =
        as(RELEASE_MANAGER)
            .post(
                "/api/environments/CCMT/rollback",
                Map.of("releaseId", second, "reason", "3.0.1 stops meter reads"));
    assertThat(rollback.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                status(first).equals("ROLLED_BACK")
                    && environment("CCMT").path("releaseId").asText().equals(second)
                    && anonymous()
                        .page("/releases")
                        .getBody()
                        .contains("Rollback notice " + second));
    assertThat(status(second)).isEqualTo("DEPLOYED");
    assertThat(environment("CCMT").path("buildVersion").asText()).isEqualTo("3.1.0");
  }

  private String create(String buildVersion) {
    ResponseEntity<JsonNode> created =
        as(RELEASE_MANAGER)
            .post("/api/releases", Map.of("type", "BASELINE", "buildVersion", buildVersion));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().path("id").asText();
  }

  private void signOff(String taskId) {
    assertThat(as(TESTER).complete(taskId, Map.of("failedDefects", json("[]"))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  private String status(String releaseId) {
    return as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody().path("status").asText();
  }

  /** The environments where the release's build passed its smoke tests. */
  private List<String> environments(String releaseId) {
    return StreamSupport.stream(
            as(RELEASE_MANAGER)
                .get("/api/releases/" + releaseId)
                .getBody()
                .path("deployments")
                .spliterator(),
            false)
        .filter(a -> a.path("outcome").asText().equals("PASSED"))
        .map(a -> a.path("environment").asText())
        .toList();
  }

  private JsonNode environment(String name) {
    return StreamSupport.stream(
            as(RELEASE_MANAGER).get("/api/environments").getBody().spliterator(), false)
        .filter(environment -> environment.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The one open task with this key in the release, as the user who works it finds it. */
  private String awaitTask(String user, String releaseId, String taskKey) {
    return as(user).awaitTask(releaseId, taskKey, PATIENCE);
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private HttpCaller anonymous() {
    return HttpCaller.anonymous(port);
  }
}
