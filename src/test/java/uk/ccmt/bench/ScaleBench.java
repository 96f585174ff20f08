package uk.ccmt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.ccmt.CcmtApplication;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.participant.OrganisationUsers;
import uk.ccmt.participant.OrganisationUsers.NewOrganisationUser;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.participant.ParticipantService.NewParticipant;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.Groups;

/**
 * The benchmark of issue 13 (scripts/bench, README "Benchmark"): every figure a ratio of the
 * product against a baseline, both measured in this JVM in this run, interleaved, as medians.
 * Asserts only correctness, never a time. Sizes come from system properties (bench.*), so a quick
 * run is possible: {@code ./mvnw -Pbench verify -Dbench.organisations=100}.
 */
class ScaleBench {

  private static final String DB = System.getProperty("bench.db", "h2").toLowerCase(Locale.ROOT);
  private static final int ORGANISATIONS = Integer.getInteger("bench.organisations", 1000);
  private static final int CAMPAIGNS = Integer.getInteger("bench.campaigns", 5);
  private static final int WARMUPS = Integer.getInteger("bench.warmups", 2);
  private static final int RELEASES = Integer.getInteger("bench.releases", 7);
  private static final int QUERIES = Integer.getInteger("bench.queries", 15);
  private static final int NOTES = Integer.getInteger("bench.notes", 5);
  private static final int STARTS = Integer.getInteger("bench.starts", 4);
  private static final int[] NOTE_SIZES = {100, 300, 1_000, 3_000, 10_000};
  private static final List<String> TYPES =
      List.of(
          "CONTACT_DETAILS",
          "DEFECT_MANAGEMENT_ACCESS",
          "API_REGISTRATION",
          "IX_SETUP",
          "SFTP_INFORMATION",
          "REGISTRATION_CONFIRMATION");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final String PASSWORD = TestData.PASSWORD;
  private static final String ADMIN_PASSWORD = "bench-admin-password";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final StatementCounter statements = new StatementCounter();

  private ConfigurableApplicationContext app;
  private ProcessEngine engine;
  private JdbcClient jdbc;
  private int port;
  private int weekNumber = 2;
  private int buildNumber = 100;
  private long skeletonStatements;

