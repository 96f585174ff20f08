package uk.ccmt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * Issue 14's "Done when" for the decision record, over real HTTP: the fix provider's approval of an
 * emergency fix is refused and another release manager's is accepted, and {@code GET
 * /api/releases/{id}/decisions} then lists who provided the fix and who approved it, and when.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-decisions-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-environments",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class DecisionRecordHttpTest {

  private static final String RELEASE = "E-D-401";
  private static final String RELEASE_MANAGER = "rachel";
  private static final String TESTER = "tessa";

  /** A release manager who also develops: she provides the fix, so she may not approve it. */
  private static final String PROVIDER = "priya";

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Autowired TestData given;

  private Instant started;

  private String approval;

  @BeforeAll
  void team() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(TESTER, Groups.TEST_TEAM);
    given.user(PROVIDER, Groups.RELEASE_MANAGERS, Groups.DEVELOPMENT_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser("nia", "NLE");
  }

  @Test
  @Order(1)
  @DisplayName("1. An S1 defect starts an emergency release, and its review agrees a deployment")
  void anEmergencyIsReviewed() {
    started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ResponseEntity<JsonNode> raised =
        as(RELEASE_MANAGER)
            .post(
                "/api/defects",
                Map.of(
                    "id", "D-401",
                    "title", "Every meter read is rejected",
                    "severity", "S1",
                    "stopsTesting", true,
                    "component", "Meter reads",
                    "raisedBy", "Northern Lights Energy"));
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String review = as(RELEASE_MANAGER).awaitTask(RELEASE, "holdReleaseReview", PATIENCE);
    String tomorrow =
        LocalDateTime.now(ZoneId.of("Europe/London"))
            .plusDays(1)
            .truncatedTo(ChronoUnit.MINUTES)
            .toString();
    assertThat(
            complete(
                    RELEASE_MANAGER,
                    review,
                    Map.of(
                        "immediateDeployment", HttpCaller.string("true"),
                        "deploymentSchedule", HttpCaller.string(tomorrow)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. The release manager who develops provides the fix, and the test team signs it off")
  void theFixIsProvidedAndSignedOff() {
    String fix = as(PROVIDER).awaitTask(RELEASE, "provideEmergencyFix", PATIENCE);
    assertThat(
            complete(PROVIDER, fix, Map.of("buildVersion", HttpCaller.string("9.1.0")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    String signOff = as(TESTER).awaitTask(RELEASE, "recordInternalTestResults", PATIENCE);
    assertThat(
            complete(TESTER, signOff, Map.of("failedDefects", HttpCaller.json("[]")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(3)
  @DisplayName("3. The fix provider's approval is refused with 400, and the task stays open")
  void theProvidersApprovalIsRefused() {
    approval = as(RELEASE_MANAGER).awaitTask(RELEASE, "approveEmergencyFix", PATIENCE);
    ResponseEntity<JsonNode> refused =
        complete(
            PROVIDER, approval, Map.of("fixApproved", Map.of("value", true, "type", "Boolean")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains("you provided build 9.1.0, so another release manager must approve it");
    assertThat(as(RELEASE_MANAGER).get("/engine-rest/task/" + approval).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(4)
  @DisplayName("4. A refusal of the fix without a comment is refused too, naming the comment")
  void aRefusalNeedsAComment() {
    ResponseEntity<JsonNode> refused =
        complete(
            RELEASE_MANAGER,
            approval,
            Map.of("fixApproved", Map.of("value", false, "type", "Boolean")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .contains("comment: a refused fix needs a comment saying why it is refused");
    assertThat(as(RELEASE_MANAGER).get("/engine-rest/task/" + approval).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(5)
  @DisplayName("5. Another release manager approves the fix, with a comment")
  void anotherReleaseManagerApproves() {
    assertThat(
            complete(
                    RELEASE_MANAGER,
                    approval,
                    Map.of(
                        "fixApproved", Map.of("value", true, "type", "Boolean"),
                        "comment", HttpCaller.string("Checked the reads in QAS2")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(6)
  @DisplayName(
      "6. The decision record lists the provider's fix and the other manager's approval, with"
          + " both users and times, and nothing of the refused completions")
  void theDecisionRecordListsBoth() {
    ResponseEntity<JsonNode> answer = as(TESTER).get("/api/releases/" + RELEASE + "/decisions");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode decisions = answer.getBody();
    assertThat(decisions.findValuesAsText("task"))
        .containsExactly(
            "holdReleaseReview",
            "provideEmergencyFix",
            "recordInternalTestResults",
            "approveEmergencyFix");
    JsonNode fix = decisions.get(1);
    assertThat(fix.path("user").asText()).isEqualTo(PROVIDER);
    assertThat(fix.path("decision").asText()).isEqualTo("provided build 9.1.0");
    assertThat(fix.path("values").path("buildVersion").asText()).isEqualTo("9.1.0");
    JsonNode approved = decisions.get(3);
    assertThat(approved.path("user").asText()).isEqualTo(RELEASE_MANAGER);
    assertThat(approved.path("decision").asText()).isEqualTo("approved");
    assertThat(approved.path("values").path("fixApproved").asBoolean()).isTrue();
    assertThat(approved.path("comment").asText()).isEqualTo("Checked the reads in QAS2");
    Instant fixedAt = Instant.parse(fix.path("at").asText());
    Instant approvedAt = Instant.parse(approved.path("at").asText());
    assertThat(fixedAt).isAfterOrEqualTo(started).isBeforeOrEqualTo(approvedAt);
    assertThat(approvedAt).isBeforeOrEqualTo(Instant.now());

    JsonNode approvalTask =
        as(RELEASE_MANAGER)
            .get("/engine-rest/history/task?taskDefinitionKey=approveEmergencyFix")
            .getBody();
    assertThat(approvalTask.get(0).path("assignee").asText())
        .as("completed without a claim, the approval is the approver's")
        .isEqualTo(RELEASE_MANAGER);

    assertThat(as("nia").get("/api/releases/" + RELEASE + "/decisions").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            HttpCaller.anonymous(port)
                .get("/api/releases/" + RELEASE + "/decisions")
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as(RELEASE_MANAGER).get("/api/releases/E-D-999/decisions").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<JsonNode> complete(
      String user, String taskId, Map<String, Object> variables) {
    return as(user).complete(taskId, variables);
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }
}
