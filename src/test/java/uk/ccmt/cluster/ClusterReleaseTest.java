package uk.ccmt.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.ccmt.support.HttpCaller.json;
import static uk.ccmt.support.HttpCaller.string;
import static uk.ccmt.support.HttpCaller.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * PRODUCT.md §7, clusterable: two nodes of the application, each a JVM of its own with its job
 * executor on, share one PostgreSQL database, one data directory and one SMTP server. Twenty weekly
 * releases and two emergency releases run through them, two at a time, with every HTTP call going
 * to the other node than the one before: a release's deployments in DEV1 and QAS1 run while the one
 * before it holds QAS2 until its sign-off, so the next one waits visibly for QAS2 ("Environment in
 * use") and both nodes' job executors work on both releases at once.
 *
 * <p>It proves that each deployment command runs once per attempt (a wrapper around the test
 * scripts logs every run), each email goes once per recipient and subject, every release ends
 * DEPLOYED and no incident is left. OptimisticLockingExceptions are counted, not forbidden: they
 * are how Camunda's shared-database cluster keeps two nodes from doing one thing twice.
 */
@Tag("cluster")
class ClusterReleaseTest {

  private static final Path WORK = Path.of("target/cluster-test").toAbsolutePath();
  private static final Path DATA = WORK.resolve("data");
  private static final Path INVOCATIONS = WORK.resolve("invocations.log");
  private static final ZoneId CALENDAR_ZONE = ZoneId.of("Europe/London");
  private static final List<String> ROUTE = List.of("DEV1", "QAS1", "QAS2", "CCMT");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "cluster-admin-password";
  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";

  /** The organisations taking part: each answers every emergency's agreement with its user. */
  private static final List<String> ORGANISATIONS = List.of("CLA", "CLB");

  private static final List<String> CONTACTS =
      List.of("trials@cla.example", "trials@clb.example", "ops@clb.example");

  private static final int WEEKLY_RELEASES = 20;

  /** Before these weekly releases (by position) comes an emergency release. */
  private static final List<Integer> EMERGENCIES_BEFORE = List.of(6, 14);

  /** This weekly release's build fails once in every environment: fix forward on both nodes. */
  private static final int FLAKY_RELEASE = 3;

  private static EmbeddedPostgres postgres;
  private static GreenMail mail;
  private static final List<ClusterNode> NODES = new ArrayList<>();

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger restOptimisticLocks = new AtomicInteger();
  private final AtomicInteger fixForwards = new AtomicInteger();
  private final AtomicInteger concurrentStarts = new AtomicInteger();

  /** One release the test drives: its id, the build it ships and, once started, its instance. */
  private static final class Run {
    final String id;
    final String build;
    final boolean emergency;
    final String defect;
    String instance;

    Run(String id, String build, boolean emergency, String defect) {
      this.id = id;
      this.build = build;
      this.emergency = emergency;
      this.defect = defect;
    }
  }

  @BeforeAll
  static void startTheCluster() throws IOException {
    FileSystemUtils.deleteRecursively(WORK);
    Files.createDirectories(DATA);
    postgres = EmbeddedPostgres.start();
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    String deploy = wrapper("deploy", "deploy-unless-broken.sh");
    String smoke = wrapper("smoke", "smoke-test-unless-broken.sh");
    // One after the other: the first node migrates the schema and creates the administrator.
    for (String name : List.of("node-a", "node-b")) {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("server.port", "0");
      properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
      properties.put("spring.datasource.username", "postgres");
      properties.put("spring.datasource.password", "");
      properties.put("spring.datasource.hikari.maximum-pool-size", "10");
      properties.put("spring.main.banner-mode", "off");
      properties.put("ccmt.demo.enabled", "false");
      properties.put("ccmt.data-dir", DATA.toString());
      properties.put("ccmt.deployment.command", deploy);
      properties.put("ccmt.smoke-test.command", smoke);
      properties.put("ccmt.deployment.timeout", "PT30S");
      properties.put("ccmt.smoke-test.timeout", "PT30S");
      properties.put("ccmt.deployment.environment-wait", "PT1S");
      properties.put("spring.mail.host", "127.0.0.1");
      properties.put("spring.mail.port", String.valueOf(mail.getSmtp().getPort()));
      properties.put("camunda.bpm.admin-user.id", ADMIN);
      properties.put("camunda.bpm.admin-user.password", ADMIN_PASSWORD);
      properties.put("camunda.bpm.job-execution.wait-time-in-millis", "100");
      properties.put("camunda.bpm.job-execution.max-wait", "500");
      // Camunda records which node ran each job (ACT_HI_JOB_LOG.HOSTNAME_).
      properties.put("camunda.bpm.generic-properties.properties.hostname", name);
      // Shows each job that acquisition failed to lock because the other node had it
      // (ENGINE-14033).
      properties.put("logging.level.org.camunda.bpm.engine.jobexecutor", "DEBUG");
      ClusterNode node = ClusterNode.start(name, WORK, properties);
      NODES.add(node);
      node.awaitStarted(Duration.ofMinutes(3));
    }
  }

  @AfterAll
  static void stopTheCluster() throws IOException {
    NODES.forEach(ClusterNode::stop);
    NODES.forEach(ClusterNode::close);
    if (mail != null) {
      mail.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldRunEveryReleaseOnceAcrossTwoNodes() throws Exception {
    long started = System.nanoTime();
    // Given: the team and two participant organisations with three contacts between them
    user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS, RELEASE_MANAGER + "@programme.example");
    user(DEVELOPER, Groups.DEVELOPMENT_TEAM, DEVELOPER + "@programme.example");
    user(TESTER, Groups.TEST_TEAM, TESTER + "@programme.example");
    participant("CLA", "LARGE_SUPPLIER", CONTACTS.subList(0, 1));
    participant("CLB", "CHALLENGER", CONTACTS.subList(1, 3));
    for (String organisation : ORGANISATIONS) {
      user(
          organisationUser(organisation),
          Groups.ofParticipant(organisation),
          organisationUser(organisation) + "@" + organisation.toLowerCase() + ".example");
      member(organisationUser(organisation), Groups.PARTICIPANTS);
    }

    // When: 20 weekly releases of the weeks ahead and 2 emergency releases run, two at a time
    List<Run> runs = plan();
    prepare(runs.get(0));
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      String signOff = awaitTask(TESTER, run, "recordInternalTestResults");
      if (i + 1 < runs.size()) {
        Run next = runs.get(i + 1);
        prepare(next);
        // the next release waits for QAS2, which this one holds until its sign-off
        awaitWaitingForAnEnvironment(next);
      }
      finish(run, signOff);
      awaitEnd(run);
    }
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        // every release ends; each released defect's defectFix waits for its raiser's confirmation,
        // and each emergency note for the organisations' acknowledgements (issue 16)
        .until(
            () ->
                count(
                    "/engine-rest/process-instance/count?processDefinitionKeyNotIn=defectFix,"
                        + "releaseNoteAcknowledgements,releaseNoteAcknowledgement"),
            count -> count == 0);

    // Then: every release is deployed, with every attempt's commands run once
    Map<String, Integer> completed = new TreeMap<>();
    int attempts = 0;
    long commandRuns = 0;
    List<String> invocations = Files.readAllLines(INVOCATIONS);
    for (Run run : runs) {
      JsonNode release = as(RELEASE_MANAGER).get("/api/releases/" + run.id).getBody();
      assertThat(release.path("status").asText()).as("status of %s", run.id).isEqualTo("DEPLOYED");
      completed.merge(run.emergency ? "emergency" : "weekly", 1, Integer::sum);
      for (String environment : ROUTE) {
        List<JsonNode> tried =
            StreamSupport.stream(release.path("deployments").spliterator(), false)
                .filter(deployment -> deployment.path("environment").asText().equals(environment))
                .toList();
        attempts += tried.size();
        commandRuns += tried.size();
        assertThat(tried)
            .extracting(deployment -> deployment.path("attempt").asInt())
            .as("attempts of %s in %s", run.id, environment)
            .doesNotHaveDuplicates();
        assertThat(tried)
            .extracting(deployment -> deployment.path("outcome").asText())
            .as("outcomes of %s in %s", run.id, environment)
            .last()
            .isEqualTo("PASSED");
        long deployed =
            tried.stream()
                .filter(deployment -> !deployment.path("outcome").asText().equals("DEPLOY_FAILED"))
                .count();
        assertThat(
                invocations.stream()
                    .filter(line -> line.startsWith("deploy " + environment + " " + run.id + " ")))
            .as("deployment commands of %s in %s", run.id, environment)
            .hasSize(tried.size());
        assertThat(
                invocations.stream()
                    .filter(line -> line.equals("smoke " + environment + " " + run.id)))
            .as("smoke tests of %s in %s", run.id, environment)
            .hasSize((int) deployed);
        assertThat(
                Files.readAllLines(
                        DATA.resolve("environments")
                            .resolve(environment)
                            .resolve("deployments.log"))
                    .stream()
                    .filter(line -> line.contains(" " + run.id + " build ")))
            .as("deployments.log of %s for %s", environment, run.id)
            .hasSize((int) deployed);
        commandRuns += deployed;
      }
      assertThat(
              StreamSupport.stream(release.path("notes").spliterator(), false)
                  .map(note -> note.path("kind").asText())
                  .toList())
          .as("notes of %s", run.id)
          .isEqualTo(
              run.emergency ? List.of("EMERGENCY", "EMERGENCY") : List.of("PROVISIONAL", "FINAL"));
    }
    assertThat(invocations)
        .as("every command run belongs to an attempt of a release")
        .hasSize((int) commandRuns);

    // and each email went once per recipient and subject, every note to every contact
    Map<String, Long> emails =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            .until(
                this::emailsByRecipientAndSubject,
                sent -> sent.keySet().containsAll(expectedEmails(runs)));
    Map<String, Long> duplicates =
        emails.entrySet().stream()
            .filter(email -> email.getValue() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(duplicates).as("emails sent more than once to one recipient").isEmpty();
    assertThat(count("/engine-rest/incident/count")).as("incidents").isZero();

    // and both nodes did the work
    Map<String, Long> jobsPerNode = jobsPerNode();
    assertThat(jobsPerNode).as("jobs run per node").containsOnlyKeys("node-a", "node-b");
    long queued =
        count("/engine-rest/history/activity-instance/count?activityId=Timer_EnvironmentInUse");
    assertThat(runs.subList(1, runs.size()))
        .as("releases that waited for QAS2 held by the one before")
        .allSatisfy(run -> assertThat(waitsForAnEnvironment(run)).as(run.id).isPositive());

    assertThat(definitionVersions())
        .as("versions of weeklyRelease: the second node deploys nothing new")
        .isOne();

    long logged = NODES.stream().mapToLong(ClusterNode::optimisticLockingExceptions).sum();
    long lockConflicts = NODES.stream().mapToLong(ClusterNode::acquisitionLockFailures).sum();
    String figures =
        String.format(
            """
        CLUSTER: releases completed on 2 nodes %s, in %d s
        CLUSTER: %d releases asked for on both nodes at once, each started once
        CLUSTER: %d deployment attempts, %d command runs (one per attempt, smoke tests included), \
        %d fix-forward corrections, 0 duplicate commands
        CLUSTER: %d emails to %d recipients, %d duplicates; %d incidents
        CLUSTER: %d deployments waited for an environment in use; jobs run per node %s; HTTP calls per node %s
        CLUSTER: OptimisticLockingExceptions: %d in job execution (logged), %d in job acquisition (jobs the other \
        node locked first), %d answered to HTTP calls (retried)
        """,
            completed,
            (System.nanoTime() - started) / 1_000_000_000,
            concurrentStarts.get(),
            attempts,
            invocations.size(),
            fixForwards.get(),
            emails.values().stream().mapToLong(Long::longValue).sum(),
            emails.keySet().stream()
                .map(key -> key.substring(0, key.indexOf(" | ")))
                .distinct()
                .count(),
            duplicates.size(),
            count("/engine-rest/incident/count"),
            queued,
            jobsPerNode,
            NODES.stream()
                .collect(
                    Collectors.toMap(
                        node -> node.name,
                        node -> node.httpCalls.get(),
                        (a, b) -> a,
                        TreeMap::new)),
            logged,
            lockConflicts,
            restOptimisticLocks.get());
    System.out.print(figures);
    // for a summary at the end of a CI run
    Files.writeString(WORK.resolve("figures.txt"), figures);
  }

  // --- the releases ----------------------------------------------------------------------------

  /** The weeks ahead, from next week on, so no deadline of theirs passes during the run. */
  private static List<Run> plan() {
    LocalDate thursday = LocalDate.now(CALENDAR_ZONE).with(DayOfWeek.THURSDAY).plusWeeks(1);
    List<Run> runs = new ArrayList<>();
    for (int n = 0; n < WEEKLY_RELEASES; n++) {
      if (EMERGENCIES_BEFORE.contains(n)) {
        String defect = "D-C9" + n;
        runs.add(new Run("E-" + defect, "7." + n + ".5-hotfix", true, defect));
      }
      LocalDate week = thursday.plusWeeks(n);
      String id =
          String.format(
              "R-%d-W%02d",
              week.get(IsoFields.WEEK_BASED_YEAR), week.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      runs.add(
          new Run(id, "7." + n + ".0" + (n == FLAKY_RELEASE ? "-flaky" : ""), false, "D-C" + n));
    }
    return runs;
  }

  /** Starts the release and brings it to its first deployment, which runs through DEV1 and QAS1. */
  private void prepare(Run run) {
    if (run.emergency) {
      startedOnce(run, "/api/defects", defect(run.defect, "S1", true));
      run.instance = instance("emergencyRelease", run.id);
      String tomorrow =
          LocalDateTime.now(CALENDAR_ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
      complete(
          RELEASE_MANAGER,
          awaitTask(RELEASE_MANAGER, run, "holdReleaseReview"),
          Map.of("immediateDeployment", string("true"), "deploymentSchedule", string(tomorrow)));
      complete(
          DEVELOPER,
          awaitTask(DEVELOPER, run, "provideEmergencyFix"),
          Map.of("buildVersion", string(run.build)));
      return;
    }
    assertThat(
            as(RELEASE_MANAGER)
                .post("/api/defects", defect(run.defect, "S2", false))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            as(DEVELOPER)
                .post("/api/defects/" + run.defect + "/fix", Map.of("buildVersion", run.build))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    startedOnce(run, "/api/releases/weekly", Map.of("week", run.id.substring(2)));
    run.instance = instance("weeklyRelease", run.id);
    fireTimer(run, "Timer_CycleStart");
    complete(
        RELEASE_MANAGER,
        awaitTask(RELEASE_MANAGER, run, "reviewReleaseContents"),
        Map.of("excludedDefects", json("[]"), "buildVersion", string(run.build)));
  }

  /**
   * Two release managers ask both nodes at the same moment to start the release: one of them starts
   * it, the other is told it exists, and there is one release with one instance.
   */
  private void startedOnce(Run run, String uri, Object body) {
    CyclicBarrier together = new CyclicBarrier(NODES.size());
    List<CompletableFuture<ResponseEntity<JsonNode>>> answers =
        NODES.stream()
            .map(
                node -> {
                  node.httpCalls.incrementAndGet();
                  HttpCaller caller = HttpCaller.as(node.port(), RELEASE_MANAGER);
                  return CompletableFuture.supplyAsync(
                      () -> {
                        try {
                          together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                        return caller.post(uri, body);
                      });
                })
            .toList();
    List<String> statuses =
        answers.stream()
            .map(CompletableFuture::join)
            .map(answer -> answer.getStatusCode().value() + " " + answer.getBody())
            .toList();
    assertThat(statuses)
        .as("%s started on both nodes at once: %s", run.id, statuses)
        .filteredOn(status -> status.startsWith("201 "))
        .hasSize(1);
    assertThat(statuses)
        .as("%s started on both nodes at once: %s", run.id, statuses)
        .filteredOn(status -> status.startsWith("409 "))
        .hasSize(1);
    concurrentStarts.incrementAndGet();
  }

  /** Signs the release off in QAS2 and takes it to CCMT at its slot, opened early. */
  private void finish(Run run, String signOff) {
    complete(TESTER, signOff, Map.of("failedDefects", json("[]")));
    if (run.emergency) {
      complete(
          RELEASE_MANAGER,
          awaitTask(RELEASE_MANAGER, run, "approveEmergencyFix"),
          Map.of("fixApproved", string("true")));
      // each organisation agrees in its own Tasklist; the last answer, on either node, goes on
      for (String organisation : ORGANISATIONS) {
        String user = organisationUser(organisation);
        complete(
            user,
            awaitTask(user, run, "agreeEmergencyDeployment"),
            Map.of("agreed", Map.of("value", true, "type", "Boolean")));
      }
      complete(
          RELEASE_MANAGER,
          awaitTask(RELEASE_MANAGER, run, "confirmStakeholderAgreement"),
          Map.of("stakeholdersAgreed", Map.of("value", true, "type", "Boolean")));
      fireTimer(run, "Timer_DeploymentScheduleReached");
    } else {
      complete(
          RELEASE_MANAGER,
          awaitTask(RELEASE_MANAGER, run, "confirmReleaseContents"),
          Map.of("contentsConfirmed", Map.of("value", true, "type", "Boolean")));
      fireTimer(run, "Timer_ThursdayDeploymentSlot");
    }
  }

  private void awaitEnd(Run run) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              correctFailedDeployments(run);
              return count("/engine-rest/process-instance/count?businessKey=" + run.id) == 0;
            });
  }

  private void awaitWaitingForAnEnvironment(Run run) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              correctFailedDeployments(run);
              return waitsForAnEnvironment(run) > 0;
            });
  }

  /** How often the release's deployments found their environment held by another release. */
  private long waitsForAnEnvironment(Run run) {
    long waits = 0;
    for (JsonNode deployment :
        asAdmin()
            .get(
                "/engine-rest/history/process-instance?processDefinitionKey=deployRelease"
                    + "&processInstanceBusinessKey="
                    + run.id)
            .getBody()) {
      waits +=
          count(
              "/engine-rest/history/activity-instance/count?activityId=Timer_EnvironmentInUse"
                  + "&processInstanceId="
                  + deployment.path("id").asText());
    }
    return waits;
  }

  /**
   * Fix forward as the development team works it: a failed deployment of the flaky build is a fault
   * of the environment, so the same build is given back and redeployed where it failed.
   */
  private void correctFailedDeployments(Run run) {
    for (JsonNode task :
        as(DEVELOPER)
            .get(
                "/engine-rest/task?processInstanceBusinessKey="
                    + run.id
                    + "&taskDefinitionKey=correctReleaseErrors")
            .getBody()) {
      complete(DEVELOPER, task.path("id").asText(), Map.of("buildVersion", string(run.build)));
      fixForwards.incrementAndGet();
    }
  }

  // --- the engine REST API ---------------------------------------------------------------------

  private String instance(String processKey, String businessKey) {
    JsonNode instances =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    asAdmin()
                        .get(
                            "/engine-rest/process-instance?processDefinitionKey="
                                + processKey
                                + "&businessKey="
                                + businessKey)
                        .getBody(),
                found -> found.size() == 1);
    return instances.get(0).path("id").asText();
  }

  /** Fires a timer that is due in the future, as an operator does, through either node. */
  private void fireTimer(Run run, String activityId) {
    JsonNode timers =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  correctFailedDeployments(run);
                  return asAdmin()
                      .get(
                          "/engine-rest/job?timers=true&processInstanceId="
                              + run.instance
                              + "&activityId="
                              + activityId)
                      .getBody();
                },
                found -> found.size() == 1);
    String job = timers.get(0).path("id").asText();
    retryingOptimisticLocks(
        () -> asAdmin().post("/engine-rest/job/" + job + "/execute", null),
        "timer " + activityId + " of " + run.id);
  }

  private String awaitTask(String user, Run run, String taskKey) {
    JsonNode tasks =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  correctFailedDeployments(run);
                  return as(user)
                      .get(
                          "/engine-rest/task?processInstanceBusinessKey="
                              + run.id
                              + "&taskDefinitionKey="
                              + taskKey)
                      .getBody();
                },
                found -> found.size() == 1);
    return tasks.get(0).path("id").asText();
  }

  private void complete(String user, String taskId, Map<String, Object> values) {
    retryingOptimisticLocks(
        () -> as(user).post("/engine-rest/task/" + taskId + "/complete", variables(values)),
        "completion of task " + taskId);
  }

  /**
   * A call that met a concurrent change on the other node answers 500 with an
   * OptimisticLockingException and changed nothing: a user tries again. Counted, never ignored
   * otherwise.
   */
  private void retryingOptimisticLocks(
      java.util.function.Supplier<ResponseEntity<JsonNode>> call, String what) {
    for (int tries = 1; ; tries++) {
      ResponseEntity<JsonNode> answer = call.get();
      if (answer.getStatusCode().isSameCodeAs(HttpStatus.NO_CONTENT)) {
        return;
      }
      boolean optimisticLock =
          answer.getBody() != null
              && answer.getBody().path("type").asText().equals("OptimisticLockingException");
      assertThat(optimisticLock && tries < 5)
          .as("%s answered %s %s", what, answer.getStatusCode(), answer.getBody())
          .isTrue();
      restOptimisticLocks.incrementAndGet();
    }
  }

  private long count(String uri) {
    ResponseEntity<JsonNode> answer = asAdmin().get(uri);
    assertThat(answer.getStatusCode())
        .as("GET %s: %s", uri, answer.getBody())
        .isEqualTo(HttpStatus.OK);
    return answer.getBody().path("count").asLong();
  }

  // --- set-up through the APIs -----------------------------------------------------------------

  private void user(String id, String group, String email) {
    ResponseEntity<JsonNode> created =
        asAdmin()
            .post(
                "/engine-rest/user/create",
                Map.of(
                    "profile",
                        Map.of("id", id, "firstName", id, "lastName", "Cluster", "email", email),
                    "credentials", Map.of("password", TestData.PASSWORD)));
    assertThat(created.getStatusCode())
        .as("user %s: %s", id, created.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
    member(id, group);
  }

  private static String organisationUser(String code) {
    return code.toLowerCase(java.util.Locale.ROOT) + "-trials";
  }

  private void member(String id, String group) {
    ResponseEntity<Void> member =
        asAdmin()
            .rest()
            .put()
            .uri("/engine-rest/group/" + group + "/members/" + id)
            .retrieve()
            .toBodilessEntity();
    assertThat(member.getStatusCode())
        .as("membership of %s in %s", id, group)
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void participant(String code, String category, List<String> contacts) {
    assertThat(
            as(RELEASE_MANAGER)
                .post(
                    "/api/participants",
                    Map.of(
                        "code",
                        code,
                        "name",
                        "Cluster " + code,
                        "category",
                        category,
                        "region",
                        "London",
                        "contactEmails",
                        contacts,
                        "takesPart",
                        true))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  private static Map<String, Object> defect(String id, String severity, boolean stopsTesting) {
    return Map.of(
        "id",
        id,
        "title",
        "Cluster defect " + id,
        "severity",
        severity,
        "stopsTesting",
        stopsTesting,
        "component",
        "Switching",
        "raisedBy",
        "Cluster test");
  }

  // --- what happened ---------------------------------------------------------------------------

  private static List<String> expectedEmails(List<Run> runs) {
    List<String> expected = new ArrayList<>();
    for (Run run : runs) {
      List<String> subjects =
          run.emergency
              ? List.of(
                  "Emergency release note " + run.id,
                  "Emergency release note " + run.id + ", version 2")
              : List.of("Provisional release note " + run.id, "Final release note " + run.id);
      for (String contact : CONTACTS) {
        subjects.forEach(subject -> expected.add(contact + " | " + subject));
      }
      if (run.build.contains("flaky")) {
        // the first attempt in each environment fails, and the release managers hear of each
        ROUTE.forEach(
            environment ->
                expected.add(
                    RELEASE_MANAGER
                        + "@programme.example | Deployment failed: "
                        + run.id
                        + " build "
                        + run.build
                        + " in "
                        + environment));
      }
    }
    return expected;
  }

  private Map<String, Long> emailsByRecipientAndSubject() throws MessagingException {
    Map<String, Long> sent = new TreeMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      for (Address recipient : message.getAllRecipients()) {
        sent.merge(recipient.toString() + " | " + message.getSubject(), 1L, Long::sum);
      }
    }
    return sent;
  }

  private static long definitionVersions() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*) from act_re_procdef where key_ = 'weeklyRelease'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The jobs each node ran, from Camunda's own job log. */
  private static Map<String, Long> jobsPerNode() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_")) {
      Map<String, Long> jobs = new TreeMap<>();
      while (rows.next()) {
        jobs.put(rows.getString(1), rows.getLong(2));
      }
      return jobs;
    }
  }

  // --- HTTP, to each node in turn --------------------------------------------------------------

  private HttpCaller as(String user) {
    return HttpCaller.as(nextNode().port(), user);
  }

  private HttpCaller asAdmin() {
    return HttpCaller.as(nextNode().port(), ADMIN, ADMIN_PASSWORD);
  }

  private ClusterNode nextNode() {
    ClusterNode node = NODES.get(calls.getAndIncrement() % NODES.size());
    node.httpCalls.incrementAndGet();
    return node;
  }

  // --- the test environment --------------------------------------------------------------------

  /** A command that logs each run of the test script it wraps, then runs it. */
  private static String wrapper(String name, String script) throws IOException {
    Path wrapper = WORK.resolve(name + ".sh");
    Path target = Path.of("src/test/resources/scripts", script).toAbsolutePath();
    Files.writeString(
        wrapper,
        """
        #!/usr/bin/env bash
        echo "%s $*" >> "%s"
        exec bash "%s" "$@"
        """
            .formatted(name, INVOCATIONS, target));
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return "bash " + wrapper;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the cluster's mail server", e);
    }
  }
}
