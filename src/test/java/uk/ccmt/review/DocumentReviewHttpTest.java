package uk.ccmt.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.LinkedMultiValueMap;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * Done when (issue 16, 2): a review asked of three organisations collects comments from two and "no
 * comments" from one, each organisation's user working its own task over the engine REST API that
 * Tasklist uses, in its own tenant; the release manager consolidates, and the log with the
 * responses is emailed to the three and readable by them. Its own context, with the job executor
 * running and mail to a real SMTP server.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-review-${random.uuid}",
      "ccmt.demo.enabled=false",
      "spring.mail.host=127.0.0.1"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class DocumentReviewHttpTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);

  @LocalServerPort int port;

  @Autowired TestData given;

  private final String dueDate = LocalDate.now(ZoneId.of("Europe/London")).plusDays(14).toString();
  private String review;
  private String niaTask;
  private String cyTask;
  private String boTask;

  @BeforeAll
  void programme() {
    TestMailServer.purge();
    given.releaseManager("rachel");
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.participant("CWE", "CHALLENGER", "ops@cwe.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("ZZZ", "CHALLENGER", "ops@zzz.example");
    given.organisationUser("bo", "BRG");
    given.organisationUser("cy", "CWE");
    given.organisationUser("nia", "NLE");
    given.organisationUser("zed", "ZZZ");
  }

  @Test
  @Order(1)
  @DisplayName(
      "1. Reviews that make no sense are refused, naming the field, and nothing is written")
  void reviewsThatMakeNoSenseAreRefused() {
    assertRefused(json(Map.of("dueDate", "2020-01-01")), HttpStatus.BAD_REQUEST, "dueDate");
    assertRefused(
        json(Map.of("participants", List.of("NLE", "NOPE", "GONE"))),
        HttpStatus.BAD_REQUEST,
        "participants");
    assertRefused(
        json(Map.of("documentUrl", "javascript:alert(1)")), HttpStatus.BAD_REQUEST, "documentUrl");
    assertRefused(
        upload("plan.html", "<html><script>alert(1)</script></html>".getBytes()),
        HttpStatus.BAD_REQUEST,
        "document");
    assertRefused(
        upload("plan.pdf", "<!DOCTYPE html><html><script>alert(1)</script>".getBytes()),
        HttpStatus.BAD_REQUEST,
        "document");
    byte[] tooLarge = new byte[21 * 1024 * 1024];
    System.arraycopy(PDF, 0, tooLarge, 0, PDF.length);
    ResponseEntity<JsonNode> large = upload("plan.pdf", tooLarge);
    assertThat(large.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(large.getBody().path("field").asText()).isEqualTo("document");
    assertThat(large.getBody().path("detail").asText()).contains("ccmt.documents.max-size", "20");
    assertThat(as("rachel").get("/api/reviews").getBody()).as("nothing written").isEmpty();
    assertThat(as("nia").post("/api/reviews", validReview()).getStatusCode())
        .as("an organisation starts no review")
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @Order(2)
  @DisplayName("2. The release manager uploads the plan and asks three organisations")
  void theReleaseManagerAsksThreeOrganisations() {
    ResponseEntity<JsonNode> started = upload("Release Management Plan.pdf", PDF);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    review = started.getBody().path("id").asText();
    assertThat(review).startsWith("DR-");
    assertThat(started.getHeaders().getLocation()).hasToString("/api/reviews/" + review);
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. Each organisation finds only its own task and downloads the document, never inline")
  void eachOrganisationFindsOnlyItsOwnTask() {
    niaTask = as("nia").awaitTask(review, "reviewDocument", PATIENCE);
    cyTask = as("cy").awaitTask(review, "reviewDocument", PATIENCE);
    boTask = as("bo").awaitTask(review, "reviewDocument", PATIENCE);
    for (String user : List.of("nia", "cy", "bo")) {
      JsonNode tasks = as(user).get("/engine-rest/task").getBody();
      assertThat(tasks).as("%s's tasks", user).hasSize(1);
      assertThat(tasks.get(0).path("name").asText())
          .startsWith("Review Release Management Plan v1.0 by ");
    }
    assertThat(as("nia").get("/engine-rest/task/" + cyTask).getStatusCode().value())
        .as("another organisation's task")
        .isIn(403, 404);
    assertThat(as("zed").get("/engine-rest/task").getBody()).isEmpty();

    ResponseEntity<byte[]> document =
        as("nia")
            .rest()
            .get()
            .uri("/api/reviews/" + review + "/document")
            .retrieve()
            .toEntity(byte[].class);
    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(document.getBody()).isEqualTo(PDF);
    assertThat(document.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment;")
        .contains("Release Management Plan.pdf");
    assertThat(document.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(document.getHeaders().getContentType()).hasToString("application/pdf");
    assertThat(as("zed").get("/api/reviews/" + review + "/document").getStatusCode())
        .as("an organisation not asked")
        .isEqualTo(HttpStatus.NOT_FOUND);
    await()
        .atMost(PATIENCE)
        .until(() -> mails("Document review " + review + ": Review").size() == 3);
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. Two organisations comment, one has no comments; a line without its reference is refused")
  void twoCommentAndOneHasNone() {
    ResponseEntity<JsonNode> refused =
        as("nia")
            .complete(
                niaTask,
                Map.of("noComments", bool(false), "comments", string("The window is too short")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText()).contains("comments", "line 1");
    assertThat(
            as("nia")
                .complete(
                    niaTask,
                    Map.of(
                        "noComments",
                        bool(false),
                        "comments",
                        string(
                            "3.2: The freeze window should start on the Monday\n"
                                + "p. 4: Name who approves emergency releases")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            as("cy")
                .complete(
                    cyTask,
                    Map.of(
                        "noComments",
                        bool(false),
                        "comments",
                        string("Annex A: The RACI misses the test team")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            as("bo")
                .complete(boTask, Map.of("noComments", bool(true), "comments", string("")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    JsonNode status = as("rachel").get("/api/reviews/" + review).getBody();
    assertThat(status.path("asked").asInt()).isEqualTo(3);
    assertThat(status.path("answered").asInt()).isEqualTo(3);
    assertThat(status.path("noComments").asInt()).isEqualTo(1);
    assertThat(status.path("comments").asInt()).isEqualTo(3);
    assertThat(status.path("notAnswered")).isEmpty();
    JsonNode niasComments = as("nia").get("/api/reviews/" + review + "/comments").getBody();
    assertThat(niasComments).as("before the log is published, its own only").hasSize(2);
  }

  @Test
  @Order(5)
  @DisplayName("5. The release manager consolidates; a rejection without its reason is refused")
  void theReleaseManagerConsolidates() {
    as("rachel").awaitTask(review, "consolidateReviewComments", PATIENCE);
    ResponseEntity<JsonNode> refused =
        put(Map.of("responses", "1: accepted\n2: rejected\n3: noted"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("field").asText()).isEqualTo("responses");
    assertThat(refused.getBody().path("reason").asText()).contains("line 2");
    assertThat(
            put(Map.of(
                    "responses",
                    List.of(
                        Map.of("comment", 1, "response", "accepted"),
                        Map.of(
                            "comment",
                            2,
                            "response",
                            "rejected",
                            "reason",
                            "the plan names the approver in 5.1"),
                        Map.of("comment", 3, "response", "noted"))))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(6)
  @DisplayName("6. The log with the responses is emailed to the three and readable by them only")
  void theLogIsPublishedToTheThree() throws Exception {
    await()
        .atMost(PATIENCE)
        .until(() -> mails("Document review " + review + ": comment log").size() == 3);
    List<MimeMessage> logs = mails("Document review " + review + ": comment log");
    assertThat(logs)
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("trials@brg.example", "ops@cwe.example", "ops@nle.example");
    assertThat(MailParts.alternativeOf(logs.get(0)).text())
        .contains(
            "Organisation NLE (NLE), 3.2: The freeze window should start on the Monday",
            "Organisation CWE (CWE), Annex A",
            "rejected: the plan names the approver in 5.1",
            "No comments from: Organisation BRG (BRG).");
    for (String user : List.of("nia", "cy", "bo")) {
      JsonNode log = as(user).get("/api/reviews/" + review + "/comments").getBody();
      assertThat(log).as("%s reads the whole log", user).hasSize(3);
      assertThat(log.get(1).path("organisation").asText()).isEqualTo("NLE");
      assertThat(log.get(1).path("response").asText()).isEqualTo("rejected");
      assertThat(log.get(1).path("responseReason").asText())
          .isEqualTo("the plan names the approver in 5.1");
    }
    assertThat(as("zed").get("/api/reviews/" + review + "/comments").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(as("zed").get("/api/reviews").getBody()).isEmpty();
    assertThat(as("nia").get("/api/reviews").getBody()).hasSize(1);
    assertThat(as("rachel").get("/api/reviews/" + review).getBody().path("state").asText())
        .isEqualTo("PUBLISHED");
  }

  // --- helpers ------------------------------------------------------------------------------

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private Map<String, Object> validReview() {
    return Map.of(
        "title",
        "Release Management Plan",
        "version",
        "1.0",
        "documentUrl",
        "https://ccmt.example/plan.pdf",
        "dueDate",
        dueDate,
        "participants",
        List.of("BRG", "CWE", "NLE"));
  }

  private ResponseEntity<JsonNode> json(Map<String, Object> change) {
    Map<String, Object> body = new java.util.HashMap<>(validReview());
    body.putAll(change);
    return as("rachel").post("/api/reviews", body);
  }

  private ResponseEntity<JsonNode> upload(String fileName, byte[] content) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("title", "Release Management Plan");
    parts.add("version", "1.0");
    parts.add("dueDate", dueDate);
    parts.add("participants", "BRG,CWE,NLE");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
    headers.setContentDisposition(
        org.springframework.http.ContentDisposition.formData()
            .name("document")
            .filename(fileName)
            .build());
    parts.add("document", new HttpEntity<>(content, headers));
    return as("rachel")
        .rest()
        .post()
        .uri("/api/reviews")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(parts)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> put(Object body) {
    return as("rachel")
        .rest()
        .put()
        .uri("/api/reviews/" + review + "/responses")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static void assertRefused(
      ResponseEntity<JsonNode> refused, HttpStatus status, String field) {
    assertThat(refused.getStatusCode()).as("%s refused", field).isEqualTo(status);
    assertThat(refused.getBody().path("field").asText()).as("the field named").isEqualTo(field);
  }

  private static List<MimeMessage> mails(String subjectStart) {
    return TestMailServer.received().stream()
        .filter(
            mail -> {
              try {
                return mail.getSubject().startsWith(subjectStart);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
