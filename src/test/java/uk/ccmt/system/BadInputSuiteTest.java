package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseType;
import uk.ccmt.support.CleanSlateExtension;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * The bad-input suite of PRODUCT.md §7 ("Bad input never gives a 5xx, and it never leaves a partial
 * write"), over real HTTP: every product API endpoint and every user task's completion through the
 * engine REST API, also through Tasklist's own engine API, each given malformed JSON, wrong types,
 * missing fields, 1 MB strings, NUL and control characters, deep nesting, hostile ids and hostile
 * CSV. Every case must be refused with a 4xx and leave every domain table, every process instance,
 * task and variable as it was. The number of cases tried is logged at the end.
 *
 * <p>A context of its own with a real port (the engine REST API is a servlet of its own, which
 * MockMvc does not reach), with the job executor off: the suite drives the jobs itself.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ccmt-bad-input;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/bad-input-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh",
      "ccmt.deployment.timeout=PT20S",
      "ccmt.smoke-test.timeout=PT20S",
      "spring.mail.host=127.0.0.1",
      "camunda.bpm.admin-user.id=" + BadInputSuiteTest.ADMIN,
      "camunda.bpm.admin-user.password=" + BadInputSuiteTest.ADMIN_PASSWORD
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@ExtendWith(CleanSlateExtension.class)
@DirtiesContext
class BadInputSuiteTest extends ProcessTestSupport {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "bad-input-admin-password";

  private static final Logger LOG = LoggerFactory.getLogger(BadInputSuiteTest.class);
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final String PARTICIPANT = "paula";

  private static final String MEGABYTE = "x".repeat(1024 * 1024);
  private static final String DEEP_ARRAY = "[".repeat(5_000) + "]".repeat(5_000);
  private static final List<String> HOSTILE_TEXTS =
      List.of("D\u0000-1", "line\u0007bell", "esc\u001b[31m", "del\u007f");

  /**
   * Path segments, already as they travel: traversal, encoded characters, spaces, NUL, CRLF,
   * overlong.
   */
  private static final List<String> HOSTILE_IDS =
      List.of(
          "..%2F..%2Fetc%2Fpasswd",
          "%2e%2e%2f%2e%2e",
          "..",
          "a%20b",
          "%00",
          "D-1%00",
          "D-1;jsessionid=x",
          "%25",
          "%C0%AE%C0%AE",
          "%E2%80%AEx",
          "%0D%0ASet-Cookie:%20x=1",
          "x".repeat(5_000),
          "%27%20or%201=1--",
          "%3Cscript%3E");

  /** The user tasks of PRODUCT.md §3 that clients complete: each must be reached and tried. */
  private static final Set<String> CONTRACT_TASKS =
      Set.of(
          "reviewReleaseContents",
          "overrideFreeze",
          "recordInternalTestResults",
          "confirmReleaseContents",
          "correctReleaseErrors",
          "holdReleaseReview",
          "provideEmergencyFix",
          "approveEmergencyFix",
          "confirmStakeholderAgreement",
          "provideInformation",
          "reviewDocument",
          "reviewProposedMatches",
          "confirmPartnership",
          "analyseDefect",
          "deliverDefectFix",
          "confirmDefectFix",
          "answerQuery",
          "contributeToQuery",
          // issue 16
          "acknowledgeReleaseNote");

  /** The generic completions also sent through Tasklist's engine API, for every task. */
  private static final Set<String> TASKLIST_CASES =
      Set.of(
          "deep nesting",
          "a Json value nested deeply",
          "an extra String of 5,000 characters",
          "NUL in a String",
          "a serialized Java object",
          "an Xml value");

  /**
   * What each task requires on completion, by field and kind: the field cases spoil one at a time.
   */
  private static final Map<String, Map<String, String>> TASK_FIELDS =
      Map.ofEntries(
          Map.entry(
              "reviewReleaseContents", Map.of("buildVersion", "text", "excludedDefects", "list")),
          Map.entry("correctReleaseErrors", Map.of("buildVersion", "text")),
          Map.entry("provideEmergencyFix", Map.of("buildVersion", "text")),
          Map.entry("recordInternalTestResults", Map.of("failedDefects", "list")),
          Map.entry("confirmReleaseContents", Map.of("contentsConfirmed", "boolean")),
          Map.entry("holdReleaseReview", Map.of("immediateDeployment", "boolean")),
          Map.entry("approveEmergencyFix", Map.of("fixApproved", "boolean")),
          Map.entry("confirmStakeholderAgreement", Map.of("stakeholdersAgreed", "boolean")),
          Map.entry("reviewProposedMatches", Map.of("matchesApproved", "boolean")),
          Map.entry("confirmPartnership", Map.of("partnershipAccepted", "boolean")),
          Map.entry("analyseDefect", Map.of("outcome", "text")),
          Map.entry("deliverDefectFix", Map.of("buildVersion", "text")),
          Map.entry("confirmDefectFix", Map.of("fixConfirmed", "boolean")),
          Map.entry("reviewDocument", Map.of("noComments", "boolean")),
          Map.entry("answerQuery", Map.of("answer", "text", "publish", "boolean")),
          Map.entry("contributeToQuery", Map.of("contribution", "text")),
          // completing it is the acknowledgement: the box may be left out, never be false or text
          Map.entry("acknowledgeReleaseNote", Map.of("acknowledged", "optional boolean")),
          Map.entry(
              "provideInformation",
              Map.of("contactName", "text", "contactEmail", "text", "contactPhone", "text")));

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> failures = new ArrayList<>();

  @LocalServerPort int port;

  @Autowired uk.ccmt.freeze.Freezes freezes;

  @Autowired java.time.Clock clock;
  @Autowired ReleaseService releases;

  @BeforeEach
  void users() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
  }

  @AfterAll
  static void countCases() {
    LOG.info("Bad input suite: {} cases tried, none answered 5xx or wrote anything", CASES.get());
  }

  // --- findings of issue 11, each by name ---------------------------------------------------

  @Test
  void shouldRefuseABuildVersionLongerThanItsColumnWithoutSqlInTheAnswer() throws Exception {
    Snapshot before = snapshot();
    Answer answer =
        send(
            RELEASE_MANAGER,
            "POST",
            "/api/releases",
            "application/json",
            "{\"type\": \"BASELINE\", \"buildVersion\": \"" + "9".repeat(101) + "\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo("buildVersion");
    assertThat(answer.body())
        .contains("at most 100 characters")
        .doesNotContainIgnoringCase("sql")
        .doesNotContainIgnoringCase("varchar");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shouldRefuseABuildVersionLongerThanItsColumnOnCompletingTheReleaseReview() throws Exception {
    Map<String, Task> tasks = openTaskOfEveryKey();
    for (String key :
        List.of("reviewReleaseContents", "correctReleaseErrors", "provideEmergencyFix")) {
      Snapshot before = snapshot();
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("buildVersion", Map.of("value", "9".repeat(101), "type", "String"));
      variables.put("excludedDefects", Map.of("value", "[]", "type", "Json"));
      Answer answer =
          send(
              ADMIN,
              "POST",
              "/engine-rest/task/" + tasks.get(key).getId() + "/complete",
              "application/json",
              json.writeValueAsString(Map.of("variables", variables)));

      assertThat(answer.status()).as(key).isEqualTo(400);
      assertThat(answer.json().path("message").asText())
          .as(key)
          .contains("buildVersion", "at most 100 characters")
          .doesNotContainIgnoringCase("sql");
      assertThat(snapshot()).as(key).isEqualTo(before);
    }
  }

  @Test
  void shouldRefuseNulInEveryApiFieldCsvCellAndTaskValue() throws Exception {
    given.raisedDefect("D-7");
    Answer field =
        send(
            RELEASE_MANAGER,
            "POST",
            "/api/defects",
            "application/json",
            "{\"id\": \"D-2\", \"title\": \"Nul\\u0000here\", \"severity\": \"S2\"}");
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.json().path("field").asText()).isEqualTo("title");
    assertThat(field.json().path("detail").asText()).contains("NUL");

    Answer cell =
        send(
            RELEASE_MANAGER,
            "POST",
            "/api/participants/import",
            "text/csv",
            "code,name,category,contactEmails\nNUL1,Nul\u0000Energy,CHALLENGER,a@nul.example\n");
    assertThat(cell.status()).isEqualTo(400);
    assertThat(cell.json().path("field").asText()).isEqualTo("name");

    Map<String, Task> tasks = openTaskOfEveryKey();
    Answer value =
        send(
            ADMIN,
            "POST",
            "/engine-rest/task/" + tasks.get("correctReleaseErrors").getId() + "/complete",
            "application/json",
            "{\"variables\": {\"buildVersion\": {\"value\": \"1.1\\u0000\", \"type\": \"String\"}}}");
    assertThat(value.status()).isEqualTo(400);
    assertThat(value.json().path("message").asText()).contains("buildVersion", "NUL");
    assertThat(
            jdbc.sql("select count(*) from defect where id = 'D-2'").query(Integer.class).single())
        .isZero();
  }

  @Test
  void shouldAnswerEngineRestAbusesWith4xxNamingTheValue() throws Exception {
    Map<String, Task> tasks = openTaskOfEveryKey();
    String review = tasks.get("reviewReleaseContents").getId();
    given.organisationUser(PARTICIPANT, "NLE");
    Snapshot before = snapshot();

    Answer extra =
        send(
            PARTICIPANT,
            "POST",
            "/engine-rest/task/" + review + "/complete",
            "application/json",
            json.writeValueAsString(
                Map.of(
                    "variables",
                    Map.of(
                        "buildVersion", Map.of("value", "5.0.1", "type", "String"),
                        "excludedDefects", Map.of("value", "[]", "type", "Json"),
                        "extra", Map.of("value", "x".repeat(5_000), "type", "String")))));
    assertThat(extra.status()).isEqualTo(400);
    assertThat(extra.json().path("message").asText()).contains("extra", "at most 4000 characters");

    for (String type : List.of("Object", "Xml")) {
      Answer object =
          send(
              ADMIN,
              "POST",
              "/engine-rest/task/" + review + "/complete",
              "application/json",
              "{\"variables\": {\"payload\": {\"value\": \"rO0ABXQAA2JhZA==\", \"type\": \""
                  + type
                  + "\", \"valueInfo\":"
                  + " {\"objectTypeName\": \"java.lang.String\","
                  + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}}}");
      assertThat(object.status()).as(type).isEqualTo(400);
      assertThat(object.json().path("message").asText())
          .as(type)
          .contains("payload", type + " values are not accepted");
    }

    Answer deep =
        send(
            ADMIN,
            "POST",
            "/engine-rest/task/" + review + "/complete",
            "application/json",
            "{\"variables\": {\"excludedDefects\": {\"value\": " + DEEP_ARRAY + "}}}");
    assertThat(deep.status()).isEqualTo(400);
    Answer deepJsonValue =
        send(
            ADMIN,
            "POST",
            "/engine-rest/task/" + review + "/complete",
            "application/json",
            json.writeValueAsString(
                Map.of(
                    "variables",
                    Map.of("excludedDefects", Map.of("value", DEEP_ARRAY, "type", "Json")))));
    assertThat(deepJsonValue.status()).isEqualTo(400);

    for (String[] call :
        List.of(
            new String[] {"POST", "complete"},
            new String[] {"POST", "claim"},
            new String[] {"GET", "variables"},
            new String[] {"GET", "identity-links"},
            new String[] {"GET", "deployed-form"})) {
      Answer unknown =
          send(
              PARTICIPANT,
              call[0],
              "/engine-rest/task/no-such-task/" + call[1],
              "application/json",
              call[0].equals("GET") ? null : "{\"userId\": \"paula\", \"variables\": {}}");
      assertThat(unknown.status()).as(call[1]).isEqualTo(404);
      assertThat(unknown.body())
          .as(call[1])
          .contains("no-such-task")
          .doesNotContain("NullValueException")
          .doesNotContain("NullPointerException");
    }
    assertThat(snapshot()).isEqualTo(before);

    // the comments of a task that has ended are still the engine's to show
    Task ended = engine.getTaskService().newTask();
    engine.getTaskService().saveTask(ended);
    engine.getTaskService().complete(ended.getId());
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskId(ended.getId())
                .count())
        .isOne();
    Answer comments =
        send(ADMIN, "GET", "/engine-rest/task/" + ended.getId() + "/comment", null, null);
    assertThat(comments.status()).as(comments.body()).isEqualTo(200);
    assertThat(
            send(ADMIN, "GET", "/engine-rest/task/" + ended.getId() + "/variables", null, null)
                .status())
        .isEqualTo(404);
    engine.getHistoryService().deleteHistoricTaskInstance(ended.getId());
  }

  @Test
  void shouldRefuseAPasswordOfAMegabyteForANewOrganisationUser() throws Exception {
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    Snapshot before = snapshot();

    Answer answer =
        send(
            ADMIN,
            "POST",
            "/api/participants/NLE/users",
            "application/json",
            json.writeValueAsString(
                Map.of(
                    "id",
                    "nle-ops",
                    "firstName",
                    "Nia",
                    "lastName",
                    "Ops",
                    "email",
                    "nia@nle.example",
                    "password",
                    MEGABYTE)));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo("password");
    assertThat(answer.json().path("detail").asText()).contains("at most 128 characters");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAParticipantListBeyondTheImportLimitsAndImportLargeListsFast() throws Exception {
    Snapshot before = snapshot();
    Answer tooMany =
        send(
            RELEASE_MANAGER, "POST", "/api/participants/import", "text/csv", participantCsv(5_001));
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.json().path("field").asText()).isEqualTo("rows");
    Answer tooBig =
        send(
            RELEASE_MANAGER,
            "POST",
            "/api/participants/import",
            "text/csv",
            "code,name,category,contactEmails\n" + ("A,B,CHALLENGER,a@b.example\n").repeat(80_000));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().path("field").asText()).isEqualTo("body");
    assertThat(snapshot()).isEqualTo(before);

    long started = System.nanoTime();
    Answer imported =
        send(
            RELEASE_MANAGER, "POST", "/api/participants/import", "text/csv", participantCsv(5_000));
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.info("Imported 5,000 participants in {} ms", millis);
    assertThat(imported.status()).isEqualTo(201);
    assertThat(jdbc.sql("select count(*) from participant").query(Integer.class).single())
        .isEqualTo(5_000);
    assertThat(millis).as("5,000 rows in one import, in ms").isLessThan(30_000);
  }

  // --- the suite ---------------------------------------------------------------------------

  @Test
  void shouldRefuseEveryKindOfBadInputAtEveryApiEndpointWithoutAWrite() throws Exception {
    given.raisedDefect("D-1");
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("BRG", "LARGE_SUPPLIER", "ops@brg.example");
    given.organisationUser(PARTICIPANT, "NLE");

    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                RELEASE_MANAGER, "/api/defects", defect(), Set.of("id", "title", "severity")),
            new Endpoint(
                DEVELOPER,
                "/api/defects/D-1/fix",
                Map.of("buildVersion", "1.4.2"),
                Set.of("buildVersion")),
            new Endpoint(
                DEVELOPER,
                "/api/changes",
                Map.of(
                    "id",
                    "C-900",
                    "title",
                    "Load the tariff reference data",
                    "component",
                    "Reference data",
                    "buildVersion",
                    "1.4.2-refdata",
                    "description",
                    "Loads 12 tariffs"),
                Set.of("title", "component", "buildVersion")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/releases/weekly",
                Map.of("week", "2099-W10"),
                Set.of("week")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/releases",
                Map.of("type", "BASELINE", "buildVersion", "1.0"),
                Set.of("type", "buildVersion")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/releases/BL-1/deployments",
                Map.of("environment", "DEV1"),
                Set.of("environment")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/environments/DEV1/rollback",
                Map.of("releaseId", "BL-1", "reason", "broken"),
                Set.of("releaseId", "reason")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/participants",
                participant(),
                Set.of("code", "name", "category", "contactEmails")),
            new Endpoint(
                ADMIN,
                "/api/participants/NLE/users",
                Map.of(
                    "id",
                    "nle-new",
                    "firstName",
                    "Nia",
                    "lastName",
                    "Ops",
                    "email",
                    "nia@nle.example",
                    "password",
                    "a-long-enough-password"),
                Set.of("id", "firstName", "lastName", "email", "password")),
            new Endpoint(
                PARTICIPANT,
                "/api/participants/NLE/partners",
                Map.of("partner", "BRG"),
                Set.of("partner")),
            new Endpoint(
                PARTICIPANT,
                "/api/queries",
                Map.of(
                    "subject",
                    "Meter read cut-off",
                    "text",
                    "When is the cut-off?",
                    "relatesTo",
                    "CCMTWG 22 June 2020"),
                Set.of("subject", "text")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/information-requests",
                Map.of(
                    "types",
                    List.of("CONTACT_DETAILS"),
                    "participants",
                    List.of("NLE"),
                    "dueDate",
                    LocalDate.now().plusDays(30).toString()),
                Set.of("types", "dueDate")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/reviews",
                Map.of(
                    "title",
                    "Release Management Plan",
                    "version",
                    "1.0",
                    "documentUrl",
                    "https://ccmt.example/plan.pdf",
                    "participants",
                    List.of("NLE"),
                    "dueDate",
                    LocalDate.now().plusDays(30).toString()),
                Set.of("title", "version", "documentUrl", "dueDate")),
            new Endpoint(
                RELEASE_MANAGER,
                "/api/freezes",
                Map.of(
                    "environments",
                    List.of("CCMT"),
                    "from",
                    LocalDate.now().plusDays(30) + "T08:00",
                    "to",
                    LocalDate.now().plusDays(31) + "T08:00",
                    "reason",
                    "Industry test window"),
                Set.of("environments", "from", "to", "reason")));

    for (Endpoint endpoint : endpoints) {
      for (Map.Entry<String, String> body : badBodies(endpoint).entrySet()) {
        expectRefused(
            endpoint.user(),
            "POST",
            endpoint.path(),
            "application/json",
            body.getValue(),
            endpoint.path() + " " + body.getKey());
      }
    }
    // A slot moves with PUT: every bad body is refused, and no slot moves
    Endpoint schedule =
        new Endpoint(
            RELEASE_MANAGER,
            "/api/releases/BL-1/schedule",
            Map.of("slot", LocalDate.now().plusDays(30) + "T10:00", "reason", "Bank holiday"),
            Set.of("slot", "reason"));
    for (Map.Entry<String, String> body : badBodies(schedule).entrySet()) {
      expectRefused(
          RELEASE_MANAGER,
          "PUT",
          schedule.path(),
          "application/json",
          body.getValue(),
          "PUT " + schedule.path() + " " + body.getKey());
    }
    // A defect is edited with a JSON merge patch: every bad body is refused, and nothing changes
    Endpoint edit =
        new Endpoint(
            DEVELOPER,
            "/api/defects/D-1",
            Map.of(
                "title",
                "Switch rejected",
                "severity",
                "S2",
                "component",
                "Switching",
                "stopsTesting",
                false),
            Set.of());
    for (Map.Entry<String, String> body : badBodies(edit).entrySet()) {
      if (body.getKey().equals("an empty object")) {
        continue; // absent means unchanged: an empty patch is a valid one that changes nothing
      }
      expectRefused(
          DEVELOPER,
          "PATCH",
          edit.path(),
          "application/merge-patch+json",
          body.getValue(),
          "PATCH " + edit.path() + " " + body.getKey());
    }
    // issue 16: a participant is edited with a JSON merge patch too; every bad body is refused,
    // and nothing of the registry or its history changes
    Endpoint registry =
        new Endpoint(
            RELEASE_MANAGER,
            "/api/participants/NLE",
            Map.of(
                "name",
                "Organisation NLE",
                "category",
                "CHALLENGER",
                "region",
                "North West",
                "contacts",
                List.of("ops@nle.example"),
                "takesPart",
                true),
            Set.of());
    for (Map.Entry<String, String> body : badBodies(registry).entrySet()) {
      if (body.getKey().equals("an empty object")) {
        continue; // absent means unchanged: an empty patch is a valid one that changes nothing
      }
      expectRefused(
          RELEASE_MANAGER,
          "PATCH",
          registry.path(),
          "application/merge-patch+json",
          body.getValue(),
          "PATCH " + registry.path() + " " + body.getKey());
    }
    for (Map.Entry<String, String> csv : hostileDefectCsv().entrySet()) {
      expectRefused(
          RELEASE_MANAGER,
          "POST",
          "/api/defects/import",
          "text/csv",
          csv.getValue(),
          "defect import " + csv.getKey());
    }
    for (Map.Entry<String, String> csv : hostileCsv().entrySet()) {
      expectRefused(
          RELEASE_MANAGER,
          "POST",
          "/api/participants/import",
          "text/csv",
          csv.getValue(),
          "import " + csv.getKey());
    }
    // POST /api/partnering takes no body; what it is sent instead must not start a round without
    // participants
    expectRefused(
        RELEASE_MANAGER,
        "POST",
        "/api/participants/import",
        "application/json",
        "{\"code\": \"X\"}",
        "import as JSON");

    List<String[]> idPaths =
        List.of(
            new String[] {RELEASE_MANAGER, "GET", "/api/defects/{id}", null},
            new String[] {DEVELOPER, "PATCH", "/api/defects/{id}", "{\"severity\": \"S3\"}"},
            new String[] {
              DEVELOPER, "POST", "/api/defects/{id}/fix", "{\"buildVersion\": \"1.0\"}"
            },
            new String[] {RELEASE_MANAGER, "GET", "/api/changes/{id}", null},
            new String[] {
              DEVELOPER, "POST", "/api/changes/{id}/build", "{\"buildVersion\": \"1.0\"}"
            },
            new String[] {RELEASE_MANAGER, "GET", "/api/releases/{id}", null},
            new String[] {RELEASE_MANAGER, "GET", "/api/releases/{id}/agreement", null},
            new String[] {RELEASE_MANAGER, "GET", "/api/releases/{id}/acknowledgements", null},
            new String[] {RELEASE_MANAGER, "GET", "/acknowledge/{id}", null},
            new String[] {RELEASE_MANAGER, "POST", "/acknowledge/{id}", null},
            new String[] {RELEASE_MANAGER, "GET", "/api/releases/{id}/decisions", null},
            new String[] {RELEASE_MANAGER, "GET", "/staff/releases/{id}", null},
            new String[] {
              RELEASE_MANAGER,
              "POST",
              "/api/releases/{id}/deployments",
              "{\"environment\": \"DEV1\"}"
            },
            new String[] {
              RELEASE_MANAGER,
              "POST",
              "/api/environments/{id}/rollback",
              "{\"releaseId\": \"BL-1\", \"reason\": \"r\"}"
            },
            new String[] {RELEASE_MANAGER, "GET", "/api/participants/{id}", null},
            new String[] {RELEASE_MANAGER, "PATCH", "/api/participants/{id}", "{\"name\": \"X\"}"},
            new String[] {RELEASE_MANAGER, "GET", "/api/participants/{id}/kpis", null},
            new String[] {ADMIN, "GET", "/api/participants/{id}/users", null},
            new String[] {
              ADMIN,
              "POST",
              "/api/participants/{id}/users",
              "{\"id\": \"u-1\", \"firstName\": \"A\","
                  + " \"lastName\": \"B\", \"email\": \"a@b.example\", \"password\": \"long-enough-1\"}"
            },
            new String[] {RELEASE_MANAGER, "GET", "/api/participants/{id}/partners", null},
            new String[] {
              RELEASE_MANAGER, "POST", "/api/participants/{id}/partners", "{\"partner\": \"BRG\"}"
            },
            new String[] {RELEASE_MANAGER, "GET", "/api/information-requests/{id}", null},
            new String[] {RELEASE_MANAGER, "GET", "/api/partnering/{id}", null},
            new String[] {RELEASE_MANAGER, "DELETE", "/api/freezes/{id}", "{\"reason\": \"r\"}"},
            new String[] {
              RELEASE_MANAGER,
              "PUT",
              "/api/releases/{id}/schedule",
              "{\"slot\": \"2099-03-05T10:00\", \"reason\": \"r\"}"
            });
    for (String[] idPath : idPaths) {
      for (String id : HOSTILE_IDS) {
        expectRefused(
            idPath[0],
            idPath[1],
            idPath[2].replace("{id}", id),
            "application/json",
            idPath[3],
            idPath[1] + " " + idPath[2] + " with id " + abbreviate(id));
      }
    }
    for (String query :
        List.of(
            "status=%00",
            "severity=" + "S".repeat(10_000),
            "status=..%2F..%2F",
            "status=RAISED%0A",
            "severity=%E2%80%AE",
            "status=%27%3B%20drop%20table%20defect--",
            "kind=BUG",
            "kind=%00",
            "component=%00",
            "component=" + "c".repeat(1_000),
            "assignee=devon%0A",
            "release=%1B%5B2J")) {
      expectRefused(
          RELEASE_MANAGER,
          "GET",
          "/api/defects?" + query,
          null,
          null,
          "GET /api/defects?" + abbreviate(query));
    }
    for (String path :
        List.of(
            "/api/releases",
            "/api/environments",
            "/api/participants",
            "/api/defects",
            // the public feeds take no parameters and ignore any
            "/releases/calendar.ics",
            "/releases/notes.atom")) {
      expectNoServerErrorOrWrite(
          RELEASE_MANAGER,
          "GET",
          path + "?x=%00&y=" + "z".repeat(5_000),
          null,
          null,
          "GET " + path + " with junk parameters");
    }

    assertThat(failures).as("bad API inputs answered 5xx, accepted or written").isEmpty();
  }

  @Test
  void shouldRefuseEveryKindOfBadInputToEveryUserTaskWithoutAWrite() throws Exception {
    Map<String, Task> tasks = openTaskOfEveryKey();
    assertThat(tasks.keySet()).as("user tasks reached").containsAll(CONTRACT_TASKS);
    LOG.info(
        "Bad input suite: trying the completion of {} user tasks: {}",
        tasks.size(),
        tasks.keySet());
    given.organisationUser(PARTICIPANT, "NLE");
    WebappSession tasklist = tasklistSession();

    for (Map.Entry<String, Task> entry : tasks.entrySet()) {
      String key = entry.getKey();
      String id = entry.getValue().getId();
      Map<String, String> bodies = new LinkedHashMap<>(genericTaskBodies());
      bodies.putAll(fieldBodies(TASK_FIELDS.getOrDefault(key, Map.of())));
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        expectRefused(
            ADMIN,
            "POST",
            "/engine-rest/task/" + id + "/complete",
            "application/json",
            body.getValue(),
            key + " complete " + body.getKey());
      }
      for (String[] change :
          List.of(
              new String[] {"POST", "/claim", "{\"userId\": \"rach\\u0000el\"}"},
              new String[] {"POST", "/assignee", "{\"userId\": \"" + "u".repeat(5_000) + "\"}"},
              new String[] {
                "POST",
                "/identity-links",
                "{\"groupId\": \"participant-\\u0000\", \"type\": \"candidate\"}"
              },
              new String[] {
                "POST",
                "/variables",
                "{\"modifications\": {\"x\": {\"value\": \"" + "v".repeat(5_000) + "\"}}}"
              },
              new String[] {
                "PUT", "/variables/x", "{\"value\": \"a\\u0000b\", \"type\": \"String\"}"
              },
              new String[] {
                "PUT", "/localVariables/x", "{\"value\": {\"a\": 1}, \"type\": \"Object\"}"
              },
              new String[] {
                "POST",
                "/submit-form",
                "{\"variables\": {\"x\": {\"value\": \"" + DEEP_ARRAY + "\", \"type\": \"Json\"}}}"
              },
              new String[] {
                "POST",
                "/complete",
                "{\"variables\": {\"" + "n".repeat(300) + "\": {\"value\": \"v\"}}}"
              },
              new String[] {
                "POST", "/complete", "{\"variables\": {\"na\\u0000me\": {\"value\": \"v\"}}}"
              })) {
        expectRefused(
            ADMIN,
            change[0],
            "/engine-rest/task/" + id + change[1],
            "application/json",
            change[2],
            key + " " + change[0] + " " + change[1]);
      }
      // The same guard holds on Tasklist's own engine API
      for (Map.Entry<String, String> body :
          genericTaskBodies().entrySet().stream()
              .filter(body -> TASKLIST_CASES.contains(body.getKey()))
              .toList()) {
        tasklist.expectRefused(
            "/camunda/api/engine/engine/default/task/" + id + "/submit-form",
            body.getValue(),
            "Tasklist " + key + " submit-form " + body.getKey());
      }
    }

    for (String user : List.of(ADMIN, PARTICIPANT)) {
      for (String unknown :
          List.of(
              "no-such-task", "..%2F..%2Fprocess-instance", "a%20b", "%00", "x".repeat(1_000))) {
        for (String[] call :
            List.of(
                new String[] {"POST", "complete", "{\"variables\": {}}"},
                new String[] {"POST", "claim", "{\"userId\": \"paula\"}"},
                new String[] {"POST", "unclaim", "{}"},
                new String[] {"GET", "variables", null},
                new String[] {"GET", "identity-links", null},
                new String[] {"GET", "deployed-form", null},
                new String[] {"GET", "form", null},
                new String[] {"GET", "form-variables", null},
                new String[] {"POST", "submit-form", "{\"variables\": {}}"})) {
          expectRefused(
              user,
              call[0],
              "/engine-rest/task/" + unknown + "/" + call[1],
              "application/json",
              call[2],
              user + " " + call[0] + " unknown task " + abbreviate(unknown) + "/" + call[1]);
        }
      }
    }
    tasklist.expectRefused(
        "/camunda/api/engine/engine/default/task/no-such-task/complete",
        "{\"variables\": {}}",
        "Tasklist unknown task complete");

    assertThat(failures).as("bad task inputs answered 5xx, accepted or written").isEmpty();
  }

  // --- cases ---------------------------------------------------------------------------------

  private Map<String, String> badBodies(Endpoint endpoint) throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("malformed JSON", "{\"id\": \"D-1\", \"title\": ");
    bodies.put("not JSON", "definitely not json");
    bodies.put("a JSON array", "[1, 2, 3]");
    bodies.put("a JSON string", "\"text\"");
    bodies.put("JSON null", "null");
    bodies.put("an empty body", "");
    bodies.put("deep nesting", "{\"nested\": " + DEEP_ARRAY + "}");
    bodies.put("an empty object", "{}");
    bodies.put("NUL in a field name", "{\"i\\u0000d\": 1}");
    for (Map.Entry<String, Object> field : endpoint.valid().entrySet()) {
      String name = field.getKey();
      if (endpoint.required().contains(name)) {
        bodies.put("without " + name, body(endpoint.valid(), name, null, true));
      }
      bodies.put(name + " as an object", body(endpoint.valid(), name, Map.of("a", 1), false));
      bodies.put(
          name + " deeply nested",
          body(endpoint.valid(), name, null, false)
              .replace("\"" + name + "\":null", "\"" + name + "\":" + DEEP_ARRAY));
      Object megabyte = field.getValue() instanceof List<?> ? List.of(MEGABYTE) : MEGABYTE;
      bodies.put(name + " of 1 MB", body(endpoint.valid(), name, megabyte, false));
      for (String hostile : HOSTILE_TEXTS) {
        Object value =
            field.getValue() instanceof List<?>
                ? List.of(hostile)
                : field.getValue() instanceof String text ? text + hostile : hostile;
        bodies.put(name + " with " + describe(hostile), body(endpoint.valid(), name, value, false));
      }
      if (!(field.getValue() instanceof Boolean)) {
        bodies.put(name + " as a boolean", body(endpoint.valid(), name, true, false));
      } else {
        bodies.put(name + " as text", body(endpoint.valid(), name, "maybe", false));
      }
    }
    return bodies;
  }

  /** RQM files a defect import refuses whole, naming the line and field. */
  private Map<String, String> hostileDefectCsv() {
    String header = "id,title,severity,stopsTesting,component,raisedBy,kind,status\n";
    Map<String, String> csv = new LinkedHashMap<>();
    csv.put("empty", "");
    csv.put("an unknown column", "id,title,severity,=cmd|'/C calc'!A0\nX1,T,S2,1\n");
    csv.put("a missing column", "id,title\nX1,T\n");
    csv.put("NUL in a title", header + "X1,Ti\u0000tle,S2,false,,,DEFECT,RAISED\n");
    csv.put("a control character", header + "X1,Title\u001b[2J,S2,false,,,DEFECT,RAISED\n");
    csv.put("an unclosed quote", header + "X1,\"Title,S2,false,,,DEFECT,RAISED\n");
    csv.put("too many values", header + "X1,Title,S2,false,,,DEFECT,RAISED,extra\n");
    csv.put("a title of 1 MB", header + "X1," + MEGABYTE + ",S2,false,,,DEFECT,RAISED\n");
    csv.put("a severity S5", header + "X1,Title,S5,false,,,DEFECT,RAISED\n");
    csv.put("a blank title", header + "X1, ,S2,false,,,DEFECT,RAISED\n");
    csv.put("a traversal as id", header + "../../etc,Title,S2,false,,,DEFECT,RAISED\n");
    csv.put("a duplicate id", header + "X1,T,S2,,,,,\nX1,U,S3,,,,,\n");
    csv.put("a bad stopsTesting", header + "X1,Title,S2,perhaps,,,DEFECT,RAISED\n");
    csv.put("a status the workflow sets", header + "X1,Title,S2,false,,,DEFECT,RELEASED\n");
    csv.put("a configuration change", header + "X1,Title,S2,false,,,CONFIGURATION,\n");
    csv.put("a kind changed", header + "D-1,Title,S2,false,,,CONFIGURATION,\n");
    csv.put("a BOM and garbage", "\uFEFF\u0001\u0002\u0003");
    csv.put("too many bytes", header + "X1,Title,S2,,,,,\n".repeat(200_000));
    StringBuilder manyRows = new StringBuilder("id,title,severity\n");
    for (int i = 0; i <= 10_000; i++) {
      manyRows.append("R").append(i).append(",T,S2\n");
    }
    csv.put("too many rows", manyRows.toString());
    return csv;
  }

  private Map<String, String> hostileCsv() {
    String header = "code,name,category,region,contactEmails,takesPart\n";
    Map<String, String> csv = new LinkedHashMap<>();
    csv.put("empty", "");
    csv.put("only a header", header);
    csv.put(
        "an unknown column",
        "code,name,category,contactEmails,=cmd|'/C calc'!A0\nX1,N,CHALLENGER,a@x.example,1\n");
    csv.put("a missing column", "code,name\nX1,N\n");
    csv.put("NUL in a cell", header + "X1,Na\u0000me,CHALLENGER,,a@x.example,true\n");
    csv.put("NUL in a code", header + "X\u00001,Name,CHALLENGER,,a@x.example,true\n");
    csv.put("a control character", header + "X1,Name\u001b[2J,CHALLENGER,,a@x.example,true\n");
    csv.put("NUL in an address", header + "X1,Name,CHALLENGER,,a\u0000@x.example,true\n");
    csv.put("an unclosed quote", header + "X1,\"Name,CHALLENGER,,a@x.example,true\n");
    csv.put("too many values", header + "X1,Name,CHALLENGER,,a@x.example,true,extra,more\n");
    csv.put("a cell of 1 MB", header + "X1," + MEGABYTE + ",CHALLENGER,,a@x.example,true\n");
    csv.put(
        "a formula as code",
        header + "=HYPERLINK(\"http://evil\"),Name,CHALLENGER,,a@x.example,true\n");
    csv.put("a traversal as code", header + "../../etc,Name,CHALLENGER,,a@x.example,true\n");
    csv.put(
        "a duplicate code",
        header + "X1,Name,CHALLENGER,,a@x.example,true\nX1,Other,CHALLENGER,,b@x.example,true\n");
    csv.put("one bad row of many", participantCsv(50) + "BAD ROW,Name,NOPE,,not-an-email,maybe\n");
    // issue 16: a known code is updated by a re-import, so it is refused only with a bad value
    csv.put("an already registered code, badly", header + "NLE,Name,BIG6,,a@x.example,true\n");
    csv.put(
        "binary",
        new String(
            Base64.getDecoder().decode("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA=="),
            StandardCharsets.ISO_8859_1));
    csv.put("a BOM and garbage", "\uFEFF\u0001\u0002\u0003");
    csv.put("an unknown category", header + "X1,Name,GIANT,,a@x.example,true\n");
    csv.put("a bad takesPart", header + "X1,Name,CHALLENGER,,a@x.example,perhaps\n");
    csv.put("too many rows", participantCsv(5_001));
    return csv;
  }

  /**
   * What every completion refuses, whatever the task: broken bodies and values no variable may
   * hold.
   */
  private Map<String, String> genericTaskBodies() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("malformed JSON", "{\"variables\": {\"x\": ");
    bodies.put("variables as a number", "{\"variables\": 5}");
    bodies.put("deep nesting", "{\"variables\": {\"x\": {\"value\": " + DEEP_ARRAY + "}}}");
    bodies.put(
        "a Json value nested deeply",
        "{\"variables\": {\"x\": {\"value\": \"" + DEEP_ARRAY + "\", \"type\": \"Json\"}}}");
    bodies.put(
        "a Json value that is not JSON",
        "{\"variables\": {\"x\": {\"value\": \"{nope\", \"type\": \"Json\"}}}");
    bodies.put(
        "an extra String of 5,000 characters",
        "{\"variables\": {\"x\": {\"value\": \""
            + "x".repeat(5_000)
            + "\", \"type\": \"String\"}}}");
    bodies.put(
        "an untyped String of 1 MB", "{\"variables\": {\"x\": {\"value\": \"" + MEGABYTE + "\"}}}");
    bodies.put(
        "NUL in a String",
        "{\"variables\": {\"x\": {\"value\": \"a\\u0000b\", \"type\": \"String\"}}}");
    bodies.put(
        "a control character",
        "{\"variables\": {\"x\": {\"value\": \"a\\u001bb\", \"type\": \"String\"}}}");
    bodies.put(
        "a serialized Java object",
        "{\"variables\": {\"x\": {\"value\": \"rO0ABXQAA2JhZA==\", \"type\": \"Object\","
            + " \"valueInfo\": {\"objectTypeName\": \"java.lang.String\","
            + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}}}");
    bodies.put(
        "an Object as JSON",
        "{\"variables\": {\"x\": {\"value\": \"{}\", \"type\": \"Object\", \"valueInfo\":"
            + " {\"objectTypeName\": \"java.util.HashMap\", \"serializationDataFormat\": \"application/json\"}}}}");
    bodies.put(
        "an Xml value", "{\"variables\": {\"x\": {\"value\": \"<a/>\", \"type\": \"Xml\"}}}");
    return bodies;
  }

  /** The task's own fields spoilt: missing, of the wrong type, too long, with NUL. */
  private Map<String, String> fieldBodies(Map<String, String> fields) throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    if (fields.isEmpty()) {
      return bodies;
    }
    // a list may be left out (empty), and a build the instance holds already is kept (the same
    // build)
    boolean someFieldRequired =
        fields.values().stream().anyMatch(kind -> kind.equals("boolean"))
            || !fields.containsKey("buildVersion") && fields.containsValue("text");
    if (someFieldRequired) {
      bodies.put("without its fields", "{\"variables\": {}}");
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      Map<String, Object> variables = validVariables(fields);
      String name = field.getKey();
      switch (field.getValue()) {
        case "text" -> {
          bodies.put(
              name + " as a boolean",
              completion(variables, name, Map.of("value", true, "type", "Boolean")));
          bodies.put(
              name + " of 101 characters and more",
              completion(
                  variables,
                  name,
                  Map.of(
                      "value",
                      "9".repeat(name.equals("buildVersion") ? 101 : 4_001),
                      "type",
                      "String")));
          bodies.put(
              name + " with a line break",
              name.equals("buildVersion")
                  ? completion(variables, name, Map.of("value", "1.0\n2.0", "type", "String"))
                  : "{\"variables\": 5}");
          bodies.put(
              name + " blank",
              completion(variables, name, Map.of("value", "   ", "type", "String")));
        }
        case "boolean", "optional boolean" -> {
          if (field.getValue().equals("optional boolean")) {
            bodies.put(
                name + " false",
                completion(variables, name, Map.of("value", false, "type", "Boolean")));
          }
          bodies.put(
              name + " as text",
              completion(variables, name, Map.of("value", "maybe", "type", "String")));
          bodies.put(
              name + " as a number",
              completion(variables, name, Map.of("value", 7, "type", "Integer")));
        }
        case "list" -> {
          bodies.put(
              name + " not JSON",
              completion(variables, name, Map.of("value", "D-1, D-2", "type", "String")));
          bodies.put(
              name + " an object",
              completion(variables, name, Map.of("value", "{\"a\": 1}", "type", "Json")));
          bodies.put(
              name + " as a boolean",
              completion(variables, name, Map.of("value", true, "type", "Boolean")));
          bodies.put(
              name + " holding numbers",
              completion(variables, name, Map.of("value", "[1, 2]", "type", "Json")));
          bodies.put(
              name + " holding an id of 1,000 characters",
              completion(
                  variables,
                  name,
                  Map.of("value", "[\"" + "D".repeat(1_000) + "\"]", "type", "Json")));
        }
        default -> throw new IllegalStateException(field.getValue());
      }
    }
    return bodies;
  }

  private static Map<String, Object> validVariables(Map<String, String> fields) {
    Map<String, Object> variables = new TreeMap<>();
    fields.forEach(
        (name, kind) ->
            variables.put(
                name,
                switch (kind) {
                  case "text" ->
                      Map.of(
                          "value",
                          name.endsWith("Email")
                              ? "ops@nle.example"
                              : name.endsWith("Phone") ? "0161 496 0000" : "5.0.1",
                          "type",
                          "String");
                  case "boolean", "optional boolean" -> Map.of("value", true, "type", "Boolean");
                  default -> Map.of("value", "[]", "type", "Json");
                }));
    return variables;
  }

  private String completion(Map<String, Object> valid, String field, Object value)
      throws Exception {
    Map<String, Object> variables = new TreeMap<>(valid);
    variables.put(field, value);
    return json.writeValueAsString(Map.of("variables", variables));
  }

  private String body(Map<String, Object> valid, String field, Object value, boolean remove)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>(valid);
    if (remove) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    return json.writeValueAsString(body);
  }

  // --- the tasks of every process --------------------------------------------------------------

  /**
   * One open task of every user task key of every model: each process is started as its users start
   * it, and the model's other user tasks are then added to its instance, as an operator would in
   * Cockpit, so each completion runs its real listeners.
   */
  private Map<String, Task> openTaskOfEveryKey() throws Exception {
    given.fixedDefect("D-1", "1.0");
    String week = weekWhoseThursdayIsStillAhead();
    assertThat(
            send(
                    RELEASE_MANAGER,
                    "POST",
                    "/api/releases/weekly",
                    "application/json",
                    "{\"week\": \"" + week + "\"}")
                .status())
        .isEqualTo(201);
    releases.register("BL-1", ReleaseType.BASELINE, "1.0-broken");
    engine
        .getRuntimeService()
        .startProcessInstanceByKey(
            "deployRelease", "BL-1", Map.of("releaseId", "BL-1", "environment", "DEV1"));
    // A deployment to a frozen environment waits at overrideFreeze
    freezes.declare(
        List.of("QAS1"),
        clock.instant().minusSeconds(3_600).toString(),
        clock.instant().plusSeconds(86_400).toString(),
        "Bad input suite freeze",
        RELEASE_MANAGER);
    engine
        .getRuntimeService()
        .startProcessInstanceByKey(
            "deployRelease", "BL-1", Map.of("releaseId", "BL-1", "environment", "QAS1"));
    given.s1DefectStoppingTests("D-9");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("L1", "LARGE_SUPPLIER", "l1@l1.example");
    given.participant("L2", "LARGE_SUPPLIER", "l2@l2.example");
    given.participant("C1", "CHALLENGER", "c1@c1.example");
    assertThat(
            send(
                    RELEASE_MANAGER,
                    "POST",
                    "/api/information-requests",
                    "application/json",
                    "{\"types\": [\"CONTACT_DETAILS\"], \"participants\": [\"NLE\"], \"dueDate\": \""
                        + LocalDate.now().plusDays(30)
                        + "\"}")
                .status())
        .isEqualTo(201);
    // A document review asked of NLE: its reviewDocument, and the consolidation added below
    assertThat(
            send(
                    RELEASE_MANAGER,
                    "POST",
                    "/api/reviews",
                    "application/json",
                    "{\"title\": \"Plan\", \"version\": \"1\", \"documentUrl\":"
                        + " \"https://ccmt.example/plan.pdf\", \"participants\": [\"NLE\"],"
                        + " \"dueDate\": \""
                        + LocalDate.now().plusDays(30)
                        + "\"}")
                .status())
        .isEqualTo(201);
    // A participant's query, passed on to the development team: answerQuery and contributeToQuery
    given.organisationUser(PARTICIPANT, "NLE");
    Answer query =
        send(
            PARTICIPANT,
            "POST",
            "/api/queries",
            "application/json",
            "{\"subject\": \"Cut-off\", \"text\": \"When is the cut-off?\"}");
    assertThat(query.status()).isEqualTo(201);
    engine
        .getTaskService()
        .complete(
            task(query.json().path("id").asText(), "answerQuery").getId(),
            Map.of("route", "development"));
    Answer partnering = send(RELEASE_MANAGER, "POST", "/api/partnering", null, null);
    assertThat(partnering.status()).isEqualTo(201);
    runDueJobs();
    String round = partnering.json().path("id").asText();
    engine
        .getTaskService()
        .complete(task(round, "reviewProposedMatches").getId(), Map.of("matchesApproved", true));
    runDueJobs();
    releases.register("BL-2", ReleaseType.BASELINE, "2.0");
    engine
        .getRuntimeService()
        .startProcessInstanceByKey("baselineRelease", "BL-2", Map.of("releaseId", "BL-2"));
    // Issue 16: the emergency note of E-D-9 asks each organisation to acknowledge it
    acknowledgedNote();
    runDueJobs();

    Set<String> open = new LinkedHashSet<>();
    engine
        .getTaskService()
        .createTaskQuery()
        .list()
        .forEach(task -> open.add(task.getTaskDefinitionKey()));
    List<String> unreached = new ArrayList<>();
    for (ProcessInstance instance :
        engine.getRuntimeService().createProcessInstanceQuery().list()) {
      ProcessDefinition definition =
          engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId());
      for (UserTask userTask :
          engine
              .getRepositoryService()
              .getBpmnModelInstance(definition.getId())
              .getModelElementsByType(UserTask.class)) {
        if (open.contains(userTask.getId())) {
          continue;
        }
        try {
          engine
              .getRuntimeService()
              .createProcessInstanceModification(instance.getId())
              .startBeforeActivity(userTask.getId())
              .execute();
          open.add(userTask.getId());
        } catch (RuntimeException e) {
          unreached.add(
              definition.getKey()
                  + "/"
                  + userTask.getId()
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
      }
    }
    if (!unreached.isEmpty()) {
      LOG.info(
          "Bad input suite: user tasks not reached by adding them to a running instance: {}",
          unreached);
    }
    Map<String, Task> tasks = new TreeMap<>();
    engine
        .getTaskService()
        .createTaskQuery()
        .orderByTaskId()
        .asc()
        .list()
        .forEach(task -> tasks.putIfAbsent(task.getTaskDefinitionKey(), task));
    return tasks;
  }

  @Autowired uk.ccmt.note.ReleaseNoteService notes;
  @Autowired uk.ccmt.note.ReleaseNoteMailing noteMailing;

  /** An emergency note, which needs acknowledgement by default (ccmt.notes.acknowledge). */
  private void acknowledgedNote() {
    noteMailing.queue(notes.createEmergency("E-D-9"));
  }

  // --- asserting ------------------------------------------------------------------------------

  private void expectRefused(
      String user, String method, String path, String contentType, String body, String name)
      throws Exception {
    check(user, method, path, contentType, body, name, true);
  }

  private void expectNoServerErrorOrWrite(
      String user, String method, String path, String contentType, String body, String name)
      throws Exception {
    check(user, method, path, contentType, body, name, false);
  }

  private void check(
      String user,
      String method,
      String path,
      String contentType,
      String body,
      String name,
      boolean refused)
      throws Exception {
    CASES.incrementAndGet();
    Snapshot before = snapshot();
    Answer answer;
    try {
      answer = send(user, method, path, contentType, body);
    } catch (IllegalArgumentException e) {
      // the client itself refuses to send it (a URI it cannot form): nothing reached the server
      return;
    }
    Snapshot after = snapshot();
    if (answer.status() >= 500 || refused && answer.status() < 400) {
      failures.add(name + ": " + answer.status() + " " + abbreviate(answer.body()));
    } else if (!after.equals(before)) {
      failures.add(name + ": wrote " + before.difference(after));
    } else if (answer.status() >= 400 && leaksInternals(answer.body())) {
      failures.add(name + ": shows internals " + abbreviate(answer.body()));
    }
  }

  private static boolean leaksInternals(String body) {
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("sql")
        || lower.contains("exception:")
        || lower.contains("\tat ")
        || lower.contains(".java:");
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private Answer send(String user, String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (user + ":" + (user.equals(ADMIN) ? ADMIN_PASSWORD : TestData.PASSWORD))
                                .getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json, application/problem+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** Tasklist's session: Camunda's login page and CSRF token, as the browser holds them. */
  private WebappSession tasklistSession() throws Exception {
    WebappSession session = new WebappSession(new LinkedHashMap<>());
    session.remember(
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
                .build(),
            HttpResponse.BodyHandlers.discarding()));
    HttpResponse<String> login =
        http.send(
            session
                .headers(
                    HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port
                                + "/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + ADMIN
                            + "&password="
                            + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    session.remember(login);
    assertThat(login.statusCode()).as("Tasklist login: %s", login.body()).isEqualTo(200);
    // the login starts a new session, whose CSRF token a first read hands out
    HttpResponse<String> whoAmI =
        http.send(
            session
                .headers(
                    HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + port + "/camunda/api/admin/auth/user/default")))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    session.remember(whoAmI);
    assertThat(whoAmI.statusCode()).as("Tasklist session: %s", whoAmI.body()).isEqualTo(200);
    return session;
  }

  /**
   * The browser's cookies, kept by hand: the JDK's cookie store does not keep them for localhost.
   */
  private final class WebappSession {

    private final Map<String, String> cookies;

    WebappSession(Map<String, String> cookies) {
      this.cookies = cookies;
    }

    void remember(HttpResponse<?> response) {
      response
          .headers()
          .firstValue("X-XSRF-TOKEN")
          .ifPresent(token -> cookies.put("XSRF-TOKEN", token));
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int equals = pair.indexOf('=');
        cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
      }
    }

    HttpRequest.Builder headers(HttpRequest.Builder request) {
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .toList()));
      }
      return request.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
    }

    void expectRefused(String path, String body, String name) throws Exception {
      CASES.incrementAndGet();
      Snapshot before = snapshot();
      HttpResponse<String> response =
          http.send(
              headers(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      remember(response);
      Snapshot after = snapshot();
      if (response.statusCode() >= 500
          || response.statusCode() < 400
          || response.statusCode() == 401
          || response.statusCode() == 403) {
        failures.add(name + ": " + response.statusCode() + " " + abbreviate(response.body()));
      } else if (!after.equals(before)) {
        failures.add(name + ": wrote " + before.difference(after));
      }
    }
  }

  private record Answer(int status, String body) {

    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(body);
    }
  }

  private record Endpoint(
      String user, String path, Map<String, Object> valid, Set<String> required) {}

  // --- the register ---------------------------------------------------------------------------

  /**
   * Everything a request could write: every domain table (CLOB tables by count), every process
   * instance ever started, and the engine's tasks, variables, identity links, users and groups.
   */
  private Snapshot snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    for (String table :
        List.of(
            "defect",
            "defect_history",
            "ccmt_release",
            "release_defect",
            "environment",
            "release_build",
            "build",
            "release_environment",
            "environment_rollback",
            "participant",
            "participant_contact",
            "participant_history",
            "information_campaign",
            "information_request",
            "partnering_round",
            "partner_pair",
            "partner_confirmation",
            "self_arranged_partnership",
            "document_review",
            "review_document",
            "review_request",
            "review_comment")) {
      state.put(
          table,
          jdbc.sql("select * from " + table).query().listOfRows().stream()
              .map(Object::toString)
              .sorted()
              .toList());
    }
    List<String> counted =
        List.of(
            "deployment_attempt",
            "release_note",
            "outbound_email",
            "information_response",
            "partnering_finding",
            "ACT_RU_IDENTITYLINK",
            "ACT_ID_USER",
            "ACT_ID_GROUP",
            "ACT_ID_MEMBERSHIP",
            "ACT_RU_AUTHORIZATION",
            "ACT_GE_BYTEARRAY",
            "ACT_RU_JOB",
            "ACT_HI_PROCINST");
    // CLOB tables and the engine's tables by count, in one statement
    state.put(
        "counts " + counted,
        jdbc
            .sql(
                "select "
                    + String.join(
                        ", ",
                        counted.stream()
                            .map(table -> "(select count(*) from " + table + ")")
                            .toList()))
            .query()
            .singleRow()
            .values()
            .stream()
            .map(Object::toString)
            .toList());
    state.put(
        "tasks",
        jdbc
            .sql("select ID_, ASSIGNEE_, OWNER_, REV_ from ACT_RU_TASK")
            .query()
            .listOfRows()
            .stream()
            .map(Object::toString)
            .sorted()
            .toList());
    state.put(
        "variables",
        jdbc.sql("select ID_, REV_ from ACT_RU_VARIABLE").query().listOfRows().stream()
            .map(Object::toString)
            .sorted()
            .toList());
    return new Snapshot(state);
  }

  private record Snapshot(Map<String, Object> state) {

    String difference(Snapshot after) {
      List<String> changed = new ArrayList<>();
      state.forEach(
          (key, value) -> {
            if (!value.equals(after.state().get(key))) {
              changed.add(key);
            }
          });
      return changed.toString();
    }
  }

  // --- small things ---------------------------------------------------------------------------

  private static Map<String, Object> defect() {
    Map<String, Object> defect = new LinkedHashMap<>();
    defect.put("id", "D-BAD");
    defect.put("title", "Switch rejected");
    defect.put("severity", "S2");
    defect.put("stopsTesting", false);
    defect.put("component", "Switching");
    defect.put("raisedBy", "Test team");
    return defect;
  }

  private static Map<String, Object> participant() {
    Map<String, Object> participant = new LinkedHashMap<>();
    participant.put("code", "BAD1");
    participant.put("name", "Bad Input Energy");
    participant.put("category", "CHALLENGER");
    participant.put("region", "North West");
    participant.put("contactEmails", List.of("ops@bad.example"));
    participant.put("takesPart", true);
    return participant;
  }

  private static String participantCsv(int rows) {
    StringBuilder csv = new StringBuilder("code,name,category,region,contactEmails,takesPart\n");
    for (int i = 1; i <= rows; i++) {
      csv.append("P")
          .append(i)
          .append(",Participant ")
          .append(i)
          .append(",CHALLENGER,North West,ops@p")
          .append(i)
          .append(".example;tech@p")
          .append(i)
          .append(".example,true\n");
    }
    return csv.toString();
  }

  private static String describe(String hostile) {
    return hostile
        .chars()
        .filter(c -> c < 0x20 || c == 0x7f)
        .mapToObj(c -> String.format("U+%04X", c))
        .findFirst()
        .orElse("?");
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static String weekWhoseThursdayIsStillAhead() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    LocalDate thursday = today.with(DayOfWeek.THURSDAY);
    if (thursday.isBefore(today)) {
      thursday = thursday.plusWeeks(1);
    }
    return String.format(
        "%d-W%02d",
        thursday.get(IsoFields.WEEK_BASED_YEAR), thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
