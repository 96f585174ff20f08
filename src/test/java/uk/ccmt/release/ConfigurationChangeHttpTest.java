package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.FileSystemUtils;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.support.WeeklyReleaseOverHttp;
import uk.ccmt.system.Groups;

/**
 * Issue 15's Done-when for configuration changes, over real HTTP on the whole application: a
 * configuration change created with {@code POST /api/changes} goes through a weekly release of its
 * own (a week with no fixed defect runs for it) to CCMT, and its provisional and final notes list
 * it under "Configuration changes", in the email participants get (a real SMTP server) and on the
 * public page {@code /releases/{id}}.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-change-environments",
      "ccmt.deployment.command=scripts/deploy.sh",
      "ccmt.smoke-test.command=scripts/smoke-test.sh",
      "spring.mail.host=127.0.0.1",
      "camunda.bpm.admin-user.id=" + ConfigurationChangeHttpTest.ADMIN,
      "camunda.bpm.admin-user.password=" + ConfigurationChangeHttpTest.ADMIN_PASSWORD
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StepwiseExtension.class)
class ConfigurationChangeHttpTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "change-test-admin-password";

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final String CONTACT = "trials@nle.example";
  private static final String TITLE = "Load the December tariff reference data";
  private static final String PACKAGE = "8.0.0-refdata";

  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Autowired TestData given;

  private String changeId;
  private String releaseId;
  private String weeklyRelease;

  @BeforeAll
  void teamParticipantAndCleanEnvironments() {
    FileSystemUtils.deleteRecursively(
        java.nio.file.Path.of("target/http-test-change-environments").toFile());
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", CONTACT);
  }

  @Test
  @Order(1)
  @DisplayName("1. The development team creates a configuration change, a candidate at once")
  void theDevelopmentTeamCreatesAConfigurationChange() {
    ResponseEntity<JsonNode> created =
        as(DEVELOPER)
            .post(
                "/api/changes",
                Map.of(
                    "title",
                    TITLE,
                    "component",
                    "Reference data",
                    "buildVersion",
                    PACKAGE,
                    "description",
                    "Loads the tariffs that start on 1 December"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    changeId = created.getBody().path("id").asText();
    assertThat(changeId).matches("C-[0-9]+");
    assertThat(created.getHeaders().getLocation()).hasPath("/api/changes/" + changeId);
    assertThat(created.getBody().path("kind").asText()).isEqualTo("CONFIGURATION");
    assertThat(created.getBody().path("status").asText()).isEqualTo("FIXED");
    assertThat(each(as(RELEASE_MANAGER).get("/api/changes").getBody(), "id")) // the staff read it
        .containsExactly(changeId);
  }

  @Test
  @Order(2)
  @DisplayName("2. The week's release starts for it, though no defect is fixed")
  void theWeeksReleaseStartsForIt() {
    String week = WeeklyReleaseOverHttp.weekWhoseThursdayIsStillAhead(CALENDAR_ZONE);
    ResponseEntity<JsonNode> started =
        as(RELEASE_MANAGER).post("/api/releases/weekly", Map.of("week", week));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    releaseId = started.getBody().path("id").asText();
    weeklyRelease =
        WeeklyReleaseOverHttp.weeklyReleaseInstance(as(ADMIN, ADMIN_PASSWORD), releaseId);
    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_CycleStart");
  }

  @Test
  @Order(3)
  @DisplayName("3. The review shows it under its own heading, and keeps it")
  void theReviewShowsItUnderItsOwnHeading() throws Exception {
    String review = as(RELEASE_MANAGER).awaitTask(releaseId, "reviewReleaseContents", PATIENCE);
    JsonNode variables =
        as(RELEASE_MANAGER).get("/engine-rest/task/" + review + "/form-variables").getBody();
    assertThat(variables.path("contextDefects").path("value").asText())
        .contains("**Configuration changes:**", TITLE, "configuration change");
    assertThat(variables.path("buildVersion").path("value").asText()).isEqualTo(PACKAGE);
    TestMailServer.purge();
    assertThat(
            as(RELEASE_MANAGER)
                .complete(
                    review, Map.of("excludedDefects", json("[]"), "buildVersion", string(PACKAGE)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  @Order(4)
  @DisplayName("4. The provisional note's email lists it under \"Configuration changes\"")
  void theProvisionalEmailListsIt() throws Exception {
    MailParts.Alternative mail = awaitMail("Provisional release note " + releaseId);
    assertThat(mail.html()).contains("<h3>Configuration changes</h3>", changeId, TITLE, PACKAGE);
    assertThat(mail.text().replace("\r\n", "\n"))
        .contains("Configuration changes:\n- " + changeId + ": " + TITLE);
  }

  @Test
  @Order(5)
  @DisplayName("5. Internal testing passes it, and the contents are confirmed")
  void internalTestingPassesIt() {
    String internalTesting = as(TESTER).awaitTask(releaseId, "recordInternalTestResults", PATIENCE);
    assertThat(
            as(TESTER)
                .complete(internalTesting, Map.of("failedDefects", json("[]")))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    String confirmation =
        as(RELEASE_MANAGER).awaitTask(releaseId, "confirmReleaseContents", PATIENCE);
    TestMailServer.purge();
    assertThat(
            as(RELEASE_MANAGER)
                .complete(confirmation, Map.of("contentsConfirmed", bool(true)))
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    WeeklyReleaseOverHttp.fireTimerIfWaiting(
        as(ADMIN, ADMIN_PASSWORD), weeklyRelease, "Timer_ThursdayDeploymentSlot");
  }

  @Test
  @Order(6)
  @DisplayName("6. It goes live in CCMT, and the final note lists it, by email and on the page")
  void itGoesLiveAndTheFinalNoteListsIt() throws Exception {
    JsonNode release =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody(),
                body ->
                    body.path("status").asText().equals("DEPLOYED")
                        && each(body.path("notes"), "kind").contains("FINAL"));
    assertThat(each(release.path("deployments"), "environment"))
        .containsExactly("DEV1", "QAS1", "QAS2", "CCMT");
    assertThat(
            as(RELEASE_MANAGER).get("/api/changes/" + changeId).getBody().path("status").asText())
        .isEqualTo("RELEASED");

    MailParts.Alternative mail = awaitMail("Final release note " + releaseId);
    assertThat(mail.html()).contains("<h3>Configuration changes</h3>", changeId, TITLE);
    assertThat(mail.text().replace("\r\n", "\n"))
        .contains("Configuration changes:\n- " + changeId + ": " + TITLE);

    ResponseEntity<String> page = HttpCaller.anonymous(port).page("/releases/" + releaseId);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains(
            "Final release note " + releaseId,
            "Provisional release note " + releaseId,
            "<h3>Configuration changes</h3>",
            changeId,
            TITLE);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private MailParts.Alternative awaitMail(String subject) throws Exception {
    List<MimeMessage> messages =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> withSubject(subject), found -> !found.isEmpty());
    assertThat(messages).as("one email to the one contact").hasSize(1);
    assertThat(messages.get(0).getAllRecipients()[0].toString()).isEqualTo(CONTACT);
    return MailParts.alternativeOf(messages.get(0));
  }

  private static List<MimeMessage> withSubject(String subject) {
    return TestMailServer.received().stream()
        .filter(
            message -> {
              try {
                return subject.equals(message.getSubject());
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static List<String> each(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(item -> item.path(field).asText())
        .toList();
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private HttpCaller as(String user, String password) {
    return HttpCaller.as(port, user, password);
  }
}
