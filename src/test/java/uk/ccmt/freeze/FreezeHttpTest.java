package uk.ccmt.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
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
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * Freezes over real HTTP alone, on the whole application with its job executor running: a CCMT
 * freeze holds a release's deployment to CCMT until the freeze ends, and a release manager's
 * recorded override deploys another at once. Then a release manager moves next week's slot. Times
 * are real: the first freeze lasts seconds.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/freeze-http-test-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh",
      "ccmt.deployment.environment-wait=PT1S",
      "camunda.bpm.job-execution.wait-time-in-millis=200",
      "camunda.bpm.job-execution.max-wait=1000",
      "camunda.bpm.admin-user.id=admin",
      "camunda.bpm.admin-user.password=freeze-test-admin-password"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class FreezeHttpTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Duration SHORT_FREEZE = Duration.ofSeconds(15);
  private static final String ADMIN_PASSWORD = "freeze-test-admin-password";
  private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired DecisionRecord decisions;

  private String held;
  private Instant shortFreezeEnds;
  private String overridden;
  private long longFreeze;
  private String weekly;
  private String weeklyInstance;

  @BeforeAll
  void team() {
    FileSystemUtils.deleteRecursively(
        java.nio.file.Path.of("target/freeze-http-test-environments").toFile());
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. Bad freezes are refused naming the field, nothing is written, and only release managers"
          + " declare")
  void badFreezesAreRefused() {
    Instant now = Instant.now();
    assertRefused(freeze(List.of("CCMT"), now.plusSeconds(60), now, "Backwards"), "to");
    assertRefused(freeze(List.of("PROD"), now, now.plusSeconds(60), "Unknown"), "environments");
    assertRefused(freeze(List.of(), now, now.plusSeconds(60), "None"), "environments");
    assertRefused(freeze(List.of("CCMT"), now, now.plusSeconds(60), " "), "reason");
    assertRefused(
        as(RELEASE_MANAGER)
            .post(
                "/api/freezes",
                Map.of(
                    "environments",
                    List.of("CCMT"),
                    "from",
                    "next Tuesday",
                    "to",
                    now.plusSeconds(60).toString(),
                    "reason",
                    "Malformed")),
        "from");
    assertThat(as(RELEASE_MANAGER).get("/api/freezes?all=true").getBody()).isEmpty();
    assertThat(
            as(DEVELOPER)
                .post(
                    "/api/freezes",
                    Map.of(
                        "environments",
                        List.of("CCMT"),
                        "from",
                        now.toString(),
                        "to",
                        now.plusSeconds(60).toString(),
                        "reason",
                        "Not mine"))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(HttpCaller.anonymous(port).get("/api/freezes").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  @Order(2)
  @DisplayName("2. A CCMT freeze holds a signed-off release visibly before CCMT")
  void aFreezeHoldsTheDeploymentToCcmt() {
    held = create("7.0.0");
    String signOff = awaitTask(TESTER, held, "recordInternalTestResults");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    shortFreezeEnds = now.plus(SHORT_FREEZE);
    ResponseEntity<JsonNode> declared =
        freeze(List.of("ccmt"), now.minusSeconds(60), shortFreezeEnds, "Industry cut-over");
    assertThat(declared.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(declared.getHeaders().getLocation()).hasPath("/api/freezes/" + id(declared));
    assertThat(as(DEVELOPER).get("/api/freezes").getBody())
        .singleElement()
        .satisfies(
            freeze -> {
              assertThat(freeze.path("environments").get(0).asText()).isEqualTo("CCMT");
              assertThat(freeze.path("declaredBy").asText()).isEqualTo(RELEASE_MANAGER);
              assertThat(freeze.path("reason").asText()).isEqualTo("Industry cut-over");
            });

    signOff(signOff);
    String wait = awaitTask(RELEASE_MANAGER, held, "overrideFreeze");

    assertThat(as(RELEASE_MANAGER).get("/engine-rest/task/" + wait).getBody().path("name").asText())
        .isEqualTo("Deploy " + held + " to CCMT during freeze?");
    assertThat(attempts(held)).doesNotContain("CCMT");
    assertThat(HttpCaller.anonymous(port).page("/releases").getBody())
        .contains("Industry cut-over");
  }

  @Test
  @Order(3)
  @DisplayName("3. When the freeze ends, the wait ends by itself and the release goes to CCMT")
  void theDeploymentGoesOnWhenTheFreezeEnds() {
    JsonNode release = awaitDeployed(held);
    Instant liveStarted =
        StreamSupport.stream(release.path("deployments").spliterator(), false)
            .filter(attempt -> attempt.path("environment").asText().equals("CCMT"))
            .map(attempt -> Instant.parse(attempt.path("startedAt").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(liveStarted).isAfterOrEqualTo(shortFreezeEnds);
    assertThat(
            as(RELEASE_MANAGER)
                .get(
                    "/engine-rest/task?processInstanceBusinessKey="
                        + held
                        + "&taskDefinitionKey=overrideFreeze")
                .getBody())
        .isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. Under a long freeze, an override without a reason is refused, and one with a reason"
          + " deploys at once")
  void aRecordedOverrideDeploysAtOnce() {
    Instant now = Instant.now();
    longFreeze =
        id(freeze(List.of("CCMT"), now.minusSeconds(60), now.plus(Duration.ofDays(1)), "Year end"));
    overridden = create("7.1.0");
    signOff(awaitTask(TESTER, overridden, "recordInternalTestResults"));
    String wait = awaitTask(RELEASE_MANAGER, overridden, "overrideFreeze");

    ResponseEntity<JsonNode> blank =
        as(RELEASE_MANAGER).complete(wait, Map.of("comment", string("  ")));
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().path("message").asText()).contains("comment", "is required");
    ResponseEntity<JsonNode> override =
        as(RELEASE_MANAGER)
            .complete(wait, Map.of("comment", string("Fixes the meter read outage")));
    assertThat(override.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    awaitDeployed(overridden);
    assertThat(as(RELEASE_MANAGER).get("/api/freezes").getBody())
        .as("the override was for that deployment only")
        .anySatisfy(freeze -> assertThat(freeze.path("id").asLong()).isEqualTo(longFreeze));
  }

  @Test
  @Order(5)
  @DisplayName("5. Lifting a freeze needs a reason, keeps its row and is recorded")
  void liftingAFreezeIsRecorded() {
    assertRefused(lift(String.valueOf(longFreeze), " "), "reason");
    assertThat(lift("999999", "No such freeze").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(lift("not-a-freeze", "Hostile id").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            as(DEVELOPER)
                .delete("/api/freezes/" + longFreeze, Map.of("reason", "Not mine"))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<JsonNode> lifted = lift(String.valueOf(longFreeze), "Year end moved");

    assertThat(lifted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(lifted.getBody().path("liftedBy").asText()).isEqualTo(RELEASE_MANAGER);
    assertThat(lift(String.valueOf(longFreeze), "Again").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(
            as(RELEASE_MANAGER)
                .rest()
                .delete()
                .uri("/api/freezes/" + longFreeze + "?reason=Again")
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode())
        .as("the reason may come as a parameter: past it, the freeze was lifted already")
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(as(RELEASE_MANAGER).get("/api/freezes").getBody())
        .noneSatisfy(freeze -> assertThat(freeze.path("id").asLong()).isEqualTo(longFreeze));
    assertThat(as(RELEASE_MANAGER).get("/api/freezes?all=true").getBody())
        .anySatisfy(
            freeze -> {
              assertThat(freeze.path("id").asLong()).isEqualTo(longFreeze);
              assertThat(freeze.path("liftReason").asText()).isEqualTo("Year end moved");
            });
    assertThat(decisions.about("F-" + longFreeze))
        .extracting(decision -> decision.task() + " by " + decision.user())
        .containsExactly("declareFreeze by rachel", "liftFreeze by rachel");
  }

  @Test
  @Order(6)
  @DisplayName(
      "6. Next week's release waits for its slot; moving it needs a reason, a future slot and a"
          + " release manager")
  void nextWeeksReleaseWaitsForItsSlot() {
    given.fixedDefects("8.0.0", "D-301");
    LocalDate thursday = LocalDate.now(LONDON).plusWeeks(1).with(DayOfWeek.THURSDAY);
    String week =
        String.format(
            "%d-W%02d",
            thursday.get(IsoFields.WEEK_BASED_YEAR),
            thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    ResponseEntity<JsonNode> started =
        as(RELEASE_MANAGER).post("/api/releases/weekly", Map.of("week", week));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    weekly = started.getBody().path("id").asText();
    weeklyInstance =
        admin()
            .get(
                "/engine-rest/process-instance?processDefinitionKey=weeklyRelease&businessKey="
                    + weekly)
            .getBody()
            .get(0)
            .path("id")
            .asText();
    fireTimer("Timer_CycleStart");
    String review = awaitTask(RELEASE_MANAGER, weekly, "reviewReleaseContents");
    assertRefused(schedule(RELEASE_MANAGER, thursday.plusDays(1) + "T14:00", "Too early"), "slot");
    assertThat(
            as(RELEASE_MANAGER)
                .complete(
                    review, Map.of("excludedDefects", json("[]"), "buildVersion", string("8.0.0")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    signOff(awaitTask(TESTER, weekly, "recordInternalTestResults"));
    String confirmation = awaitTask(RELEASE_MANAGER, weekly, "confirmReleaseContents");
    assertThat(
            as(RELEASE_MANAGER)
                .complete(confirmation, Map.of("contentsConfirmed", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(awaitSlot()).isEqualTo(london(thursday, "10:00"));

    assertThat(schedule(DEVELOPER, thursday.plusDays(1) + "T14:00", "Not mine").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertRefused(schedule(RELEASE_MANAGER, "2020-01-02T10:00", "Bank holiday"), "slot");
    assertRefused(schedule(RELEASE_MANAGER, thursday.plusDays(1) + "T14:00", " "), "reason");
    assertRefused(schedule(RELEASE_MANAGER, "Friday afternoon", "Bank holiday"), "slot");
    assertThat(awaitSlot()).as("nothing moved").isEqualTo(london(thursday, "10:00"));
  }

  @Test
  @Order(7)
  @DisplayName(
      "7. A release manager moves the slot for a bank holiday: participants are told, and the"
          + " release waits for the new slot")
  void aReleaseManagerMovesTheSlot() {
    LocalDate friday = LocalDate.now(LONDON).plusWeeks(1).with(DayOfWeek.FRIDAY);

    ResponseEntity<JsonNode> moved =
        schedule(RELEASE_MANAGER, friday + "T14:00", "Thursday is a bank holiday");

    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Instant.parse(moved.getBody().path("to").asText()))
        .isEqualTo(london(friday, "14:00"));
    await().atMost(PATIENCE).until(() -> awaitSlot().equals(london(friday, "14:00")));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                HttpCaller.anonymous(port)
                    .page("/releases/" + weekly)
                    .getBody()
                    .contains("Deployment slot moved " + weekly));
    assertThat(HttpCaller.anonymous(port).page("/releases/" + weekly).getBody())
        .contains("Thursday is a bank holiday");
    assertThat(decisions.about(weekly))
        .anySatisfy(decision -> assertThat(decision.task()).isEqualTo("moveDeploymentSlot"));
  }

  @Test
  @Order(8)
  @DisplayName("8. Opened early by an operator, the moved slot deploys; a later move is a 409")
  void theMovedSlotDeploys() {
    fireTimer("Timer_ThursdayDeploymentSlot");
    awaitDeployed(weekly);

    assertThat(
            schedule(
                    RELEASE_MANAGER,
                    LocalDate.now(LONDON).plusWeeks(2) + "T10:00",
                    "Too late to move")
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  private ResponseEntity<JsonNode> schedule(String user, String slot, String reason) {
    return as(user)
        .rest()
        .put()
        .uri("/api/releases/" + weekly + "/schedule")
        .body(Map.of("slot", slot, "reason", reason))
        .retrieve()
        .toEntity(JsonNode.class);
  }

  /** The due date of the release's slot timer, once it waits there. */
  private Instant awaitSlot() {
    return java.time.OffsetDateTime.parse(
            awaitTimer("Timer_ThursdayDeploymentSlot").path("dueDate").asText(),
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
        .toInstant();
  }

  private void fireTimer(String activityId) {
    assertThat(
            admin()
                .post(
                    "/engine-rest/job/" + awaitTimer(activityId).path("id").asText() + "/execute",
                    null)
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** The weekly release's one timer job at the activity, once it waits there. */
  private JsonNode awaitTimer(String activityId) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                admin()
                    .get(
                        "/engine-rest/job?timers=true&processInstanceId="
                            + weeklyInstance
                            + "&activityId="
                            + activityId)
                    .getBody(),
            found -> found.size() == 1)
        .get(0);
  }

  private static Instant london(LocalDate day, String time) {
    return day.atTime(java.time.LocalTime.parse(time)).atZone(LONDON).toInstant();
  }

  private HttpCaller admin() {
    return HttpCaller.as(port, "admin", ADMIN_PASSWORD);
  }

  private ResponseEntity<JsonNode> freeze(
      List<String> environments, Instant from, Instant to, String reason) {
    return as(RELEASE_MANAGER)
        .post(
            "/api/freezes",
            Map.of(
                "environments",
                environments,
                "from",
                from.toString(),
                "to",
                to.toString(),
                "reason",
                reason));
  }

  private ResponseEntity<JsonNode> lift(String id, String reason) {
    return as(RELEASE_MANAGER).delete("/api/freezes/" + id, Map.of("reason", reason));
  }

  private static void assertRefused(ResponseEntity<JsonNode> response, String field) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().path("field").asText()).isEqualTo(field);
  }

  private static long id(ResponseEntity<JsonNode> created) {
    return created.getBody().path("id").asLong();
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

  private JsonNode awaitDeployed(String releaseId) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody(),
            body -> body.path("status").asText().equals("DEPLOYED"));
  }

  private List<String> attempts(String releaseId) {
    return StreamSupport.stream(
            as(RELEASE_MANAGER)
                .get("/api/releases/" + releaseId)
                .getBody()
                .path("deployments")
                .spliterator(),
            false)
        .map(a -> a.path("environment").asText())
        .toList();
  }

  private String awaitTask(String user, String releaseId, String taskKey) {
    return as(user).awaitTask(releaseId, taskKey, PATIENCE);
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }
}
