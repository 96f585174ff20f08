package uk.ccmt.inforequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.string;
import static uk.ccmt.support.HttpCaller.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
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
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * A campaign over real HTTP, as its users run it: the release manager starts it through the product
 * API, and each organisation's user works its requests through the engine REST API that Tasklist
 * uses, seeing nothing of the other organisation. Its own context, with the job executor running.
 *
 * <p>The campaign is told in ordered steps that share the test instance's fields; once a step
 * fails, {@link StepwiseExtension} skips the later ones.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "camunda.bpm.admin-user.id=" + InformationRequestHttpTest.ADMIN,
      "camunda.bpm.admin-user.password=" + InformationRequestHttpTest.ADMIN_PASSWORD
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class InformationRequestHttpTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "http-test-admin-password";
  private static final String ORGANISATION_PASSWORD = "organisation-password";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @Autowired TestData given;

  // --- what the steps leave for the later ones ------------------------------------------------

  private final String dueDate = LocalDate.now(ZoneId.of("Europe/London")).plusDays(10).toString();
  private String campaign;
  private JsonNode bosTasks;
  private String sftpTask;

  @BeforeAll
  void team() {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. The release manager registers two organisations, and only the administrator adds their"
          + " users")
  void twoOrganisationsAreRegisteredWithAUserEach() {
    for (String organisation : List.of("NLE", "BRG")) {
      assertThat(
              as("rachel")
                  .post(
                      "/api/participants",
                      Map.of(
                          "code",
                          organisation,
                          "name",
                          "Organisation " + organisation,
                          "category",
                          "LARGE_SUPPLIER",
                          "contactEmails",
                          List.of("trials@" + organisation.toLowerCase() + ".example")))
                  .getStatusCode())
          .isEqualTo(HttpStatus.CREATED);
    }
    addUser("nia", "NLE");
    addUser("bo", "BRG");
    assertThat(as("rachel").post("/api/participants/NLE/users", Map.of()).getStatusCode())
        .as("only the administrator manages an organisation's users")
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. Requests that make no sense are refused, naming the field, with nothing started, and an"
          + " organisation starts none")
  void requestsThatMakeNoSenseAreRefused() {
    assertRefused(
        Map.of("types", List.of("SFTP_INFORMATION", "SHOE_SIZE"), "dueDate", dueDate), "types[1]");
    assertRefused(
        Map.of(
            "types",
            List.of("SFTP_INFORMATION"),
            "participants",
            List.of("NLE", "NOPE"),
            "dueDate",
            dueDate),
        "participants[1]");
    assertRefused(Map.of("types", List.of("SFTP_INFORMATION"), "dueDate", "2020-01-01"), "dueDate");
    assertThat(
            as("rachel")
                .get(
                    "/engine-rest/process-instance?processDefinitionKey=informationRequestCampaign")
                .getBody())
        .isEmpty();
    assertThat(
            as("nia")
                .post(
                    "/api/information-requests",
                    Map.of("types", List.of("SFTP_INFORMATION"), "dueDate", dueDate))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. The release manager asks every organisation for SFTP information and contact details")
  void theReleaseManagerStartsACampaign() {
    ResponseEntity<JsonNode> started =
        as("rachel")
            .post(
                "/api/information-requests",
                Map.of(
                    "types", List.of("SFTP_INFORMATION", "CONTACT_DETAILS"), "dueDate", dueDate));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    campaign = started.getBody().path("id").asText();
    assertThat(campaign).startsWith("IR-");
  }

  @Test
  @Order(4)
  @DisplayName("4. Each organisation's user sees its own two requests, each with its own form")
  void eachOrganisationSeesItsOwnTwoRequests() {
    JsonNode niasTasks = awaitTasks("nia", 2);
    bosTasks = awaitTasks("bo", 2);
    assertThat(names(niasTasks))
        .containsExactlyInAnyOrder(
            "Provide SFTP information (" + campaign + ")",
            "Provide contact details (" + campaign + ")");
    sftpTask = taskNamed(niasTasks, "Provide SFTP information (" + campaign + ")");
    assertThat(
            as("nia")
                .get("/engine-rest/task/" + sftpTask + "/form")
                .getBody()
                .path("camundaFormRef")
                .path("key")
                .asText())
        .isEqualTo("information-request-sftp-information");
    assertThat(as("nia").get("/engine-rest/task/" + sftpTask + "/deployed-form").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode filters = as("nia").get("/engine-rest/filter").getBody();
    assertThat(filters).hasSize(1);
    assertThat(
            as("nia")
                .get("/engine-rest/filter/" + filters.get(0).path("id").asText() + "/list")
                .getBody())
        .hasSize(2);
  }

  @Test
  @Order(5)
  @DisplayName(
      "5. Nothing of the other organisation: its tasks, instances, variables and history answer 403"
          + " or 404, never 500")
  void nothingOfTheOtherOrganisationIsSeen() {
    String bosTask = bosTasks.get(0).path("id").asText();
    String bosInstance = bosTasks.get(0).path("processInstanceId").asText();
    for (String path :
        List.of(
            "/engine-rest/task/" + bosTask,
            "/engine-rest/task/" + bosTask + "/variables",
            "/engine-rest/task/" + bosTask + "/form-variables",
            "/engine-rest/task/" + bosTask + "/deployed-form",
            "/engine-rest/process-instance/" + bosInstance,
            "/engine-rest/process-instance/" + bosInstance + "/variables",
            "/engine-rest/execution/" + bosInstance + "/localVariables")) {
      assertThat(as("nia").get(path).getStatusCode().value())
          .as("GET %s as another organisation", path)
          .isIn(403, 404);
    }
    assertThat(
            as("nia")
                .post("/engine-rest/task/" + bosTask + "/complete", variables(Map.of()))
                .getStatusCode()
                .value())
        .isIn(403, 404);
    assertThat(
            as("nia")
                .post("/engine-rest/task/" + bosTask + "/claim", Map.of("userId", "nia"))
                .getStatusCode()
                .value())
        .isIn(403, 404);
    for (String path :
        List.of(
            "/engine-rest/history/process-instance?processInstanceId=" + bosInstance,
            "/engine-rest/history/variable-instance?processInstanceId=" + bosInstance,
            "/engine-rest/history/task?processInstanceId=" + bosInstance,
            "/engine-rest/process-instance?businessKeyLike=" + campaign + "%25",
            "/engine-rest/task?candidateGroup=participant-BRG")) {
      ResponseEntity<JsonNode> answer = as("nia").get(path);
      assertThat(answer.getStatusCode().value()).as("GET %s", path).isIn(200, 403);
      if (answer.getStatusCode().is2xxSuccessful()) {
        assertThat(answer.getBody()).as("GET %s", path).isEmpty();
      }
    }
  }

  @Test
  @Order(6)
  @DisplayName("6. Nobody makes a request vanish by throwing a BPMN error or escalation at it")
  void nobodyMakesARequestVanish() {
    assertThat(
            as("nia")
                .post("/engine-rest/task/" + sftpTask + "/bpmnError", Map.of("errorCode", "gone"))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            as("nia")
                .post(
                    "/engine-rest/task/" + sftpTask + "/bpmnEscalation",
                    Map.of("escalationCode", "up"))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("nia").get("/engine-rest/task/" + sftpTask).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(7)
  @DisplayName("7. A 1024-bit RSA key is refused with the reason, and the task stays open")
  void aWeakKeyIsRefused() {
    ResponseEntity<JsonNode> weak =
        as("nia")
            .post(
                "/engine-rest/task/" + sftpTask + "/complete",
                variables(
                    Map.of(
                        "sftpUsername",
                        string("nle-trials"),
                        "sshPublicKey",
                        string(SshKeys.rsaKey(1024)),
                        "sourceIpAddresses",
                        string("203.0.113.10"))));
    assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(weak.getBody().path("message").asText())
        .contains("sshPublicKey", "at least 2048 bits");
    assertThat(as("nia").get("/engine-rest/task/" + sftpTask).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  @Order(8)
  @DisplayName("8. A good key is accepted")
  void aGoodKeyIsAccepted() {
    assertThat(
            as("nia")
                .post(
                    "/engine-rest/task/" + sftpTask + "/complete",
                    variables(
                        Map.of(
                            "sftpUsername",
                            string("nle-trials"),
                            "sshPublicKey",
                            string(SshKeys.ed25519Key()),
                            "sourceIpAddresses",
                            string("203.0.113.10\n198.51.100.0/24"))))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(9)
  @DisplayName(
      "9. The campaign view shows the true state to the release manager, with what was received")
  void theCampaignViewShowsTheTrueState() {
    JsonNode status = as("rachel").get("/api/information-requests/" + campaign).getBody();
    assertThat(status.path("requests").asInt()).isEqualTo(4);
    assertThat(status.path("received").asInt()).isEqualTo(1);
    assertThat(status.path("outstanding").asInt()).isEqualTo(3);
    assertThat(status.path("participants")).hasSize(2);
    JsonNode niasSftp = request(status, "NLE", "SFTP_INFORMATION");
    assertThat(niasSftp.path("state").asText()).isEqualTo("RECEIVED");
    assertThat(niasSftp.path("answeredBy").asText()).isEqualTo("nia");
    assertThat(niasSftp.path("values").path("sftpUsername").asText()).isEqualTo("nle-trials");
  }

  @Test
  @Order(10)
  @DisplayName("10. Each organisation sees only its own part of the campaign")
  void eachOrganisationSeesOnlyItsOwnPart() {
    JsonNode niasView = as("nia").get("/api/information-requests/" + campaign).getBody();
    assertThat(niasView.path("participants")).hasSize(1);
    assertThat(niasView.path("participants").get(0).path("code").asText()).isEqualTo("NLE");
    JsonNode bosView = as("bo").get("/api/information-requests/" + campaign).getBody();
    assertThat(bosView.path("participants").get(0).path("code").asText()).isEqualTo("BRG");
    assertThat(bosView.toString()).doesNotContain("nle-trials");
    assertThat(as("devon").get("/api/information-requests/" + campaign).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("rachel").get("/api/information-requests/IR-999").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void addUser(String id, String organisation) {
    ResponseEntity<JsonNode> added =
        HttpCaller.as(port, ADMIN, ADMIN_PASSWORD)
            .post(
                "/api/participants/" + organisation + "/users",
                Map.of(
                    "id",
                    id,
                    "firstName",
                    id,
                    "lastName",
                    organisation,
                    "email",
                    id + "@" + organisation.toLowerCase() + ".example",
                    "password",
                    ORGANISATION_PASSWORD));
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  private void assertRefused(Map<String, Object> body, String field) {
    ResponseEntity<JsonNode> refused = as("rachel").post("/api/information-requests", body);
    assertThat(refused.getStatusCode()).as("%s refused", field).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("field").asText()).isEqualTo(field);
  }

  private JsonNode awaitTasks(String user, int count) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> as(user).get("/engine-rest/task").getBody(), tasks -> tasks.size() == count);
  }

  private static List<String> names(JsonNode tasks) {
    return StreamSupport.stream(tasks.spliterator(), false)
        .map(task -> task.path("name").asText())
        .toList();
  }

  private static String taskNamed(JsonNode tasks, String name) {
    return StreamSupport.stream(tasks.spliterator(), false)
        .filter(task -> task.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  private static JsonNode request(JsonNode status, String code, String type) {
    for (JsonNode organisation : status.path("participants")) {
      if (organisation.path("code").asText().equals(code)) {
        for (JsonNode request : organisation.path("requests")) {
          if (request.path("type").asText().equals(type)) {
            return request;
          }
        }
      }
    }
    throw new AssertionError("no " + type + " request of " + code + " in " + status);
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(
        port,
        user,
        user.equals("nia") || user.equals("bo") ? ORGANISATION_PASSWORD : TestData.PASSWORD);
  }
}
