package uk.ccmt.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteMailing;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * Issue 16's Done-when for acknowledgements, over real HTTP with a real SMTP server: with {@code
 * ccmt.notes.acknowledge=all}, a final note goes to three organisations, each email with its own
 * one-time link. BGS acknowledges through its link (the page, then its button), NLE in Tasklist
 * (engine REST as its user), and SSE is chased after ccmt.notes.acknowledge-within. Reused, expired
 * and forged links are refused, and write nothing.
 *
 * <p>The final note is created and emailed by the very calls of weeklyRelease's note steps
 * (createFinalNoteDelegate queues it, shareReleaseNoteDelegate delivers it); the rest runs on the
 * job executor, as in production.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-ack-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-ack-environments",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh",
      "spring.mail.host=127.0.0.1",
      "ccmt.notes.acknowledge=all"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class NoteAcknowledgementHttpTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String BGS_USER = "bgs-trials";
  private static final String NLE_USER = "nle-ops";
  private static final String SSE_USER = "sse-ops";
  private static final String TASK = "acknowledgeReleaseNote";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Pattern LINK = Pattern.compile("/acknowledge/([A-Za-z0-9_-]{43})");
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  @LocalServerPort int port;

  @Autowired TestData given;
  @Autowired JdbcClient jdbc;
  @Autowired ReleaseNoteService notes;
  @Autowired ReleaseNoteMailing mailing;

  /** A browser of the link's pages: it keeps the session cookie that the CSRF token belongs to. */
  private final HttpClient browser =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  private String releaseId;
  private long noteId;
  private Map<String, String> links;

  @BeforeAll
  void teamAndOrganisations() {
    TestMailServer.purge();
    given.user(RELEASE_MANAGER, uk.ccmt.system.Groups.RELEASE_MANAGERS);
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("SSE", "CHALLENGER", "ops@sse.example");
    given.organisationUser(BGS_USER, "BGS");
    given.organisationUser(NLE_USER, "NLE");
    given.organisationUser(SSE_USER, "SSE");
  }

  @AfterAll
  void theClockGoesBack() {
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  @DisplayName("1. The final note goes to each organisation with its own one-time link")
  void theFinalNoteGoesWithALinkEach() throws Exception {
    given.fixedDefect("D-401", "4.0.0");
    releaseId = given.weeklyReleaseOfFixedDefects("2026-W50").id();
    ReleaseNote note = notes.createFinal(releaseId);
    noteId = note.id();
    mailing.queue(note);
    mailing.deliver(noteId);

    links = new java.util.HashMap<>();
    for (MimeMessage mail : TestMailServer.received()) {
      assertThat(mail.getSubject()).isEqualTo(note.title());
      Matcher link = LINK.matcher(MailParts.alternativeOf(mail).text());
      assertThat(link.find()).isTrue();
      links.put(mail.getAllRecipients()[0].toString(), link.group(1));
    }
    assertThat(links.keySet())
        .containsExactlyInAnyOrder("trials@bgs.example", "ops@nle.example", "ops@sse.example");
    assertThat(links.values()).doesNotHaveDuplicates();
    for (String user : List.of(BGS_USER, NLE_USER, SSE_USER)) {
      String task = HttpCaller.as(port, user).awaitTask(key(), TASK, PATIENCE);
      assertThat(task).isNotBlank();
    }
  }

  @Test
  @Order(2)
  @DisplayName("2. BGS opens its link (nothing written yet) and acknowledges with the button")
  void bgsAcknowledgesByItsLink() throws Exception {
    String token = links.get("trials@bgs.example");
    HttpResponse<String> page = get(token);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Organisation BGS (BGS)", notes.find(noteId).orElseThrow().title())
        .contains("Acknowledge for my organisation");
    assertThat(acknowledgedCount()).as("opening the link writes nothing").isZero();

    assertThat(post(token, null).statusCode())
        .as("the button without the page's CSRF token")
        .isEqualTo(403);
    assertThat(acknowledgedCount()).isZero();

    HttpResponse<String> done = post(token, csrf(page.body()));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("Release note acknowledged");
    assertThat(row("BGS")).isEqualTo("LINK:link");
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                HttpCaller.as(port, BGS_USER)
                        .get("/engine-rest/task?taskDefinitionKey=" + TASK)
                        .getBody()
                        .size()
                    == 0);

    HttpResponse<String> again = get(token);
    assertThat(again.statusCode()).as("a used link").isEqualTo(410);
    assertThat(again.body()).contains("This link has been used");
    assertThat(post(token, csrf(page.body())).statusCode()).isEqualTo(410);
  }

  @Test
  @Order(3)
  @DisplayName("3. NLE acknowledges in Tasklist, which uses up its link; a refusal is a 400")
  void nleAcknowledgesInTasklist() throws Exception {
    HttpCaller nle = HttpCaller.as(port, NLE_USER);
    String task = nle.awaitTask(key(), TASK, PATIENCE);
    JsonNode variables = nle.get("/engine-rest/task/" + task + "/form-variables").getBody();
    assertThat(variables.path("noteTitle").path("value").asText())
        .isEqualTo(notes.find(noteId).orElseThrow().title());
    assertThat(variables.path("contextNote").path("value").asText()).contains("D\\-401");

    ResponseEntity<JsonNode> refused =
        nle.complete(task, Map.of("acknowledged", HttpCaller.bool(false)));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("acknowledged");
    assertThat(acknowledgedCount()).isEqualTo(1);

    assertThat(nle.complete(task, Map.of("acknowledged", HttpCaller.bool(true))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(row("NLE")).isEqualTo("TASKLIST:" + NLE_USER);
    assertThat(get(links.get("ops@nle.example")).statusCode()).isEqualTo(410);
  }

  @Test
  @Order(4)
  @DisplayName("4. Forged and malformed links are a 404, and write nothing")
  void forgedLinksAreRefused() throws Exception {
    assertThat(get(AcknowledgementTokens.newToken()).statusCode()).isEqualTo(404);
    assertThat(get("not-a-token").statusCode()).isEqualTo(404);
    HttpResponse<String> page = get(links.get("ops@sse.example"));
    assertThat(post(AcknowledgementTokens.newToken(), csrf(page.body())).statusCode())
        .isEqualTo(404);
    assertThat(acknowledgedCount()).isEqualTo(2);
  }

  @Test
  @Order(5)
  @DisplayName("5. The release managers see who has not acknowledged; participants may not")
  void theReleaseManagersSeeWhoHasNotAcknowledged() {
    JsonNode view =
        HttpCaller.as(port, RELEASE_MANAGER)
            .get("/api/releases/" + releaseId + "/acknowledgements")
            .getBody();
    assertThat(view).hasSize(1);
    assertThat(view.get(0).path("asked").asInt()).isEqualTo(3);
    assertThat(view.get(0).path("acknowledged").asInt()).isEqualTo(2);
    assertThat(view.get(0).path("notAcknowledged").toString()).isEqualTo("[\"SSE\"]");
    assertThat(
            HttpCaller.as(port, BGS_USER)
                .get("/api/releases/" + releaseId + "/acknowledgements")
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(HttpCaller.as(port, RELEASE_MANAGER).page("/staff/releases/" + releaseId).getBody())
        .contains("Acknowledgements of notes", "2 of 3 acknowledged; not yet: SSE");
  }

  @Test
  @Order(6)
  @DisplayName("6. After the window SSE is reminded with a new link and the release managers chase")
  void sseIsChasedAfterTheWindow() throws Exception {
    TestMailServer.purge();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(2)).plusSeconds(60)));
    String chase =
        HttpCaller.as(port, RELEASE_MANAGER)
            .awaitTask(key(), "chaseNoteAcknowledgements", PATIENCE.multipliedBy(2));
    JsonNode variables =
        HttpCaller.as(port, RELEASE_MANAGER)
            .get("/engine-rest/task/" + chase + "/form-variables")
            .getBody();
    assertThat(variables.path("contextNotAcknowledged").path("value").asText())
        .contains("SSE")
        .doesNotContain("BGS", "NLE");
    List<MimeMessage> reminders =
        Awaitility.await()
            .atMost(PATIENCE)
            .until(
                () ->
                    TestMailServer.received().stream()
                        .filter(mail -> subject(mail).startsWith("Reminder: please acknowledge"))
                        .toList(),
                found -> found.size() == 1);
    assertThat(reminders.get(0).getAllRecipients()[0].toString()).isEqualTo("ops@sse.example");
    Matcher link = LINK.matcher(MailParts.alternativeOf(reminders.get(0)).text());
    assertThat(link.find()).isTrue();
    links.put("reminder", link.group(1));
    assertThat(get(links.get("ops@sse.example")).statusCode())
        .as("the first link gave way to the reminder's")
        .isEqualTo(404);
  }

  @Test
  @Order(7)
  @DisplayName("7. An expired link is a 410 and writes nothing; SSE acknowledges late in Tasklist")
  void anExpiredLinkIsRefusedAndSseAcknowledgesLate() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(20))));
    HttpResponse<String> expired = get(links.get("reminder"));
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("This link has expired");
    assertThat(acknowledgedCount()).isEqualTo(2);

    HttpCaller sse = HttpCaller.as(port, SSE_USER);
    String task = sse.awaitTask(key(), TASK, PATIENCE);
    assertThat(sse.complete(task, Map.of("acknowledged", HttpCaller.bool(true))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            jdbc.sql(
                    "select late from note_acknowledgement where note_id = ? and"
                        + " participant_code = 'SSE'")
                .param(noteId)
                .query(Boolean.class)
                .single())
        .isTrue();
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                HttpCaller.as(port, RELEASE_MANAGER)
                        .get(
                            "/engine-rest/task?processInstanceBusinessKey="
                                + key()
                                + "&taskDefinitionKey=chaseNoteAcknowledgements")
                        .getBody()
                        .size()
                    == 0);
  }

  @Test
  @Order(8)
  @DisplayName("8. Each organisation's KPIs count its acknowledgements, by link, in Tasklist, late")
  void theKpisCountTheAcknowledgements() {
    JsonNode sse = HttpCaller.as(port, SSE_USER).get("/api/participants/SSE/kpis").getBody();
    assertThat(sse.path("acknowledgements").toString())
        .isEqualTo("{\"asked\":1,\"acknowledged\":1,\"byLink\":0,\"inTasklist\":1,\"late\":1}");
    JsonNode bgs = HttpCaller.as(port, RELEASE_MANAGER).get("/api/participants/BGS/kpis").getBody();
    assertThat(bgs.path("acknowledgements").path("byLink").asInt()).isEqualTo(1);
    assertThat(bgs.path("acknowledgements").path("late").asInt()).isZero();
  }

  private String key() {
    return NoteAcknowledgements.businessKey(releaseId, noteId);
  }

  private HttpResponse<String> get(String token) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri(token)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String token, String csrf) throws Exception {
    String form = csrf == null ? "" : "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return browser.send(
        HttpRequest.newBuilder(uri(token))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String token) {
    return URI.create("http://localhost:" + port + "/acknowledge/" + token);
  }

  private static String csrf(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as("the page's CSRF token in %s", page).isTrue();
    return token.group(1) != null ? token.group(1) : token.group(2);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      return "";
    }
  }

  private long acknowledgedCount() {
    return jdbc.sql(
            "select count(*) from note_acknowledgement where note_id = ? and"
                + " acknowledged_at is not null")
        .param(noteId)
        .query(Long.class)
        .single();
  }

  private String row(String code) {
    return jdbc.sql(
            "select via || ':' || acknowledged_by from note_acknowledgement where note_id = ? and"
                + " participant_code = ?")
        .params(noteId, code)
        .query(String.class)
        .single();
  }
}
