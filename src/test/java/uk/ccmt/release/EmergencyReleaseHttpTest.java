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
import org.camunda.bpm.engine.IdentityService;
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

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired IdentityService identity;

  /** The review task of the emergency release, once the release manager finds it. */
  private String review;

  /** The approval task of the fix. */
  private String approval;

  @BeforeAll
  void team() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
    given.user(PROVIDER, Groups.RELEASE_MANAGERS);
    identity.createMembership(PROVIDER, Groups.DEVELOPMENT_TEAM);
    identity.createMembership(PROVIDER, Groups.TEST_TEAM);
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
    awaitTask(RELEASE_MANAGER, "confirmStakeholderAgreement");
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