  @Test
  void measure() throws Exception {
    long began = System.nanoTime();
    String database = "H2 (in memory)";
    startUp();
    EmbeddedPostgres postgres = DB.equals("postgres") ? EmbeddedPostgres.start() : null;
    try {
      app = startProduct(postgres, true);
      engine = app.getBean(ProcessEngine.class);
      jdbc = app.getBean(JdbcClient.class);
      port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      database = databaseOf(app.getBean(DataSource.class));
      engine
          .getRepositoryService()
          .createDeployment()
          .name("bench")
          .addClasspathResource("bench/weekly-skeleton.bpmn")
          .addClasspathResource("bench/bare-one-task.bpmn")
          .deploy();
      weeklyRelease();
      List<String> codes = organisations();
      countWeek(String.format("%,d organisations registered, one contact each", codes.size()));
      releaseNotes();
      campaignFanOut(codes);
      taskList(codes.get(codes.size() / 2));
    } finally {
      ClockUtil.reset();
      if (app != null) {
        app.close();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
    report(database, (System.nanoTime() - began) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------
  // P5: start-up to the first answered HTTP request, product against a bare Camunda webapp app

  private void startUp() throws Exception {
    Samples product = new Samples();
    Samples bare = new Samples();
    int[] statuses = new int[2];
    List<Double> ratios =
        Samples.interleave(
            1,
            STARTS,
            product,
            () -> firstAnswer(() -> startProduct(null, false), statuses, 0),
            bare,
            () ->
                firstAnswer(
                    () -> BareCamundaApp.start("bench-bare-" + UUID.randomUUID()), statuses, 1));
    row(
        "P5 start-up to the first answered request, both on a fresh in-memory H2 (GET"
            + " /engine-rest/engine, HTTP "
            + statuses[0]
            + " / "
            + statuses[1]
            + ")",
        product,
        bare,
        "a bare Camunda webapp+REST starter app (own fresh in-memory H2, nothing deployed)",
        ratios);
  }

  private interface Starter {
    ConfigurableApplicationContext start() throws Exception;
  }

  private double firstAnswer(Starter starter, int[] statuses, int index) throws Exception {
    long start = System.nanoTime();
    ConfigurableApplicationContext context = starter.start();
    try {
      int localPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + localPort + "/engine-rest/engine"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      statuses[index] = answer.statusCode();
      return (System.nanoTime() - start) / 1e6;
    } finally {
      context.close();
    }
  }

  /**
   * The whole application, as the tests start it: job executor off, demo off, real deployment
   * scripts, real SMTP (GreenMail). Without postgres, on a fresh in-memory H2 of its own.
   */
  private ConfigurableApplicationContext startProduct(EmbeddedPostgres postgres, boolean counted) {
    List<String> args = new ArrayList<>();
    if (postgres == null) {
      args.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID());
    } else {
      args.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"));
      args.add("--spring.datasource.username=postgres");
      args.add("--spring.datasource.password=");
    }
    args.addAll(
        List.of(
            "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.generate-unique-process-engine-name=false",
            "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
            "--ccmt.demo.enabled=false",
            "--ccmt.data-dir=target/bench/environments",
            "--ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
            "--ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh",
            "--ccmt.deployment.timeout=PT20S",
            "--ccmt.smoke-test.timeout=PT20S",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + TestMailServer.port()));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(CcmtApplication.class);
    if (counted) {
      // the bench's own context, not the P5 starts, counts statements for P6
      builder.initializers(
          context -> context.getBeanFactory().addBeanPostProcessor(statements.wrapper()));
    }
    return builder.run(args.toArray(String[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // P1 and P6: a weekly release end to end, against a no-op skeleton of the same shape

  private void weeklyRelease() throws Exception {
    Samples real = new Samples();
    Samples skeleton = new Samples();
    List<Double> ratios =
        Samples.interleave(WARMUPS, RELEASES, real, this::realWeek, skeleton, this::skeletonWeek);
    row(
        "P1 weekly release end to end (real weeklyRelease, deployRelease ×4, notes, scripts, mail)",
        real,
        skeleton,
        "the same shape (bench/weekly-skeleton.bpmn) with no-op expressions for delegates",
        ratios);

    statements.start();
    skeletonWeek();
    statements.stop();
    skeletonStatements = statements.engineTotal() + statements.productTotal();
    countWeek("no participants registered, as in P1");
  }

  /**
   * P6: the statements of one more real weekly release, with whatever participants are registered
   * now; the notes are emailed to each of their contacts.
   */
  private void countWeek(String participants) {
    statements.start();
    realWeek();
    statements.stop();
    long engineCount = statements.engineTotal();
    long productCount = statements.productTotal();
    details.add("### P6 top engine statements (one weekly release, " + participants + ")\n");
    statements.topEngine(12).forEach((sql, n) -> details.add("- " + n + " × `" + sql + "`"));
    details.add("\n### P6 top product statements (one weekly release, " + participants + ")\n");
    statements.topProduct(12).forEach((sql, n) -> details.add("- " + n + " × `" + sql + "`"));
    details.add("");
    rows.add(
        new String[] {
          "P6 SQL statements per weekly release, " + participants,
          (engineCount + productCount)
              + " (engine ACT_* "
              + engineCount
              + ", product "
              + productCount
              + ")",
          String.valueOf(skeletonStatements),
          ratio((double) (engineCount + productCount) / skeletonStatements),
          "1 + 1 (a count, not a time)",
          "statements of one skeleton week; counted by datasource-proxy, a batch counts once"
        });
  }

  private double realWeek() {
    ReleaseWeek week = nextWeek();
    String release = week.releaseId();
    int build = buildNumber++;
    String version = "5." + build;
    clock(week, DayOfWeek.MONDAY, "08:00");
    TestData given = app.getBean(TestData.class);
    given.fixedDefects(version + ".0", "D-B" + build + "-1", "D-B" + build + "-2");
    long start = System.nanoTime();
    app.getBean(ReleaseStarter.class).startWeekly(week.toString());
    ProcessInstance instance = active(release, "weeklyRelease");
    clock(week, DayOfWeek.MONDAY, "09:00");
    fireTimer(instance, "Timer_CycleStart");
    complete(
        release,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", version + ".1"));
    runDueJobs();
    complete(release, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    complete(release, "confirmReleaseContents", Map.of("contentsConfirmed", "true"));
    clock(week, DayOfWeek.THURSDAY, "10:00");
    fireTimer(instance, "Timer_ThursdayDeploymentSlot");
    runDueJobs();
    double millis = (System.nanoTime() - start) / 1e6;
    assertThat(ended(instance)).as("%s ended", release).isTrue();
    assertThat(
            jdbc.sql("select status from ccmt_release where id = ?")
                .param(release)
                .query(String.class)
                .single())
        .isEqualTo("DEPLOYED");
    return millis;
  }

  /** The skeleton through the same steps, in the week the real release just used. */
  private double skeletonWeek() {
    ReleaseWeek week = ReleaseWeek.parse(lastWeek());
    String key = "S-" + week + "-" + buildNumber;
    clock(week, DayOfWeek.MONDAY, "08:00");
    Map<String, Object> dates = new HashMap<>();
    dates.put("cycleStart", at(week, DayOfWeek.MONDAY, "09:00"));
    dates.put("provisionalNoteDue", at(week, DayOfWeek.TUESDAY, "12:00"));
    dates.put("internalTestingDue", at(week, DayOfWeek.WEDNESDAY, "17:00"));
    dates.put("deploymentSlot", at(week, DayOfWeek.THURSDAY, "10:00"));
    long start = System.nanoTime();
    ProcessInstance instance =
        engine.getRuntimeService().startProcessInstanceByKey("benchWeeklySkeleton", key, dates);
    clock(week, DayOfWeek.MONDAY, "09:00");
    fireTimer(instance, "Timer_CycleStart");
    complete(
        key,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "9.9.9"));
    runDueJobs();
    complete(key, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    complete(key, "confirmReleaseContents", Map.of("contentsConfirmed", "true"));
    clock(week, DayOfWeek.THURSDAY, "10:00");
    fireTimer(instance, "Timer_ThursdayDeploymentSlot");
    runDueJobs();
    double millis = (System.nanoTime() - start) / 1e6;
    assertThat(ended(instance)).as("skeleton %s ended", key).isTrue();
    return millis;
  }

  private ReleaseWeek nextWeek() {
    return ReleaseWeek.parse(String.format("2027-W%02d", weekNumber++));
  }

  private String lastWeek() {
    return String.format("2027-W%02d", weekNumber - 1);
  }

  // ---------------------------------------------------------------------------------------------
  // P4: the final note's rendering from 100 to 10,000 defects

  private void releaseNotes() {
    JdbcTemplate template = app.getBean(JdbcTemplate.class);
    Timestamp now = Timestamp.from(Instant.parse("2027-06-01T09:00:00Z"));
    Map<Integer, String> releaseOf = new HashMap<>();
    int week = 1;
    for (int size : NOTE_SIZES) {
      String release = "R-2031-W" + String.format("%02d", week);
      releaseOf.put(size, release);
      template.update(
          "insert into ccmt_release (id, type, status, build_version, week, planned_date,"
              + " created_at, updated_at) values (?, 'REGULAR', 'DEPLOYED', ?, ?, ?, ?, ?)",
          release,
          "7." + size + ".0",
          "2031-W" + String.format("%02d", week),
          java.sql.Date.valueOf(LocalDate.of(2031, 1, 2 + 7 * (week - 1))),
          now,
          now);
      List<Object[]> defects = new ArrayList<>();
      List<Object[]> links = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        String id = "N" + size + "-" + i;
        defects.add(
            new Object[] {
              id, "Defect " + id + " found in market trials", release, "7." + size + ".0", now, now
            });
        links.add(new Object[] {release, id, now});
      }
      template.batchUpdate(
          "insert into defect (id, title, severity, stops_testing, component, raised_by, status,"
              + " release_id, build_version, raised_at, updated_at)"
              + " values (?, ?, 'S2', false, 'Switching', 'Bench participant', 'RELEASED', ?, ?, ?,"
              + " ?)",
          defects);
      template.batchUpdate(
          "insert into release_defect (release_id, defect_id, outcome, changed_at)"
              + " values (?, ?, 'INCLUDED', ?)",
          links);
      week++;
    }
    ReleaseNoteService notes = app.getBean(ReleaseNoteService.class);
    Map<Integer, Samples> bySize = new HashMap<>();
    for (int size : NOTE_SIZES) {
      bySize.put(size, new Samples());
    }
    for (int round = 0; round < WARMUPS + NOTES; round++) {
      for (int size : NOTE_SIZES) {
        long start = System.nanoTime();
        var note = notes.createFinal(releaseOf.get(size));
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(note.bodyText()).contains("N" + size + "-" + (size - 1));
        if (round >= WARMUPS) {
          bySize.get(size).add(millis);
        }
      }
    }
    double[] x = new double[NOTE_SIZES.length];
    double[] y = new double[NOTE_SIZES.length];
    StringBuilder medians = new StringBuilder();
    for (int i = 0; i < NOTE_SIZES.length; i++) {
      x[i] = Math.log(NOTE_SIZES[i]);
      y[i] = Math.log(bySize.get(NOTE_SIZES[i]).median());
      medians
          .append(i == 0 ? "" : ", ")
          .append(String.format("%,d: %.1f ms", NOTE_SIZES[i], bySize.get(NOTE_SIZES[i]).median()));
    }
    double exponent = slope(x, y);
    Samples largest = bySize.get(NOTE_SIZES[NOTE_SIZES.length - 1]);
    Samples smallest = bySize.get(NOTE_SIZES[0]);
    rows.add(
        new String[] {
          "P4 final release note, 10,000 against 100 defects (createFinal: read, render, store)",
          String.format("%.1f ms", largest.median()),
          String.format("%.1f ms", smallest.median()),
          ratio(largest.median() / smallest.median())
              + String.format(" (100× the defects); fitted exponent **%.2f**", exponent),
          NOTES + " per size, round robin",
          "log-log least squares over " + medians
        });
  }

  private static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return num / den;
  }

  // ---------------------------------------------------------------------------------------------
  // P2: campaign fan-out per request, against a bare one-task instance

  private List<String> organisations() {
    List<NewParticipant> participants = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 1; i <= ORGANISATIONS; i++) {
      String code = String.format("B%04d", i);
      codes.add(code);
      participants.add(
          new NewParticipant(
              code,
              "Bench organisation " + code,
              "CHALLENGER",
              "North West",
              List.of("contact@" + code.toLowerCase(Locale.ROOT) + ".example"),
              true));
    }
    app.getBean(ParticipantService.class).registerAll(participants);
    app.getBean(TestData.class).releaseManager("bench-rm");
    return codes;
  }

  private void campaignFanOut(List<String> codes) throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-06-07T09:00:00Z")));
    Samples campaign = new Samples();
    Samples bare = new Samples();
    List<Double> ratios = new ArrayList<>();
    int slice = (codes.size() + CAMPAIGNS - 1) / CAMPAIGNS;
    for (int round = 0; round < CAMPAIGNS; round++) {
      List<String> part = codes.subList(round * slice, Math.min(codes.size(), (round + 1) * slice));
      int requests = part.size() * TYPES.size();
      double a;
      double b;
      if (round % 2 == 0) {
        a = campaign(part) / requests;
        b = bare(part) / requests;
      } else {
        b = bare(part) / requests;
        a = campaign(part) / requests;
      }
      campaign.add(a);
      bare.add(b);
      ratios.add(a / b);
    }
    assertThat(openRequests()).isEqualTo((long) codes.size() * TYPES.size());
    row(
        String.format(
            "P2 campaign fan-out per request (%,d organisations × 6 types in %d campaigns,"
                + " POST /api/information-requests, campaign jobs run until all open)",
            codes.size(), CAMPAIGNS),
        campaign,
        bare,
        "one bare instance of bench/bare-one-task.bpmn (one user task, candidate group"
            + " participant-&lt;CODE&gt;) started by RuntimeService, per request",
        ratios);
  }

  private double campaign(List<String> codes) throws Exception {
    long before = openRequests();
    Map<String, Object> body =
        Map.of("types", TYPES, "participants", codes, "dueDate", "2027-06-18");
    long start = System.nanoTime();
    HttpResponse<String> created =
        http.send(
            request("/api/information-requests", "bench-rm", PASSWORD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String campaignId = json.readTree(created.body()).path("id").asText();
    active(campaignId, "informationRequestCampaign");
    // every job due now, whichever instance holds it: the campaign's steps, however they are split
    runDueJobs(100_000);
    double millis = (System.nanoTime() - start) / 1e6;
    assertThat(openRequests() - before).isEqualTo((long) codes.size() * TYPES.size());
    return millis;
  }

  private long openRequests() {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processDefinitionKey("informationRequest")
        .taskDefinitionKey("provideInformation")
        .count();
  }

  private double bare(List<String> codes) {
    List<String> started = new ArrayList<>();
    long start = System.nanoTime();
    for (String code : codes) {
      for (String type : TYPES) {
        started.add(
            engine
                .getRuntimeService()
                .startProcessInstanceByKey(
                    "benchBareTask",
                    "bare/" + code + "/" + type,
                    Map.of("group", Groups.ofParticipant(code)))
                .getId());
      }
    }
    double millis = (System.nanoTime() - start) / 1e6;
    // the bare tasks leave again: P3's data is the campaigns' tasks alone
    engine.getRuntimeService().deleteProcessInstances(started, "bench", true, true, true);
    return millis;
  }

  // ---------------------------------------------------------------------------------------------
  // P3: one organisation's task list over every open task

  private void taskList(String code) throws Exception {
    String user = "bench-" + code.toLowerCase(Locale.ROOT);
    app.getBean(OrganisationUsers.class)
        .add(
            code,
            new NewOrganisationUser(
                user,
                "Bench",
                "User",
                user + "@" + code.toLowerCase(Locale.ROOT) + ".example",
                PASSWORD));
    List<String> groups =
        engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId)
            .toList();
    List<String> tenants =
        engine
            .getIdentityService()
            .createTenantQuery()
            .userMember(user)
            .includingGroupsOfUser(true)
            .list()
            .stream()
            .map(Tenant::getId)
            .toList();
    Filter filter =
        engine
            .getFilterService()
            .createFilterQuery()
            .filterName(Groups.ORGANISATION_TASKS_FILTER)
            .singleResult();
    assertThat(filter).as("the participants' Tasklist filter").isNotNull();
    long open = openRequests();

    Samples filtered = new Samples();
    Samples unchecked = new Samples();
    List<Double> filterRatios =
        Samples.interleave(
            WARMUPS + 1,
            QUERIES,
            filtered,
            () -> {
              engine.getIdentityService().setAuthentication(user, groups, tenants);
              try {
                long start = System.nanoTime();
                List<Task> page = engine.getFilterService().listPage(filter.getId(), 0, 15);
                double millis = (System.nanoTime() - start) / 1e6;
                assertThat(page).as("the organisation's own tasks").hasSize(TYPES.size());
                return millis;
              } finally {
                engine.getIdentityService().clearAuthentication();
              }
            },
            unchecked,
            () -> {
              engine.getIdentityService().clearAuthentication();
              long start = System.nanoTime();
              List<Task> page =
                  engine
                      .getTaskService()
                      .createTaskQuery()
                      .taskCandidateGroupIn(List.of(Groups.ofParticipant(code)))
                      .includeAssignedTasks()
                      .listPage(0, 15);
              double millis = (System.nanoTime() - start) / 1e6;
              assertThat(page).hasSize(TYPES.size());
              return millis;
            });
    row(
        String.format(
            "P3a one organisation's Tasklist filter \"%s\" (FilterService.listPage 0–15 as its"
                + " user), %,d open tasks",
            Groups.ORGANISATION_TASKS_FILTER, open),
        filtered,
        unchecked,
        "the same TaskQuery (candidateGroupIn participant-"
            + code
            + ", includeAssignedTasks, first 15) with no authentication: authorization off",
        filterRatios);

    Samples rest = new Samples();
    Samples admin = new Samples();
    List<Double> restRatios =
        Samples.interleave(
            WARMUPS + 1,
            QUERIES,
            rest,
            () -> restTasks("/engine-rest/task?maxResults=15", user, PASSWORD),
            admin,
            () ->
                restTasks(
                    "/engine-rest/task?maxResults=15&candidateGroup=" + Groups.ofParticipant(code),
                    "admin",
                    ADMIN_PASSWORD));
    row(
        String.format(
            "P3b one organisation's GET /engine-rest/task?maxResults=15 (HTTP Basic as its user),"
                + " %,d open tasks",
            open),
        rest,
        admin,
        "GET /engine-rest/task?maxResults=15&candidateGroup=participant-"
            + code
            + " as admin (camunda-admin: the engine checks no authorizations)",
        restRatios);
  }

  private double restTasks(String path, String user, String password) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer =
        http.send(
            request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    double millis = (System.nanoTime() - start) / 1e6;
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode tasks = json.readTree(answer.body());
    assertThat(tasks.size()).as("tasks of %s", user).isEqualTo(TYPES.size());
    return millis;
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------------------------------------
  // driving processes, as the process tests do

  private void runDueJobs() {
    runDueJobs(500);
  }

  private void runDueJobs(int limit) {
    ProcessTestSupport.runDueJobs(engine, limit);
  }

  private void fireTimer(ProcessInstance instance, String activityId) {
    ProcessTestSupport.fireTimer(engine, instance, activityId);
  }

  private void complete(String businessKey, String taskKey, Map<String, Object> variables) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(businessKey)
            .taskDefinitionKey(taskKey)
            .list();
    assertThat(tasks).as("open %s tasks of %s", taskKey, businessKey).hasSize(1);
    engine.getTaskService().complete(tasks.get(0).getId(), variables);
  }

  private ProcessInstance active(String businessKey, String processKey) {
    ProcessInstance instance =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(businessKey)
            .processDefinitionKey(processKey)
            .active()
            .singleResult();
    assertThat(instance).as("%s %s", processKey, businessKey).isNotNull();
    return instance;
  }

  private boolean ended(ProcessInstance instance) {
    return engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .count()
        == 0;
  }

  private static Object jsonArray() {
    return SpinValues.jsonValue("[]").create();
  }

  private static Date at(ReleaseWeek week, DayOfWeek day, String time) {
    return Date.from(week.day(day).atTime(LocalTime.parse(time)).atZone(LONDON).toInstant());
  }

  private static void clock(ReleaseWeek week, DayOfWeek day, String time) {
    ClockUtil.setCurrentTime(at(week, day, time));
  }

  // ---------------------------------------------------------------------------------------------
  // the table

  private void row(String figure, Samples a, Samples b, String baseline, List<Double> ratios) {
    rows.add(
        new String[] {
          figure,
          String.format("%.2f ms", a.median()),
          String.format("%.2f ms", b.median()),
          ratio(a.median() / b.median())
              + " (median of pair ratios "
              + ratio(Samples.median(ratios))
              + ")",
          a.count() + " + " + b.count() + " interleaved",
          baseline
        });
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "**%.2f×**", value);
  }

  private void report(String database, double seconds) throws IOException {
    StringBuilder table = new StringBuilder();
    table
        .append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (nproc), ")
        .append(cpuModel())
        .append(", JVM ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(", database ")
        .append(database)
        .append(String.format(", %,d organisations, bench run %.0f s", ORGANISATIONS, seconds))
        .append("\n\n");
    table.append(
        "| figure | product (median) | baseline (median) | ratio | samples | baseline |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (String[] row : rows) {
      table.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    table.append('\n').append(String.join("\n", details)).append('\n');
    Path out = Path.of("target/bench/results-" + DB + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString());
    System.out.println("\n===== CCMT bench (" + DB + ") =====\n" + table + "\nwritten to " + out);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String databaseOf(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      var meta = connection.getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    }
  }
}
