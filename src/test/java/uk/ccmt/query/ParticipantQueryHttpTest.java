package uk.ccmt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
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
import org.springframework.test.context.ContextConfiguration;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.Groups;

/**
 * Issue 16's Done-when for participant queries, over real HTTP on the whole application with its
 * job executor and a real SMTP server: an organisation's user raises a query with POST
 * /api/queries, a release manager answers it with publish over the engine REST API, the
 * organisation's contacts get the answer by email, and /releases shows it without the
 * organisation's name. Another organisation sees neither the query, nor its task, nor its instance.
 * The same organisation's user also raises one as Tasklist's "Start process" does.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-query-environments",
      "spring.mail.host=127.0.0.1"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class ParticipantQueryHttpTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String ORGANISATION_USER = "nora";
  private static final String OTHER_ORGANISATION_USER = "bert";
  private static final String CONTACT = "trials@nle.example";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final String SUBJECT = "Meter read cut-off in the trials";
  private static final String TEXT = "When is the cut-off for meter reads in the market trials?";
  private static final String ANSWER = "17:00 on the working day before the read date.";

  @LocalServerPort int port;

  @Autowired TestData given;

  private String queryId;

  @BeforeAll
  void organisations() {
    TestMailServer.purge();
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.participant("NLE", "LARGE_SUPPLIER", CONTACT);
    given.participant("BRG", "CHALLENGER", "trials@brg.example");
    given.organisationUser(ORGANISATION_USER, "NLE");
    given.organisationUser(OTHER_ORGANISATION_USER, "BRG");
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  @Test
  @Order(1)
  @DisplayName("1. An organisation's user raises a query over HTTP: 201 with its id and Location")
  void raiseAQuery() {
    assertThat(
            HttpCaller.anonymous(port)
                .post("/api/queries", Map.of("subject", SUBJECT, "text", TEXT))
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            as(RELEASE_MANAGER)
                .post("/api/queries", Map.of("subject", SUBJECT, "text", TEXT))
                .getStatusCode())
        .as("queries are raised by organisations")
        .isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<JsonNode> raised =
        as(ORGANISATION_USER)
            .post(
                "/api/queries",
                Map.of("subject", SUBJECT, "text", TEXT, "relatesTo", "CCMTWG 22 June 2020"));
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    queryId = raised.getBody().path("id").asText();
    assertThat(queryId).startsWith("Q-");
    assertThat(raised.getHeaders().getLocation()).hasToString("/api/queries/" + queryId);

    JsonNode query = as(ORGANISATION_USER).get("/api/queries/" + queryId).getBody();
    assertThat(query.path("participantCode").asText()).isEqualTo("NLE");
    assertThat(query.path("raisedBy").asText()).isEqualTo(ORGANISATION_USER);
    assertThat(query.path("status").asText()).isEqualTo("OPEN");
  }

  @Test
  @Order(2)
  @DisplayName(
      "2. A query without a subject, with an unknown field or too long is a 400, unwritten")
  void badQueriesAreRefused() {
    assertRefused(Map.of("text", TEXT), "subject");
    assertRefused(Map.of("subject", "  ", "text", TEXT), "subject");
    assertRefused(Map.of("subject", SUBJECT, "text", " "), "text");
    assertRefused(
        Map.of("subject", SUBJECT, "text", TEXT, "participantCode", "BRG"), "participantCode");
    assertRefused(Map.of("subject", "s".repeat(201), "text", TEXT), "subject");
    assertRefused(Map.of("subject", SUBJECT, "text", "t".repeat(10_001)), "text");
    assertRefused(Map.of("subject", SUBJECT, "text", 42), "text");
    assertThat(as(ORGANISATION_USER).get("/api/queries").getBody()).hasSize(1);
  }

  private void assertRefused(Map<String, Object> body, String field) {
    ResponseEntity<JsonNode> refused = as(ORGANISATION_USER).post("/api/queries", body);
    assertThat(refused.getStatusCode()).as("%s", body.keySet()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("field").asText()).isEqualTo(field);
  }

  @Test
  @Order(3)
  @DisplayName("3. Another organisation sees neither the query, nor its task, nor its instance")
  void anotherOrganisationSeesNothing() {
    as(RELEASE_MANAGER).awaitTask(queryId, "answerQuery", PATIENCE);
    HttpCaller other = as(OTHER_ORGANISATION_USER);
    assertThat(other.get("/api/queries").getBody()).isEmpty();
    assertThat(other.get("/api/queries/" + queryId).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(other.get("/engine-rest/task?processInstanceBusinessKey=" + queryId).getBody())
        .isEmpty();
    assertThat(
            as(ORGANISATION_USER)
                .get("/engine-rest/task?processInstanceBusinessKey=" + queryId)
                .getBody())
        .as("the task is the release managers'")
        .isEmpty();
    assertThat(
            other
                .get("/engine-rest/process-instance?businessKey=" + queryId)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(as(RELEASE_MANAGER).get("/api/queries").getBody()).hasSize(1);
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. The release manager answers with publish over engine REST; a blank answer is 400")
  void releaseManagerAnswers() {
    String task = as(RELEASE_MANAGER).awaitTask(queryId, "answerQuery", PATIENCE);
    ResponseEntity<JsonNode> blank =
        as(RELEASE_MANAGER).complete(task, Map.of("answer", string(" "), "publish", bool(true)));
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().path("message").asText()).contains("answer");

    assertThat(
            as(RELEASE_MANAGER)
                .complete(task, Map.of("answer", string(ANSWER), "publish", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(5)
  @DisplayName("5. The organisation's contacts get the answer by email, once")
  void organisationGetsTheAnswer() throws Exception {
    String subject = "Answer to your query " + queryId + ": " + SUBJECT;
    await().atMost(PATIENCE).until(() -> answers(subject).size() == 1);
    MimeMessage mail = answers(subject).get(0);
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(CONTACT);
    MailParts.Alternative parts = MailParts.alternativeOf(mail);
    assertThat(parts.text()).contains(TEXT, ANSWER);
    assertThat(parts.html()).contains(ANSWER);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "ANSWERED"
                    .equals(
                        as(ORGANISATION_USER)
                            .get("/api/queries/" + queryId)
                            .getBody()
                            .path("status")
                            .asText()));
  }

  private static List<MimeMessage> answers(String subject) {
    return TestMailServer.received().stream()
        .filter(
            mail -> {
              try {
                return subject.equals(mail.getSubject());
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  @Test
  @Order(6)
  @DisplayName("6. /releases shows the question and answer, without the organisation or its user")
  void publishedOnThePublicPage() {
    String page = HttpCaller.anonymous(port).page("/releases").getBody();
    String questions = page.substring(page.indexOf("Questions and answers"));
    assertThat(questions).contains(SUBJECT, TEXT, ANSWER);
    assertThat(questions).doesNotContain("NLE", "Organisation NLE", ORGANISATION_USER, CONTACT);
  }

  @Test
  @Order(7)
  @DisplayName("7. As Tasklist's Start process: the one startable process, refused without subject")
  void raiseAsTasklistDoes() {
    JsonNode startable =
        as(ORGANISATION_USER)
            .get(
                "/engine-rest/process-definition?latestVersion=true&active=true"
                    + "&startableInTasklist=true&startablePermissionCheck=true")
            .getBody();
    assertThat(startable)
        .extracting(definition -> definition.path("key").asText())
        .containsExactly("participantQuery");

    String submit = "/engine-rest/process-definition/key/participantQuery/submit-form";
    ResponseEntity<JsonNode> refused =
        as(ORGANISATION_USER)
            .post(
                submit, HttpCaller.variables(Map.of("subject", string(""), "text", string(TEXT))));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText()).contains("subject");

    ResponseEntity<JsonNode> started =
        as(ORGANISATION_USER)
            .post(
                submit,
                HttpCaller.variables(
                    Map.of(
                        "subject", string("Second question"),
                        "text", string("Asked in Tasklist."),
                        "participantCode", string("BRG"))));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(started.getBody().path("tenantId").asText()).isEqualTo("NLE");
    JsonNode mine = as(ORGANISATION_USER).get("/api/queries").getBody();
    assertThat(mine).hasSize(2);
    assertThat(mine.get(0).path("subject").asText()).isEqualTo("Second question");
    assertThat(mine.get(0).path("participantCode").asText()).isEqualTo("NLE");
    assertThat(as(OTHER_ORGANISATION_USER).get("/api/queries").getBody()).isEmpty();
  }
}
