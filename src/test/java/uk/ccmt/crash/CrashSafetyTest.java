package uk.ccmt.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;
import static uk.ccmt.support.HttpCaller.variables;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import uk.ccmt.crash.Mailbox.Received;
import uk.ccmt.support.HttpCaller;

/**
 * PRODUCT.md §7, crash-safe: the application as a JVM of its own, killed with SIGKILL at the five
 * points of a weekly release the issue names (and once right after a 201, the finding on H2), and
 * started again on the same database each time. On the default H2 file database, with the very URL
 * application.yaml ships, and on PostgreSQL.
 *
 * <p>Asserted: the release completes; no deployment command started twice for one attempt; the
 * attempt cut off mid-command is UNKNOWN and went to fix forward; no email is lost; an email sent
 * twice is one the relay accepted just before a kill (the README's window), with one Message-ID.
 *
 * <p>The one thing played rather than waited for: a job the killed process had locked stays locked
 * for the lock time (30 minutes as shipped) before any process retries it. Between a kill and the
 * restart the test frees those locks in the database, as the README tells an operator to do when no
 * node runs, and counts them.
 */
class CrashSafetyTest {

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "crash-admin-Passw0rd";
  private static final String PASSWORD = "crash-test-Passw0rd";
  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final int PARTICIPANTS = 60;

  /** The build the release review settles: its deployment to QAS1 runs until it is killed. */
  private static final String SLOW_BUILD = "5.0.1-slow-in-QAS1";

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");
  private static final Path SCRIPTS = Path.of("src/test/resources/scripts").toAbsolutePath();

  private static final List<String> FIGURES = new CopyOnWriteArrayList<>();

  @Test
  void shouldSurviveSigkillAtEveryPointOfAWeekOnTheDefaultH2FileDatabase() throws Exception {
    Path dir = Path.of("target/crash/h2").toAbsolutePath();
    FileSystemUtils.deleteRecursively(dir);
    // No datasource property: the child runs application.yaml's own URL, ./data/ccmt under its
    // directory.
    String offlineUrl =
        "jdbc:h2:file:" + dir.resolve("data/ccmt") + ";DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0";
    new CrashRun(
            "H2 file (default URL)",
            dir,
            Map.of(),
            () -> DriverManager.getConnection(offlineUrl, "sa", ""))
        .run();
  }

