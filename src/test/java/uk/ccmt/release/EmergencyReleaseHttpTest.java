package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * An S1 defect over HTTP becomes a running emergencyRelease, and the release review refuses a bad
 * deploymentSchedule through the engine REST API with 400 while the task stays open. A context of
 * its own, like {@link WeeklyReleaseHttpTest}, for the same reason.
 *
 * <p>The story is told in ordered steps that share the test instance's fields; once a step fails,
 * {@link StepwiseExtension} skips the later ones.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-emergency-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-environments",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class EmergencyReleaseHttpTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";

  /** A release manager who also develops and tests: the four-eyes rule is about her. */
  private static final String PROVIDER = "priya";

  private static final String TESTER = "tessa";
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");

  /** Users of the two organisations taking part, each asked for its agreement. */
  private static final String BGS_USER = "bgs-trials";

  private static final String NLE_USER = "nle-ops";

  private final HttpClient http = HttpClient.newHttpClient();

  /** Each organisation's agreement task, as its own user finds it. */
  private String bgsAgreement;

  private String nleAgreement;

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  /** The review task of the emergency release, once the release manager finds it. */
  private String review;

  /** The approval task of the fix. */
  private String approval;

  @BeforeAll
  void team() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
    given.user(PROVIDER, Groups.RELEASE_MANAGERS, Groups.DEVELOPMENT_TEAM, Groups.TEST_TEAM);
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.organisationUser(BGS_USER, "BGS");
    given.organisationUser(NLE_USER, "NLE");
  }

  @Test
  @Order(1)
  @DisplayName("1. An S1 defect raised over HTTP starts one emergency release, and only one")
  void anS1DefectStartsOneEmergencyRelease() {
    Map<String, Object> defect =
        Map.of(
            "id",
            "D-301",
            "title",
            "Every switch is rejected",
            "severity",
            "S1",
            "stopsTesting",
            true,
            "component",
            "Switching",
            "raisedBy",
            "Challenger Energy");

    ResponseEntity<JsonNode> raised = post(RELEASE_MANAGER, "/api/defects", defect);
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(raised.getBody().path("status").asText())
        .as("the answer says what is true now")
        .isEqualTo("IN_RELEASE");
    assertThat(raised.getBody().path("releaseId").asText()).isEqualTo("E-D-301");
    assertThat(post(RELEASE_MANAGER, "/api/defects", defect).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(
            get(
                    RELEASE_MANAGER,
                    "/engine-rest/process-instance?processDefinitionKey=emergencyRelease")
                .getBody())
        .singleElement()
        .satisfies(
            instance -> assertThat(instance.path("businessKey").asText()).isEqualTo("E-D-301"));
    JsonNode release = get(RELEASE_MANAGER, "/api/releases/E-D-301").getBody();
    assertThat(release.path("type").asText()).isEqualTo("EMERGENCY");
    assertThat(release.path("defects").get(0).asText()).isEqualTo("D-301");
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. The release review refuses a schedule that is no future date and time, and stays open")
  void theReviewRefusesABadSchedule() {
    review = awaitTask(RELEASE_MANAGER, "holdReleaseReview");
    for (String schedule : new String[] {"tomorrow", "2020-01-01T10:00"}) {
      ResponseEntity<JsonNode> refused =
          post(
              RELEASE_MANAGER,
              "/engine-rest/task/" + review + "/complete",
              variables("true", schedule));
      assertThat(refused.getStatusCode())
          .as("schedule %s", schedule)
          .isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().path("message").asText()).contains("deploymentSchedule");
    }
    assertThat(get(RELEASE_MANAGER, "/engine-rest/task/" + review).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. A schedule for tomorrow settles the review, and the developers are asked for the fix")
  void aScheduleForTomorrowSettlesTheReview() {
    String tomorrow =
        LocalDateTime.now(CALENDAR_ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
    assertThat(
            post(
                    RELEASE_MANAGER,
                    "/engine-rest/task/" + review + "/complete",
                    variables("true", tomorrow))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    awaitTask(DEVELOPER, "provideEmergencyFix");
  }

  @Test
  @Order(4)
  @DisplayName("4. A developer who is also a release manager provides the fix")
  void aReleaseManagerWhoDevelopsProvidesTheFix() {
    String fix = awaitTask(PROVIDER, "provideEmergencyFix");
    assertThat(
            post(
                    PROVIDER,
                    "/engine-rest/task/" + fix + "/complete",
                    Map.of(
                        "variables",
                        Map.of("buildVersion", Map.of("value", "9.0.0", "type", "String"))))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(5)
  @DisplayName(
      "5. Whoever provided the fix may not sign it off in internal testing: 400, the task stays"
          + " open, and another tester signs it off")
  void theProviderMayNotSignTheFixOff() {
    String signOff = awaitTask(TESTER, "recordInternalTestResults");
    ResponseEntity<JsonNode> refused =
        post(PROVIDER, "/engine-rest/task/" + signOff + "/complete", noFailedDefects());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains("you provided build 9.0.0, so someone else in the test team must sign it off");
    assertThat(get(TESTER, "/engine-rest/task/" + signOff).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(
            post(TESTER, "/engine-rest/task/" + signOff + "/complete", noFailedDefects())
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(6)
  @DisplayName(
      "6. Whoever provided the fix may not approve it: 400 naming the rule, and the task stays open")
  void theProviderMayNotApproveTheFix() {
    approval = awaitTask(RELEASE_MANAGER, "approveEmergencyFix");
    ResponseEntity<JsonNode> refused =
        post(PROVIDER, "/engine-rest/task/" + approval + "/complete", approved());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains(
            "fixApproved: you provided build 9.0.0, so another release manager must approve it");
    assertThat(get(RELEASE_MANAGER, "/engine-rest/task/" + approval).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(7)
  @DisplayName("7. Another release manager approves the fix, and the emergency note goes out")
  void anotherReleaseManagerApprovesTheFix() {
    assertThat(
            post(RELEASE_MANAGER, "/engine-rest/task/" + approval + "/complete", approved())
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(8)
  @DisplayName(
      "8. Each organisation taking part is asked in its own Tasklist, and sees no other's task")
  void eachOrganisationIsAskedInItsOwnTasklist() {
    bgsAgreement = awaitOwnAgreement(BGS_USER);
    nleAgreement = awaitOwnAgreement(NLE_USER);
    JsonNode task = get(BGS_USER, "/engine-rest/task/" + bgsAgreement).getBody();
    assertThat(task.path("name").asText())
        .startsWith("Agree emergency deployment E-D-301 at ")
        .endsWith(" Europe/London");
    assertThat(task.path("tenantId").asText()).isEqualTo("BGS");
    assertThat(task.path("due").isNull()).isFalse();
    JsonNode form =
        get(BGS_USER, "/engine-rest/task/" + bgsAgreement + "/form-variables").getBody();
    assertThat(form.path("buildVersion").path("value").asText()).isEqualTo("9.0.0");
    assertThat(form.path("defectTitle").path("value").asText())
        .isEqualTo("Every switch is rejected");
    assertThat(form.path("agreementDeadline").path("value").asText()).endsWith("Europe/London");

    for (String[] otherTask : new String[][] {{BGS_USER, nleAgreement}, {NLE_USER, bgsAgreement}}) {
      String user = otherTask[0];
      String other = otherTask[1];
      assertThat(get(user, "/engine-rest/task/" + other).getStatusCode())
          .as("%s reads another organisation's task", user)
          .isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(get(user, "/engine-rest/task/" + other + "/variables").getStatusCode().value())
          .as("%s reads another organisation's task variables", user)
          .isIn(403, 404);
      assertThat(
              get(user, "/engine-rest/task/" + other + "/form-variables").getStatusCode().value())
          .isIn(403, 404);
      assertThat(get(user, "/engine-rest/history/task?taskId=" + other).getStatusCode().value())
          .as("%s reads another organisation's task history", user)
          .isIn(403, 404);
    }
  }

  @Test
  @Order(9)
  @DisplayName(
      "9. An objection without a reason is refused with 400 naming comment; with one, it is taken")
  void anObjectionNeedsItsReason() {
    ResponseEntity<JsonNode> refused =
        post(NLE_USER, "/engine-rest/task/" + nleAgreement + "/complete", answer(false, null));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains("comment", "say why your organisation does not agree");
    assertThat(get(NLE_USER, "/engine-rest/task/" + nleAgreement).getStatusCode())
        .as("the task stays open")
        .isEqualTo(HttpStatus.OK);
    Map<String, Map<String, Object>> spoiled =
        Map.of(
            "agreed",
            Map.of("agreed", Map.of("value", "maybe", "type", "String")),
            "comment",
            Map.of(
                "agreed",
                Map.of("value", false, "type", "Boolean"),
                "comment",
                Map.of("value", "x".repeat(1_001), "type", "String")));
    spoiled.forEach(
        (field, variables) -> {
          ResponseEntity<JsonNode> answer =
              post(
                  NLE_USER,
                  "/engine-rest/task/" + nleAgreement + "/complete",
                  Map.of("variables", variables));
          assertThat(answer.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(answer.getBody().path("message").asText()).as(field).contains(field);
        });
    assertThat(
            jdbc.sql("select count(*) from emergency_agreement where answer is not null")
                .query(Integer.class)
                .single())
        .as("nothing is written")
        .isZero();

    assertThat(
            post(
                    NLE_USER,
                    "/engine-rest/task/" + nleAgreement + "/complete",
                    answer(false, "Our month-end settlement run is at that time"))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            post(BGS_USER, "/engine-rest/task/" + bgsAgreement + "/complete", answer(true, null))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(10)
  @DisplayName(
      "10. The release managers confirm with the tally in view, which no organisation can read")
  void theTallyIsOnTheConfirmationAndNoOrganisationSeesIt() {
    String confirmation = awaitTask(RELEASE_MANAGER, "confirmStakeholderAgreement");
    JsonNode form =
        get(RELEASE_MANAGER, "/engine-rest/task/" + confirmation + "/form-variables").getBody();
    assertThat(form.path("organisationsAsked").path("value").asInt()).isEqualTo(2);
    assertThat(form.path("organisationsAgreed").path("value").asInt()).isEqualTo(1);
    assertThat(form.path("organisationsObjected").path("value").asInt()).isEqualTo(1);
    assertThat(form.path("organisationsNotAnswered").path("value").asInt()).isZero();
    assertThat(form.path("objections").path("value").asText())
        .startsWith(
            "Organisation NLE (NLE): Our month-end settlement run is at that time – nle-ops");
    assertThat(form.path("agreedOrganisations").path("value").asText())
        .startsWith("Organisation BGS (BGS) – bgs-trials");

    String emergency =
        get(
                RELEASE_MANAGER,
                "/engine-rest/process-instance?businessKey=E-D-301&processDefinitionKey=emergencyRelease")
            .getBody()
            .get(0)
            .path("id")
            .asText();
    for (String user : new String[] {BGS_USER, NLE_USER}) {
      assertThat(get(user, "/engine-rest/task/" + confirmation).getStatusCode())
          .as("%s reads the release managers' confirmation", user)
          .isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(
              get(user, "/engine-rest/task/" + confirmation + "/form-variables")
                  .getStatusCode()
                  .value())
          .isIn(403, 404);
      assertThat(
              get(user, "/engine-rest/process-instance/" + emergency + "/variables")
                  .getStatusCode())
          .as("%s reads the emergency release's variables", user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              get(user, "/engine-rest/history/variable-instance?processInstanceId=" + emergency)
                  .getStatusCode())
          .as("%s reads the emergency release's history", user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              get(user, "/engine-rest/variable-instance?variableName=objections")
                  .getStatusCode()
                  .value())
          .isIn(403, 404);
      // (the emergency note's acknowledgement, issue 16, is a question of its own)
      JsonNode tasks =
          get(user, "/engine-rest/task?taskDefinitionKey=agreeEmergencyDeployment").getBody();
      assertThat(tasks).as("%s has nothing left to answer", user).isEmpty();
    }
    JsonNode decided = get(RELEASE_MANAGER, "/api/releases/E-D-301/agreement").getBody();
    assertThat(decided.get(0).path("answers"))
        .extracting(answer -> answer.path("code").asText() + ":" + answer.path("answer").asText())
        .containsExactly("BGS:AGREED", "NLE:OBJECTED");
    assertThat(get(BGS_USER, "/api/releases/E-D-301/agreement").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private String awaitOwnAgreement(String user) {
    JsonNode tasks =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    get(user, "/engine-rest/task?taskDefinitionKey=agreeEmergencyDeployment")
                        .getBody(),
                found -> found.size() >= 1);
    assertThat(tasks).as("%s sees its own organisation's task only", user).hasSize(1);
    return tasks.get(0).path("id").asText();
  }

  private static Map<String, Object> answer(boolean agreed, String comment) {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("agreed", Map.of("value", agreed, "type", "Boolean"));
    if (comment != null) {
      variables.put("comment", Map.of("value", comment, "type", "String"));
    }
    return Map.of("variables", variables);
  }

  private static Map<String, Object> noFailedDefects() {
    return Map.of("variables", Map.of("failedDefects", Map.of("value", "[]", "type", "Json")));
  }

  private static Map<String, Object> approved() {
    return Map.of("variables", Map.of("fixApproved", Map.of("value", true, "type", "Boolean")));
  }

  private static Map<String, Object> variables(String immediate, String schedule) {
    return Map.of(
        "variables",
        Map.of(
            "immediateDeployment", Map.of("value", immediate, "type", "String"),
            "deploymentSchedule", Map.of("value", schedule, "type", "String")));
  }

  private String awaitTask(String user, String taskKey) {
    JsonNode tasks =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    get(
                            user,
                            "/engine-rest/task?processInstanceBusinessKey=E-D-301&taskDefinitionKey="
                                + taskKey)
                        .getBody(),
                found -> found.size() == 1);
    return tasks.get(0).path("id").asText();
  }

  private ResponseEntity<JsonNode> get(String user, String uri) {
    return client(user).get().uri(uri).retrieve().toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> post(String user, String uri, Object body) {
    return client(user).post().uri(uri).body(body).retrieve().toEntity(JsonNode.class);
  }

  /** Every answer comes back as it is, 4xx included: the test asserts the status itself. */
  private RestClient client(String user) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .requestFactory(new JdkClientHttpRequestFactory(http))
        .defaultHeaders(headers -> headers.setBasicAuth(user, TestData.PASSWORD))
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }
}