  @Test
  void shouldSurviveSigkillAtEveryPointOfAWeekOnPostgres() throws Exception {
    Path dir = Path.of("target/crash/postgres").toAbsolutePath();
    FileSystemUtils.deleteRecursively(dir);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      new CrashRun(
              "PostgreSQL",
              dir,
              Map.of(
                  "spring.datasource.url",
                  url,
                  "spring.datasource.username",
                  "postgres",
                  "spring.datasource.password",
                  ""),
              () -> DriverManager.getConnection(url, "postgres", ""))
          .run();
    }
  }

  @AfterAll
  static void printFigures() {
    String summary = "Crash suite: " + String.join("; ", FIGURES);
    System.out.println(summary);
  }

  @FunctionalInterface
  interface Database {
    Connection open() throws SQLException;
  }

  /** One weekly release, killed six times, on one database. */
  private static final class CrashRun {

    private final String name;
    private final Path dir;
    private final Database database;
    private final Mailbox mail = new Mailbox();
    private final AppProcess app;
    private final Path commandLog;
    private final List<String> kills = new ArrayList<>();
    private final Set<String> completedTasks = new HashSet<>();
    private int locksFreed;
    private long batchCutAt;
    private String heldMessageId;
    private int nextCorrection = 2;
    private String releaseId;

    CrashRun(String name, Path dir, Map<String, String> datasource, Database database) {
      this.name = name;
      this.dir = dir;
      this.database = database;
      this.commandLog = dir.resolve("commands.log");
      Map<String, String> properties = new LinkedHashMap<>(datasource);
      properties.put("ccmt.demo.enabled", "false");
      properties.put("camunda.bpm.admin-user.id", ADMIN);
      properties.put("camunda.bpm.admin-user.password", ADMIN_PASSWORD);
      properties.put(
          "ccmt.deployment.command", "bash " + SCRIPTS.resolve("deploy-unless-broken.sh"));
      properties.put(
          "ccmt.smoke-test.command", "bash " + SCRIPTS.resolve("smoke-test-unless-broken.sh"));
      properties.put("spring.mail.host", "127.0.0.1");
      properties.put("spring.mail.port", String.valueOf(mail.port()));
      // Poll for jobs often: the test waits for them, not for an idle job executor's back-off.
      properties.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
      properties.put("camunda.bpm.job-execution.max-wait", "1000");
      this.app =
          new AppProcess(dir, properties, Map.of("CCMT_TEST_COMMAND_LOG", commandLog.toString()));
    }

    void run() throws Exception {
      long started = System.nanoTime();
      mail.start();
      try {
        app.start(STARTUP);
        team();
        participants();

        // Kill 0, the finding: SIGKILL right after a 201 must not lose what it answered for.
        assertThat(
                as(RELEASE_MANAGER)
                    .post(
                        "/api/defects",
                        Map.of(
                            "id",
                            "D-1",
                            "title",
                            "Switching defect D-1",
                            "severity",
                            "S2",
                            "stopsTesting",
                            false,
                            "component",
                            "Switching",
                            "raisedBy",
                            "CCMT test team"))
                    .getStatusCode())
            .isEqualTo(HttpStatus.CREATED);
        kill("right after a 201");
        restart();
        assertThat(as(RELEASE_MANAGER).get("/api/defects/D-1").getStatusCode())
            .as("the defect answered 201 before the kill")
            .isEqualTo(HttpStatus.OK);

        assertThat(
                as(DEVELOPER)
                    .post("/api/defects/D-1/fix", Map.of("buildVersion", "5.0.0"))
                    .getStatusCode())
            .isEqualTo(HttpStatus.OK);
        String week = weekWhoseThursdayIsStillAhead();
        ResponseEntity<JsonNode> weekly =
            as(RELEASE_MANAGER).post("/api/releases/weekly", Map.of("week", week));
        assertThat(weekly.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        releaseId = weekly.getBody().path("id").asText();
        fireTimerIfWaiting("Timer_CycleStart");
        String review = awaitTask(RELEASE_MANAGER, "reviewReleaseContents");

        // Kill 1: the provisional note is queued for every participant, and the relay is down.
        mail.stop();
        assertThat(
                as(RELEASE_MANAGER)
                    .post(
                        "/engine-rest/task/" + review + "/complete",
                        variables(
                            Map.of(
                                "excludedDefects", json("[]"), "buildVersion", string(SLOW_BUILD))))
                    .getStatusCode())
            .isEqualTo(HttpStatus.NO_CONTENT);
        completedTasks.add(review);
        awaitUntil("the provisional note", () -> noteKinds().contains("PROVISIONAL"));
        kill("after the provisional note was queued, before its email was sent");
        assertThat(mail.countWithSubject("Provisional release note " + releaseId)).isZero();
        assertThat(
                query(
                    "select count(*) from outbound_email where state <> 'SENT' and subject like "
                        + "'Provisional release note "
                        + releaseId
                        + "%'"))
            .as("queued, not sent, at the kill")
            .isEqualTo(PARTICIPANTS);

        // Kill 2: midway through the provisional note's batch of participant emails, just as the
        // relay
        // has accepted the third one and before its answer reached the application: the README's
        // window.
        int before = mail.received().size();
        mail.holdTheAnswerToMessage(3);
        mail.start();
        restart();
        awaitUntil(
            "the relay accepting the third provisional email",
            mail::holdingAnAnswer,
            Duration.ofMillis(2));
        kill("midway through a mail batch, the relay's answer to one email not yet back");
        awaitUntil("the relay storing it", () -> mail.received().size() >= before + 3);
        Received held = mail.received().get(before + 2);
        heldMessageId = held.messageId();
        assertThat(
                query(
                    "select count(*) from outbound_email where state = 'SENT' and id = "
                        + heldMessageId.replaceAll("\\D", "")))
            .as("the outbox, for the email the relay accepted")
            .isZero();
        String provisional = "Provisional release note " + releaseId;
        batchCutAt = mail.countWithSubject(provisional);
        assertThat(batchCutAt).as("killed midway through the batch").isLessThan(PARTICIPANTS);
        restart();

        // Kill 3: while the deployment command runs in QAS1.
        Path running = dir.resolve("data/environments/QAS1/slow-" + SLOW_BUILD + ".started");
        awaitUntil("the deployment command in QAS1", () -> Files.exists(running));
        kill("while a deployment command ran");
        assertThat(
                query(
                    "select count(*) from deployment_attempt where environment = 'QAS1' and outcome = 'DEPLOYING'"
                        + " and build_version = '"
                        + SLOW_BUILD
                        + "'"))
            .as("the attempt, recorded before its command ran")
            .isEqualTo(1);
        restart();

        // After the restart the cut-off attempt is UNKNOWN, and the development team fixes forward.
        String correction = awaitTask(DEVELOPER, "correctReleaseErrors");
        assertThat(attempt("QAS1", SLOW_BUILD).path("outcome").asText()).isEqualTo("UNKNOWN");

        // Kill 4: during fix forward, right after the corrected build was given (the 204).
        completeCorrection(correction);
        kill("during fix forward, right after the correction");
        restart();
        assertThat(as(ADMIN, ADMIN_PASSWORD).get("/engine-rest/task/" + correction).getStatusCode())
            .as("the correction answered 204 before the kill")
            .isEqualTo(HttpStatus.NOT_FOUND);

        // Kill 5: while the release waits at the Thursday deployment slot.
        drive(() -> !timers("Timer_ThursdayDeploymentSlot").isEmpty(), false);
        kill("while waiting at the Thursday timer");
        restart();
        drive(this::weeklyReleaseCompleted, true);

        assertCrashSafe(Duration.ofNanos(System.nanoTime() - started));
      } finally {
        app.stop();
        mail.close();
      }
    }

    // --- the assertions ----------------------------------------------------------------------

    private void assertCrashSafe(Duration took) throws Exception {
      JsonNode release = as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody();
      assertThat(release.path("status").asText()).isEqualTo("DEPLOYED");
      assertThat(each(release.path("notes"), "kind")).containsExactly("PROVISIONAL", "FINAL");
      assertThat(
              as(ADMIN, ADMIN_PASSWORD)
                  .get("/engine-rest/incident/count")
                  .getBody()
                  .path("count")
                  .asInt())
          .as("incidents")
          .isZero();
      assertThat(as(RELEASE_MANAGER).get("/api/defects/D-1").getBody().path("status").asText())
          .isEqualTo("RELEASED");
      long corrections =
          as(ADMIN, ADMIN_PASSWORD)
              .get(
                  "/engine-rest/history/task/count?taskDefinitionKey="
                      + "correctReleaseErrors&processInstanceBusinessKey="
                      + releaseId
                      + "&finished=true")
              .getBody()
              .path("count")
              .asLong();
      app.stop();

      // No command started twice for one attempt; the cut-off attempt is UNKNOWN and went to fix
      // forward.
      List<JsonNode> attempts =
          StreamSupport.stream(release.path("deployments").spliterator(), false).toList();
      List<String> started = Files.readAllLines(commandLog);
      long startsOfAttempts = 0;
      for (JsonNode attempt : attempts) {
        String environment = attempt.path("environment").asText();
        String build = attempt.path("buildVersion").asText();
        String outcome = attempt.path("outcome").asText();
        long starts =
            started.stream().filter((environment + " " + releaseId + " " + build)::equals).count();
        startsOfAttempts += starts;
        long deployed = deploymentsLogged(environment, build);
        if (outcome.equals("UNKNOWN")) {
          // cut off after its record and before or while its command ran: it started at most once
          assertThat(starts)
              .as("starts of the command for %s build %s", environment, build)
              .isLessThanOrEqualTo(1);
          assertThat(deployed)
              .as("deployments.log of %s, build %s", environment, build)
              .isLessThanOrEqualTo(1);
        } else {
          assertThat(starts)
              .as("starts of the command for %s build %s", environment, build)
              .isEqualTo(1);
          assertThat(deployed)
              .as("deployments.log of %s, build %s (%s)", environment, build, outcome)
              .isEqualTo(1);
        }
      }
      assertThat(started)
          .as("every command start belongs to one attempt")
          .hasSize((int) startsOfAttempts);
      long unknown =
          attempts.stream()
              .filter(attempt -> attempt.path("outcome").asText().equals("UNKNOWN"))
              .count();
      assertThat(unknown).as("attempts cut off").isGreaterThanOrEqualTo(1);
      assertThat(corrections)
          .as("fix forward after each attempt whose outcome is unknown")
          .isGreaterThanOrEqualTo(unknown);
      assertThat(attempts)
          .last()
          .satisfies(
              last -> {
                assertThat(last.path("environment").asText()).isEqualTo("CCMT");
                assertThat(last.path("outcome").asText()).isEqualTo("PASSED");
              });

      // No email lost: every outbox row is sent and the relay has it, under the row's Message-ID.
      Map<String, OutboxRow> rows = outbox();
      assertThat(rows.values())
          .allSatisfy(
              row ->
                  assertThat(row.state()).as("outbox row %s", row.messageId()).isEqualTo("SENT"));
      List<Received> received = mail.received();
      Map<String, List<Received>> byMessageId =
          received.stream().collect(Collectors.groupingBy(Received::messageId));
      assertThat(byMessageId.keySet())
          .as("Message-IDs the relay received")
          .containsExactlyInAnyOrderElementsOf(rows.keySet());
      for (Map.Entry<String, List<Received>> message : byMessageId.entrySet()) {
        OutboxRow row = rows.get(message.getKey());
        assertThat(message.getValue())
            .as("copies of %s", message.getKey())
            .hasSizeBetween(1, 2)
            .allSatisfy(
                copy -> {
                  assertThat(copy.recipient()).isEqualTo(row.recipient());
                  assertThat(copy.subject()).isEqualTo(row.subject());
                });
      }
      Map<String, Long> perRecipientAndSubject =
          received.stream()
              .collect(
                  Collectors.groupingBy(
                      copy -> copy.recipient() + " | " + copy.subject(),
                      Collectors.mapping(
                          Received::messageId,
                          Collectors.collectingAndThen(
                              Collectors.toSet(), set -> (long) set.size()))));
      assertThat(perRecipientAndSubject.values())
          .as("Message-IDs per recipient and subject")
          .containsOnly(1L);
      for (String kind : List.of("Provisional release note ", "Final release note ")) {
        assertThat(
                rows.values().stream()
                    .filter(row -> row.subject().startsWith(kind + releaseId))
                    .count())
            .as(kind + "emails")
            .isEqualTo(PARTICIPANTS);
      }
      int duplicates = received.size() - byMessageId.size();
      assertThat(
              byMessageId.entrySet().stream()
                  .filter(message -> message.getValue().size() > 1)
                  .map(Map.Entry::getKey))
          .as("emails sent twice: only the one the relay accepted just before a kill")
          .containsExactly(heldMessageId);

      String figures =
          String.format(
              "%s: kills survived %d, releases completed 1, emails %d (%d sent twice, same "
                  + "Message-ID), mail batch cut at %d of %d, commands started twice 0, attempts cut off and UNKNOWN %d, "
                  + "fix forwards %d, locks of the killed process freed %d, %d s",
              name,
              kills.size(),
              rows.size(),
              duplicates,
              batchCutAt,
              PARTICIPANTS,
              unknown,
              corrections,
              locksFreed,
              took.toSeconds());
      FIGURES.add(figures);
      System.out.println("Crash run " + figures + ". Kills: " + String.join(", ", kills));
    }

    private long deploymentsLogged(String environment, String build) throws IOException {
      Path log = dir.resolve("data/environments/" + environment + "/deployments.log");
      if (!Files.exists(log)) {
        return 0;
      }
      return Files.readAllLines(log).stream()
          .filter(line -> line.endsWith(" " + releaseId + " build " + build))
          .count();
    }

    private Map<String, OutboxRow> outbox() throws SQLException {
      Map<String, OutboxRow> rows = new LinkedHashMap<>();
      try (Connection connection = database.open();
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery("select id, recipient, subject, state from outbound_email")) {
        while (result.next()) {
          String messageId = "<outbound-email-" + result.getLong("id") + "@ccmt-release-manager>";
          rows.put(
              messageId,
              new OutboxRow(
                  messageId,
                  result.getString("recipient"),
                  result.getString("subject"),
                  result.getString("state")));
        }
      }
      return rows;
    }

    /**
     * One number from the database, read while no application runs (H2 keeps its file to itself).
     */
    private long query(String sql) throws SQLException {
      try (Connection connection = database.open();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        result.next();
        return result.getLong(1);
      }
    }

    record OutboxRow(String messageId, String recipient, String subject, String state) {}

    // --- kills and restarts ------------------------------------------------------------------

    private void kill(String point) throws InterruptedException {
      app.kill();
      kills.add(point);
    }

    /**
     * Starts the application again on the same database. First, as an operator would with no node
     * running, frees the jobs the killed process had locked: otherwise they wait out the lock time.
     */
    private void restart() throws Exception {
      try (Connection connection = database.open();
          Statement statement = connection.createStatement()) {
        locksFreed +=
            statement.executeUpdate(
                "update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ is not null");
      }
      app.start(STARTUP);
      retryFailedJobsNow();
    }

    // --- driving the release -----------------------------------------------------------------

    /**
     * Works the release's tasks as its users would until done: the test team signs off, the release
     * manager confirms, the development team gives a corrected build for every failure. Failed jobs
     * that wait for their next retry are retried now, as an operator may.
     */
    private void drive(BooleanSupplier done, boolean fireThursday) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(300))
          .ignoreExceptions()
          .until(
              () -> {
                if (done.getAsBoolean()) {
                  return true;
                }
                retryFailedJobsNow();
                JsonNode tasks =
                    as(ADMIN, ADMIN_PASSWORD)
                        .get("/engine-rest/task?processInstanceBusinessKey=" + releaseId)
                        .getBody();
                for (JsonNode task : tasks) {
                  String id = task.path("id").asText();
                  if (completedTasks.contains(id)) {
                    continue;
                  }
                  switch (task.path("taskDefinitionKey").asText()) {
                    case "correctReleaseErrors" -> completeCorrection(id);
                    case "recordInternalTestResults" ->
                        complete(TESTER, id, Map.of("failedDefects", json("[]")));
                    case "confirmReleaseContents" ->
                        complete(
                            RELEASE_MANAGER,
                            id,
                            Map.of("contentsConfirmed", Map.of("value", true, "type", "Boolean")));
                    case "reviewRouteToLiveViolation" ->
                        throw new AssertionError("route to live violated: " + task);
                    default -> {} // chases end with the work they chase
                  }
                }
                if (fireThursday) {
                  fireTimerIfWaiting("Timer_ThursdayDeploymentSlot");
                }
                return done.getAsBoolean();
              });
    }

    private void completeCorrection(String taskId) {
      complete(DEVELOPER, taskId, Map.of("buildVersion", string("5.0." + nextCorrection)));
      nextCorrection++;
    }

    private void complete(String user, String taskId, Map<String, Object> values) {
      ResponseEntity<JsonNode> answer =
          as(user).post("/engine-rest/task/" + taskId + "/complete", variables(values));
      assertThat(answer.getStatusCode())
          .as("completing %s: %s", taskId, answer.getBody())
          .isEqualTo(HttpStatus.NO_CONTENT);
      completedTasks.add(taskId);
    }

    private void retryFailedJobsNow() {
      HttpCaller admin = as(ADMIN, ADMIN_PASSWORD);
      for (JsonNode job : admin.get("/engine-rest/job?withException=true").getBody()) {
        assertThat(job.path("retries").asInt()).as("retries left of %s", job).isPositive();
        admin
            .rest()
            .put()
            .uri("/engine-rest/job/" + job.path("id").asText() + "/duedate")
            .body(Map.of("duedate", "2020-01-01T00:00:00.000+0000"))
            .retrieve()
            .toBodilessEntity();
      }
    }

    private boolean weeklyReleaseCompleted() {
      JsonNode instances =
          as(ADMIN, ADMIN_PASSWORD)
              .get(
                  "/engine-rest/history/process-instance?processDefinitionKey="
                      + "weeklyRelease&processInstanceBusinessKey="
                      + releaseId)
              .getBody();
      return instances.size() == 1 && instances.get(0).path("state").asText().equals("COMPLETED");
    }

    private List<String> noteKinds() {
      return each(
          as(RELEASE_MANAGER).get("/api/releases/" + releaseId).getBody().path("notes"), "kind");
    }

    private JsonNode attempt(String environment, String build) {
      return StreamSupport.stream(
              as(RELEASE_MANAGER)
                  .get("/api/releases/" + releaseId)
                  .getBody()
                  .path("deployments")
                  .spliterator(),
              false)
          .filter(
              attempt ->
                  attempt.path("environment").asText().equals(environment)
                      && attempt.path("buildVersion").asText().equals(build))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no attempt of " + build + " in " + environment));
    }

    private JsonNode timers(String activityId) {
      return as(ADMIN, ADMIN_PASSWORD)
          .get(
              "/engine-rest/job?timers=true&activityId="
                  + activityId
                  + "&processInstanceId="
                  + weeklyReleaseInstance())
          .getBody();
    }

    /**
     * Fires a waiting timer as an operator; when its date has passed the job executor may be first.
     */
    private void fireTimerIfWaiting(String activityId) {
      JsonNode timers = timers(activityId);
      if (!timers.isEmpty()) {
        as(ADMIN, ADMIN_PASSWORD)
            .post("/engine-rest/job/" + timers.get(0).path("id").asText() + "/execute", null);
      }
    }

    private String weeklyReleaseInstance() {
      JsonNode instances =
          as(ADMIN, ADMIN_PASSWORD)
              .get(
                  "/engine-rest/process-instance?processDefinitionKey=weeklyRelease&businessKey="
                      + releaseId)
              .getBody();
      assertThat(instances).as("weeklyRelease instances of %s", releaseId).hasSize(1);
      return instances.get(0).path("id").asText();
    }

    private String awaitTask(String user, String taskKey) {
      JsonNode tasks =
          await()
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(250))
              .ignoreExceptions()
              .until(
                  () ->
                      as(user)
                          .get(
                              "/engine-rest/task?processInstanceBusinessKey="
                                  + releaseId
                                  + "&taskDefinitionKey="
                                  + taskKey)
                          .getBody(),
                  found -> found.size() == 1);
      return tasks.get(0).path("id").asText();
    }

    private void awaitUntil(String what, BooleanSupplier condition) {
      awaitUntil(what, condition, Duration.ofMillis(50));
    }

    private void awaitUntil(String what, BooleanSupplier condition, Duration poll) {
      await(what)
          .atMost(PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInterval(poll)
          .ignoreExceptions()
          .until(condition::getAsBoolean);
    }

    // --- set-up over HTTP --------------------------------------------------------------------

    private void team() {
      user(RELEASE_MANAGER, "release-managers", RELEASE_MANAGER + "@programme.example");
      user(DEVELOPER, "development-team", DEVELOPER + "@programme.example");
      user(TESTER, "test-team", TESTER + "@programme.example");
    }

    private void user(String id, String group, String email) {
      HttpCaller admin = as(ADMIN, ADMIN_PASSWORD);
      assertThat(
              admin
                  .post(
                      "/engine-rest/user/create",
                      Map.of(
                          "profile",
                              Map.of(
                                  "id", id, "firstName", id, "lastName", "Crash", "email", email),
                          "credentials", Map.of("password", PASSWORD)))
                  .getStatusCode()
                  .is2xxSuccessful())
          .as("user %s", id)
          .isTrue();
      assertThat(
              admin
                  .rest()
                  .put()
                  .uri("/engine-rest/group/" + group + "/members/" + id)
                  .retrieve()
                  .toBodilessEntity()
                  .getStatusCode()
                  .is2xxSuccessful())
          .as("%s in %s", id, group)
          .isTrue();
    }

    private void participants() {
      StringBuilder csv = new StringBuilder("code,name,category,region,contactEmails\n");
      for (int i = 1; i <= PARTICIPANTS; i++) {
        csv.append(
            String.format(
                "C%03d,Crash Organisation %d,CHALLENGER,London,contact@c%03d.example%n", i, i, i));
      }
      ResponseEntity<JsonNode> imported =
          as(RELEASE_MANAGER)
              .rest()
              .post()
              .uri("/api/participants/import")
              .contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
              .body(csv.toString())
              .retrieve()
              .toEntity(JsonNode.class);
      assertThat(imported.getStatusCode())
          .as("import: %s", imported.getBody())
          .isEqualTo(HttpStatus.CREATED);
    }

    private HttpCaller as(String user) {
      return HttpCaller.as(app.port(), user, PASSWORD);
    }

    private HttpCaller as(String user, String password) {
      return HttpCaller.as(app.port(), user, password);
    }
  }

  /** The ISO week whose Thursday is after today, so that its deployment slot is still to come. */
  private static String weekWhoseThursdayIsStillAhead() {
    LocalDate today = LocalDate.now(CALENDAR_ZONE);
    LocalDate thursday = today.with(DayOfWeek.THURSDAY);
    if (!thursday.isAfter(today)) {
      thursday = thursday.plusWeeks(1);
    }
    return String.format(
        "%d-W%02d",
        thursday.get(IsoFields.WEEK_BASED_YEAR), thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static List<String> each(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(item -> item.path(field).asText())
        .toList();
  }
}
