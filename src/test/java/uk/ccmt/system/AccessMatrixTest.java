package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.support.TestData;

/**
 * Who gets what (PRODUCT.md §7, issue 11 "Access matrix"): for each group — a user of organisation
 * A, one of organisation B, the development and test teams, a release manager, the administrator
 * and nobody — and each resource of /engine-rest, Tasklist's engine API, the webapps' plugin APIs
 * and /api, the answer expected, over real HTTP. Every write that is refused is also tried in every
 * spelling of its path (trailing and double slashes, case, percent-encoding, matrix parameters, the
 * named-engine path), and none may reach the engine: the tasks are checked unchanged at the end.
 * Never a 5xx. Prints the number of cases checked.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "camunda.bpm.admin-user.id=" + AccessMatrixTest.ADMIN,
      "camunda.bpm.admin-user.password=" + TestData.PASSWORD
    })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

  static final String ADMIN = "matrix-admin";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The columns of every expectation, in this order. */
  private static final List<String> WHO =
      List.of("nia", "bo", "devon", "tessa", "rachel", ADMIN, "anonymous");

  private static final String ENGINE = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired TaskService tasks;

  @Autowired IdentityService identity;

  private final Map<String, HttpClient> sessions = new ConcurrentHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<Case> table = new ArrayList<>();
  private int cases;
  private String niasTask;

  /** Worked through Tasklist's calls by the one test that completes something. */
  private String niasContactTask;

  private String bosTask;
  private String niasInstance;
  private String campaign;
  private String review;

  /** A query NLE raised (issue 16): BRG may not read it. */
  private String niasQuery;

  @BeforeAll
  void twoOrganisationsEachWithAnOpenRequest() throws Exception {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("tessa", Groups.TEST_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.organisationUser("nia", "NLE");
    given.organisationUser("bo", "BRG");
    given.raisedDefect("D-M1");
    String dueDate = LocalDate.now(ZoneId.of("Europe/London")).plusDays(10).toString();
    Answer started =
        call(
            "rachel",
            "POST",
            "/api/information-requests",
            Map.of("types", List.of("SFTP_INFORMATION", "CONTACT_DETAILS"), "dueDate", dueDate));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    campaign = JSON.readTree(started.body()).path("id").asText();
    niasTask = requestOf("participant-NLE", "SFTP");
    niasContactTask = requestOf("participant-NLE", "contact");
    bosTask = requestOf("participant-BRG", "SFTP");
    niasInstance = tasks.createTaskQuery().taskId(niasTask).singleResult().getProcessInstanceId();
    // A document review asked of a third organisation only: the two organisations' users find it
    // nowhere, and their task lists stay as they are.
    given.participant("CWE", "CHALLENGER", "trials@cwe.example");
    Answer reviewStarted =
        call(
            "rachel",
            "POST",
            "/api/reviews",
            Map.of(
                "title",
                "Matrix plan",
                "version",
                "1",
                "documentUrl",
                "https://ccmt.example/matrix.pdf",
                "dueDate",
                dueDate,
                "participants",
                List.of("CWE")));
    assertThat(reviewStarted.status()).as(reviewStarted.body()).isEqualTo(201);
    review = JSON.readTree(reviewStarted.body()).path("id").asText();
    Answer query =
        call("nia", "POST", "/api/queries", Map.of("subject", "Matrix", "text", "A question"));
    assertThat(query.status()).as(query.body()).isEqualTo(201);
    niasQuery = JSON.readTree(query.body()).path("id").asText();
    for (String user : WHO) {
      if (!user.equals("anonymous")) {
        sessions.put(user, logIntoTasklist(user));
      }
    }
  }

  @Test
  void shouldGiveEachGroupExactlyItsAccessInEverySpellingAndNeverA5xx() throws Exception {
    // Expectations, one letter per user in the order of WHO (nia, bo, devon, tessa, rachel, admin,
    // anonymous):
    // 2 = 2xx, 1 = 401, 3 = 403, 4 = 404, 0 = 400, x = 403 or 404 (the engine hides what one may
    // not read),
    // r = any refusal, a = anything but a 5xx, - = not tried (a write that would succeed and change
    // the data).
    // --- /engine-rest, HTTP Basic -------------------------------------------------------------
    String task = "/engine-rest/task/" + niasTask;
    rest("GET", "/engine-rest/task", "2222221");
    rest("GET", "/engine-rest/task/count", "2222221");
    rest("GET", task, "2xxx221");
    rest("GET", "/engine-rest/task/" + bosTask, "x2xx221");
    rest("GET", task + "/variables", "2xxx221");
    rest("GET", task + "/form-variables", "2xxx221");
    rest("GET", task + "/form", "2xxx221");
    rest("GET", task + "/deployed-form", "2xxx221");
    rest("GET", task + "/identity-links", "2xxx221");
    rest("GET", "/engine-rest/task/report/candidate-group-count", "3333221");
    rest("GET", "/engine-rest/process-instance", "3333221");
    rest("GET", "/engine-rest/process-instance/" + niasInstance, "3333221");
    rest("GET", "/engine-rest/process-instance/" + niasInstance + "/variables", "3333221");
    rest("GET", "/engine-rest/execution", "3333221");
    rest("GET", "/engine-rest/variable-instance", "3333221");
    rest("GET", "/engine-rest/history/process-instance", "3333221");
    rest("GET", "/engine-rest/history/task", "3333221");
    rest("GET", "/engine-rest/history/variable-instance", "3333221");
    rest("GET", "/engine-rest/history/activity-instance", "3333221");
    rest("GET", "/engine-rest/history/user-operation", "2222221");
    rest("GET", "/engine-rest/deployment", "3333221");
    rest("GET", "/engine-rest/process-definition", "2222221");
    rest("GET", "/engine-rest/process-definition/key/informationRequest/xml", "2222221");
    rest("GET", "/engine-rest/process-definition/key/emergencyDeploymentAgreement/xml", "2222221");
    rest("GET", "/engine-rest/process-definition/statistics", "3333221");
    rest("GET", "/engine-rest/process-definition/key/informationRequest/statistics", "3333221");
    rest("GET", "/engine-rest/job", "3333221");
    rest("GET", "/engine-rest/job-definition", "3333221");
    rest("GET", "/engine-rest/incident", "3333221");
    rest("GET", "/engine-rest/external-task", "3333221");
    rest("GET", "/engine-rest/batch", "3333221");
    rest("GET", "/engine-rest/filter", "2222221");
    rest("GET", "/engine-rest/user", "2222221");
    rest("GET", "/engine-rest/user/nia/profile", "2xxxx21");
    rest("GET", "/engine-rest/group", "2222221");
    rest("GET", "/engine-rest/identity/groups?userId=nia", "2222221");
    rest("GET", "/engine-rest/authorization", "3333221");
    rest(
        "GET",
        "/engine-rest/authorization/check?permissionName=READ&resourceName=task&resourceType=7",
        "2222221");
    rest("GET", "/engine-rest/tenant", "3333221");
    rest("GET", "/engine-rest/metrics", "3333221");
    rest("GET", "/engine-rest/metrics/activity-instance-start/sum", "3333221");
    rest("GET", "/engine-rest/engine", "2222221");
    rest("GET", "/engine-rest/engine/default/process-definition/statistics", "3333221");
    rest("GET", "/engine-rest/engine/default/metrics", "3333221");
    // --- another organisation's request, of each kind: organisations are tenants, and the
    // engine refuses another tenant's task with a plain exception, a 500 unless it is mapped -----
    Map<String, Object> modification =
        Map.of("modifications", Map.of("note", Map.of("value", "x", "type", "String")));
    Map<String, Object> local = Map.of("value", "x", "type", "String");
    rest("GET", task + "/localVariables", "2xxx221");
    rest("GET", task + "/rendered-form", "axaaaa1");
    rest("GET", task + "/comment", "axaaaa1");
    rest("GET", task + "/attachment", "axaaaa1");
    rest("POST", task + "/variables", modification, "-xxxx-1");
    rest("PUT", task + "/localVariables/note", local, "-xxxx-1");
    rest("DELETE", task + "/variables/note", "-xxxx-1");
    rest("POST", task + "/comment/create", Map.of("message", "hello"), "-xrr--1");
    rest("POST", task + "/unclaim", Map.of(), "-xxxx-1");
    rest("GET", "/engine-rest/execution/" + niasInstance, "3333aa1");
    rest("GET", "/engine-rest/process-instance/" + niasInstance + "/activity-instances", "3333aa1");
    rest("GET", "/engine-rest/history/process-instance/" + niasInstance, "3333aa1");
    rest("GET", "/engine-rest/history/task?processInstanceId=" + niasInstance, "3333aa1");
    rest("GET", "/engine-rest/engine/default/task/" + niasTask + "/form-variables", "2xxx221");
    webRow("GET", ENGINE + "/task/" + niasTask + "/variables", null, "2xxx221");
    webRow("GET", ENGINE + "/task/" + niasTask + "/identity-links", null, "2xxx221");
    webRow("GET", ENGINE + "/task/" + niasTask + "/rendered-form", null, "axaaaa1");
    webRow("GET", ENGINE + "/task/" + niasTask + "/comment", null, "axaaaa1");
    webRow("POST", ENGINE + "/task/" + niasTask + "/variables", modification, "-xxxx-1");
    webRow(
        "POST",
        ENGINE + "/task/" + niasTask + "/comment/create",
        Map.of("message", "hello"),
        "-xrr--1");

    // --- /api and /mail ------------------------------------------------------------------------
    // The register: staff read it all, a participant its own organisation's defects (D-M1 was
    // raised by the staff, so it is not found for either organisation); the development team and
    // release managers edit and import (a severity S9 and a JSON import are refused as input).
    rest("GET", "/api/defects", "2222221");
    rest("GET", "/api/defects/D-M1", "4422221");
    rest("GET", "/api/defects/D-M1/", "4444441");
    rest("GET", "/api/DEFECTS", "rrrrrrr");
    rest("GET", "/api/defects.csv", "2222221");
    rest("PATCH", "/api/defects/D-M1", Map.of("severity", "S9"), "3303001");
    rest("POST", "/api/defects/import", Map.of(), "33a3aa1");
    rest("GET", "/api/releases", "3322221");
    rest("GET", "/api/releases/E-D-M1/agreement", "3344441");
    // Issue 16: who has acknowledged a release's notes is for the staff (404: the release has no
    // notes); a note's one-time link needs no login, and a forged one is a 404
    // for everyone, its button a 403 without the page's CSRF token
    rest("GET", "/api/releases/E-D-M1/acknowledgements", "3344441");
    rest("GET", "/acknowledge/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "4444444");
    rest("GET", "/acknowledge/not-a-token", "4444444");
    rest("POST", "/acknowledge/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Map.of(), "3333333");
    rest("GET", "/api/environments", "3322221");
    rest("GET", "/api/participants", "3333221");
    rest("GET", "/api/participants/NLE/users", "3333321");
    // The registry (issue 16): release managers read and patch it (a bad category is refused as
    // input) and see its bounced addresses; an organisation reads its own figures only (another's
    // is not found), the development and test teams none; the staff page is the release managers'
    rest("GET", "/api/participants/NLE", "3333221");
    spellings("PATCH", "/api", "participants/NLE", Map.of("category", "BIG6"), "3333001");
    rest("GET", "/api/participants/bounces", "3333221");
    rest("GET", "/api/participants/NLE/kpis", "2433221");
    rest("GET", "/api/participants/BRG/kpis", "4233221");
    rest("GET", "/staff/participants", "3333221");
    rest("GET", "/api/information-requests/" + campaign, "2233221");
    rest("GET", "/mail", "3333221");
    // Issue 17: one email's page is the release managers' too (404: there is no such email); the
    // staff pages' sign-in form is open to anyone, and a script without credentials gets a 401
    rest("GET", "/mail/999999999", "3333441");
    rest("GET", "/staff/login", "2222222");
    // The public feeds: anyone, logged in or not, as a calendar client or feed reader subscribes
    rest("GET", "/releases/calendar.ics", "2222222");
    rest("GET", "/releases/notes.atom", "2222222");
    // The decision record and the staff page of a release: staff only (404: there is no such
    // release)
    rest("GET", "/api/releases/R-2099-W01/decisions", "3344441");
    rest("GET", "/staff/releases/R-2099-W01", "3344441");
    rest("POST", "/api/releases/weekly", Map.of("week", "2099-W10"), "3333--1");
    rest("POST", "/api/information-requests", Map.of(), "3333001");
    // Document reviews (issue 16): release managers start them and give the responses; the staff
    // read every review, an organisation only those it was asked (this one asked neither: 404)
    rest("GET", "/api/reviews", "2222221");
    rest("GET", "/api/reviews/" + review, "4422221");
    rest("GET", "/api/reviews/" + review + "/comments", "4422221");
    rest("GET", "/api/reviews/" + review + "/document", "4444441");
    rest("GET", "/api/reviews/DR-999999", "4444441");
    spellings("POST", "/api", "reviews", Map.of(), "3333001");
    spellings("PUT", "/api", "reviews/" + review + "/responses", Map.of(), "3333001");
    rest("POST", "/api/defects/D-M1/fix", Map.of(), "3303001");
    // Configuration changes (issue 15): the development team and release managers create them,
    // the programme's staff read them; participants do neither
    rest("GET", "/api/changes", "3322221");
    rest("GET", "/api/changes/C-M404", "3344441");
    spellings("POST", "/api", "changes", Map.of(), "3303001");
    rest("POST", "/api/changes/C-M404/build", Map.of("buildVersion", "1.0"), "3343441");
    // Freezes: anyone logged in reads them; only release managers declare, lift and move slots
    rest("GET", "/api/freezes", "2222221");
    rest("GET", "/api/freezes?all=true", "2222221");
    spellings("POST", "/api", "freezes", Map.of(), "3333001");
    spellings("DELETE", "/api", "freezes/999999", Map.of("reason", "matrix"), "3333441");
    // Participant queries (issue 16): an organisation's user raises one (a bad one is a 400); the
    // staff read every query, an organisation its own (another's is a 404). participantQuery is
    // the one process a participant starts; the staff start none (admin is refused the query: no
    // organisation)
    rest("GET", "/api/queries", "2222221");
    rest("GET", "/api/queries/" + niasQuery, "2422221");
    rest("GET", "/api/queries/Q-999999", "4444441");
    spellings("POST", "/api", "queries", Map.of("text", "no subject"), "0033331");
    rest(
        "POST",
        "/engine-rest/process-definition/key/participantQuery/submit-form",
        Map.of("variables", Map.of()),
        "0033301");
    spellings(
        "PUT",
        "/api",
        "releases/R-2099-W10/schedule",
        Map.of("slot", "2099-03-05T10:00", "reason", "matrix"),
        "3333441");

    // --- refused writes, in every spelling, on both engine APIs ----------------------------------
    Map<String, Object> error = Map.of("errorCode", "gone");
    Map<String, Object> escalation = Map.of("escalationCode", "up");
    Map<String, Object> candidate = Map.of("groupId", "participant-BRG", "type", "candidate");
    for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default")) {
      spellings("POST", prefix, "task/" + niasTask + "/bpmnError", error, "3333331");
      spellings("POST", prefix, "task/" + niasTask + "/bpmnEscalation", escalation, "3333331");
      spellings("POST", prefix, "external-task/" + niasTask + "/bpmnError", error, "3333331");
      spellings("POST", prefix, "task/" + niasTask + "/identity-links", candidate, "33xxx-1");
      spellings(
          "POST", prefix, "task/" + niasTask + "/identity-links/delete", candidate, "33xxx-1");
      spellings(
          "POST", prefix, "task/" + niasTask + "/assignee", Map.of("userId", "bo"), "33xxx-1");
      spellings(
          "POST", prefix, "task/" + niasTask + "/delegate", Map.of("userId", "bo"), "33xxx-1");
      spellings("POST", prefix, "task/" + niasTask + "/claim", Map.of("userId", "bo"), "33xxx-1");
      spellings(
          "PUT",
          prefix,
          "task/" + niasTask,
          Map.of("name", "renamed", "assignee", "bo"),
          "33xxx-1");
      spellings(
          "POST",
          prefix,
          "task/" + bosTask + "/complete",
          Map.of("variables", Map.of()),
          "x-xxx-1");
      spellings(
          "POST",
          prefix,
          "task/" + bosTask + "/submit-form",
          Map.of("variables", Map.of()),
          "x-xxx-1");
      spellings("GET", prefix, "process-definition/statistics", null, "3333221");
      spellings("GET", prefix, "metrics", null, "3333221");
      spellings("GET", prefix, "process-instance", null, "3333221");
    }

    // --- the webapps, logged in through Camunda's own login, session and XSRF token -------------
    webRow("GET", ENGINE + "/task", null, "2222221");
    webRow("GET", ENGINE + "/filter", null, "2222221");
    webRow("GET", ENGINE + "/task/" + niasTask + "/form-variables", null, "2xxx221");
    webRow("GET", ENGINE + "/process-definition", null, "2222221");
    webRow("GET", ENGINE + "/process-definition/statistics", null, "3333221");
    webRow("GET", ENGINE + "/process-instance", null, "3333221");
    webRow("GET", ENGINE + "/history/process-instance", null, "3333221");
    webRow("GET", ENGINE + "/metrics", null, "3333221");
    webRow("GET", ENGINE + "/authorization", null, "3333221");
    webRow("GET", ENGINE + "/user/nia/profile", null, "2xxxx21");
    webRow("GET", ENGINE + "/identity/groups?userId=nia", null, "2222221");
    webRow("GET", "/camunda/api/engine/engine/", null, "2222222");
    webRow(
        "GET",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        null,
        "3333221");
    webRow(
        "GET",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count",
        null,
        "3333221");
    webRow(
        "GET",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics/",
        null,
        "3333221");
    webRow("GET", "/camunda/api/cockpit/plugin/base/default/incident", null, "3333221");
    webRow("GET", "/camunda/api/admin/auth/user/default", null, "2222224");
    webRow("GET", "/camunda/api/admin/plugin/base/default/users", null, "33333a1");
    webRow("GET", "/camunda/api/admin/plugin/license/default/check-key", null, "aaaaaaa");
    webRow("GET", "/camunda/api/tasklist/plugin/base/default/anything", null, "aaaaaa1");
    for (String prefix : List.of(ENGINE)) {
      webSpellings("POST", prefix, "task/" + niasTask + "/bpmnError", error, "3333331");
      webSpellings("POST", prefix, "task/" + niasTask + "/bpmnEscalation", escalation, "3333331");
      webSpellings("POST", prefix, "task/" + niasTask + "/identity-links", candidate, "33xxx-1");
      webSpellings(
          "POST", prefix, "task/" + niasTask + "/claim", Map.of("userId", "bo"), "33xxx-1");
      webSpellings(
          "POST", prefix, "task/" + niasTask + "/assignee", Map.of("userId", "bo"), "33xxx-1");
      webSpellings(
          "POST",
          prefix,
          "task/" + bosTask + "/complete",
          Map.of("variables", Map.of()),
          "x-xxx-1");
      webSpellings("GET", prefix, "process-definition/statistics", null, "3333221");
    }

    // When: every case is tried, several at a time (none of them changes anything)
    ForkJoinPool pool = new ForkJoinPool(6);
    try {
      pool.submit(() -> table.parallelStream().forEach(this::run)).get();
    } finally {
      pool.shutdown();
    }

    // Then: nothing reached the engine: both requests still open, as they were, for their own
    // organisation
    assertThat(tasks.createTaskQuery().taskId(niasTask).singleResult())
        .as("nia's request still open")
        .isNotNull();
    assertThat(tasks.createTaskQuery().taskId(bosTask).singleResult())
        .as("bo's request still open")
        .isNotNull();
    assertThat(tasks.createTaskQuery().taskId(niasTask).singleResult().getAssignee()).isNull();
    assertThat(tasks.createTaskQuery().taskId(niasTask).singleResult().getName())
        .doesNotContain("renamed");
    assertThat(tasks.getIdentityLinksForTask(niasTask))
        .extracting(IdentityLink::getGroupId)
        .containsOnly("participant-NLE");
    assertThat(tasks.getIdentityLinksForTask(bosTask))
        .extracting(IdentityLink::getGroupId)
        .containsOnly("participant-BRG");
    // and each organisation still works its own request: its own claim and the Tasklist view pass
    // the gate
    int claimed = call("nia", "POST", task + "/claim", Map.of("userId", "nia")).status();
    assertThat(claimed).as("nia claims her own task").isEqualTo(204);
    assertThat(call("nia", "POST", task + "/unclaim", Map.of()).status()).isEqualTo(204);
    cases += 2;

    System.out.println(
        "Access matrix: " + cases + " cases checked, " + failures.size() + " failed");
    assertThat(failures).as("cases that answered other than expected").isEmpty();
  }

  /**
   * The gate lets through what Tasklist calls when an organisation's user works a request, in that
   * order.
   */
  @Test
  void shouldLetAnOrganisationWorkItsRequestInTasklist() throws Exception {
    String task = ENGINE + "/task/" + niasContactTask;
    assertThat(web("nia", "GET", "/camunda/api/admin/auth/user/default", null).status())
        .isEqualTo(200);
    assertThat(web("nia", "GET", "/camunda/api/engine/engine/", null).status()).isEqualTo(200);
    JsonNode filters =
        JSON.readTree(
            web("nia", "GET", ENGINE + "/filter?resourceType=Task&itemCount=true", null).body());
    assertThat(filters).hasSize(1);
    Answer list =
        web(
            "nia",
            "POST",
            ENGINE
                + "/filter/"
                + filters.get(0).path("id").asText()
                + "/list?firstResult=0&maxResults=15",
            Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc"))));
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(JSON.readTree(list.body())).hasSize(2);
    JsonNode opened = JSON.readTree(web("nia", "GET", task, null).body());
    String definition = opened.path("processDefinitionId").asText();
    for (String path :
        List.of(
            task + "/form",
            task + "/deployed-form",
            task + "/form-variables",
            task + "/identity-links",
            ENGINE + "/process-definition/" + definition,
            ENGINE + "/process-definition/" + definition + "/xml",
            ENGINE
                + "/history/user-operation?taskId="
                + niasContactTask
                + "&firstResult=0&maxResults=50",
            ENGINE + "/history/user-operation/count?taskId=" + niasContactTask,
            ENGINE + "/user/nia/profile",
            ENGINE + "/identity/groups?userId=nia",
            ENGINE
                + "/process-definition?latest=true&active=true&startableInTasklist=true"
                + "&startablePermissionCheck=true&firstResult=0&maxResults=15")) {
      Answer answer = web("nia", "GET", path, null);
      assertThat(answer.status()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    }
    // the password policy passes the gate; the engine answers 404 while no policy is enabled
    assertThat(web("nia", "GET", ENGINE + "/identity/password-policy", null).status())
        .isIn(200, 404);
    // comments pass the gate; the engine looks the task up in history, which participants may not
    // read
    assertThat(web("nia", "GET", task + "/comment", null).status()).isEqualTo(404);
    assertThat(web("nia", "POST", task + "/claim", Map.of("userId", "nia")).status())
        .isEqualTo(204);
    Answer submitted =
        web(
            "nia",
            "POST",
            task + "/submit-form",
            Map.of(
                "variables",
                Map.of(
                    "contactName", Map.of("value", "Nia Example", "type", "String"),
                    "contactEmail", Map.of("value", "nia@nle.example", "type", "String"),
                    "contactPhone", Map.of("value", "+44 20 7946 0958", "type", "String"))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(niasContactTask).singleResult()).isNull();
  }

  private String requestOf(String group, String nameContains) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> tasks.createTaskQuery().taskCandidateGroup(group).list(),
            found -> found.size() == 2)
        .stream()
        .filter(found -> found.getName().contains(nameContains))
        .findFirst()
        .orElseThrow()
        .getId();
  }

  /** A fix-by-fix name for each finding of issue 11, so a failure says which hole reopened. */
  @Test
  void findingTrailingSlashBpmnErrorIsRefusedOnBothEngineApis() throws Exception {
    String path = "task/" + niasTask + "/bpmnError";
    StringBuilder answers = new StringBuilder();
    for (String variant : variants(path)) {
      int rest = call("nia", "POST", "/engine-rest/" + variant, Map.of("errorCode", "x")).status();
      int tasklist = web("nia", "POST", ENGINE + "/" + variant, Map.of("errorCode", "x")).status();
      answers
          .append("\n  ")
          .append(variant.replace(niasTask, "{id}"))
          .append(" -> ")
          .append(rest)
          .append(" / ")
          .append(tasklist);
      assertThat(rest).as(variant).isIn(400, 403, 404);
      assertThat(tasklist).as(variant).isIn(400, 403, 404);
    }
    System.out.println("bpmnError spellings (/engine-rest / Tasklist's engine API):" + answers);
    for (String spelling : List.of("/bpmnError/", "/bpmnEscalation/")) {
      assertThat(
              call(
                      "nia",
                      "POST",
                      "/engine-rest/task/" + niasTask + spelling,
                      Map.of("errorCode", "x", "escalationCode", "x"))
                  .status())
          .as(spelling)
          .isEqualTo(403);
      assertThat(
              web(
                      "nia",
                      "POST",
                      ENGINE + "/task/" + niasTask + spelling,
                      Map.of("errorCode", "x", "escalationCode", "x"))
                  .status())
          .as(spelling)
          .isEqualTo(403);
    }
    assertThat(tasks.createTaskQuery().taskId(niasTask).singleResult()).isNotNull();
  }

  @Test
  void findingStatisticsAreRefusedToUsersWithoutCockpit() throws Exception {
    for (String user : List.of("nia", "devon", "tessa")) {
      assertThat(call(user, "GET", "/engine-rest/process-definition/statistics", null).status())
          .isEqualTo(403);
      assertThat(web(user, "GET", ENGINE + "/process-definition/statistics", null).status())
          .isEqualTo(403);
      assertThat(
              web(
                      user,
                      "GET",
                      "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                      null)
                  .status())
          .isEqualTo(403);
    }
    assertThat(
            web(
                    "rachel",
                    "GET",
                    "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void findingAParticipantCannotAddAnotherOrganisationAsCandidate() throws Exception {
    Map<String, Object> candidate = Map.of("groupId", "participant-BRG", "type", "candidate");
    assertThat(
            call("nia", "POST", "/engine-rest/task/" + niasTask + "/identity-links", candidate)
                .status())
        .isEqualTo(403);
    assertThat(
            web("nia", "POST", ENGINE + "/task/" + niasTask + "/identity-links", candidate)
                .status())
        .isEqualTo(403);
    assertThat(
            call("nia", "POST", "/engine-rest/task/" + niasTask + "/claim", Map.of("userId", "bo"))
                .status())
        .as("nor hand it over by claiming it for another organisation's user")
        .isEqualTo(403);
    assertThat(tasks.getIdentityLinksForTask(niasTask))
        .extracting(IdentityLink::getGroupId)
        .containsOnly("participant-NLE");
    assertThat(call("bo", "GET", "/engine-rest/task/" + niasTask, null).status()).isIn(403, 404);
  }

  @Test
  void findingParticipantsReadNeitherMetricsNorTheProgrammesDefects() throws Exception {
    assertThat(call("nia", "GET", "/engine-rest/metrics", null).status()).isEqualTo(403);
    assertThat(
            call("nia", "GET", "/engine-rest/metrics/activity-instance-start/sum", null).status())
        .isEqualTo(403);
    assertThat(call("nia", "GET", "/api/defects", null).body()).doesNotContain("D-M1");
    assertThat(call("nia", "GET", "/api/defects.csv", null).body()).doesNotContain("D-M1");
    assertThat(call("nia", "GET", "/api/defects/D-M1", null).status()).isEqualTo(404);
    assertThat(call("devon", "GET", "/api/defects", null).body()).contains("D-M1");
    assertThat(call("tessa", "GET", "/api/defects", null).body()).contains("D-M1");
    assertThat(call("rachel", "GET", "/api/defects", null).body()).contains("D-M1");
  }

  @Test
  void participantsStartOnlyTheirQueriesAndReadOnlyTheirOwn() throws Exception {
    for (String user : List.of("nia", "bo")) {
      JsonNode startable =
          JSON.readTree(
              call(
                      user,
                      "GET",
                      "/engine-rest/process-definition?latestVersion=true&startableInTasklist=true"
                          + "&startablePermissionCheck=true",
                      null)
                  .body());
      assertThat(startable)
          .extracting(d -> d.path("key").asText())
          .containsExactly("participantQuery");
    }
    assertThat(call("bo", "GET", "/api/queries", null).body()).doesNotContain(niasQuery);
    assertThat(call("nia", "GET", "/api/queries", null).body()).contains(niasQuery);
    assertThat(
            call("bo", "GET", "/engine-rest/task?processInstanceBusinessKey=" + niasQuery, null)
                .body())
        .isEqualTo("[]");
  }

  // --- the table's rows ------------------------------------------------------------------------

  private void rest(String method, String path, String expected) throws Exception {
    rest(method, path, null, expected);
  }

  private void rest(String method, String path, Object body, String expected) throws Exception {
    for (int i = 0; i < WHO.size(); i++) {
      if (expected.charAt(i) != '-') {
        table.add(new Case(WHO.get(i), false, method, path, body, expected.charAt(i)));
      }
    }
  }

  private void webRow(String method, String path, Object body, String expected) throws Exception {
    for (int i = 0; i < WHO.size(); i++) {
      if (expected.charAt(i) != '-') {
        table.add(new Case(WHO.get(i), true, method, path, body, expected.charAt(i)));
      }
    }
  }

  /**
   * The path as written, and in every other spelling. The firewall refuses some spellings outright
   * (400), the gate the rest; the plain spelling answers as expected, and no other spelling may do
   * better than it.
   */
  private void spellings(String method, String prefix, String path, Object body, String expected)
      throws Exception {
    rest(method, prefix + "/" + path, body, expected);
    for (String variant : variants(path)) {
      rest(method, prefix + "/" + variant, body, denialsOnly(expected));
    }
  }

  private void webSpellings(String method, String prefix, String path, Object body, String expected)
      throws Exception {
    webRow(method, prefix + "/" + path, body, expected);
    for (String variant : variants(path)) {
      webRow(method, prefix + "/" + variant, body, denialsOnly(expected));
    }
  }

  private static List<String> variants(String path) {
    int last = path.lastIndexOf('/');
    String head = last < 0 ? "" : path.substring(0, last + 1);
    String tail = path.substring(last + 1);
    String encoded =
        "%" + Integer.toHexString(tail.charAt(0)).toUpperCase(Locale.ROOT) + tail.substring(1);
    return Stream.of(
            path + "/",
            path + "//",
            head + tail.toUpperCase(Locale.ROOT),
            head + encoded,
            path + ";x=y",
            head.replace("/", "//") + tail,
            path + "%2F",
            head + tail.toLowerCase(Locale.ROOT),
            path + "/.")
        .filter(variant -> !variant.equals(path))
        .distinct()
        .toList();
  }

  /** What a variant may answer where the plain path is refused: any refusal, never a success. */
  private static String denialsOnly(String expected) {
    return expected
        .chars()
        .mapToObj(c -> String.valueOf(c == '2' ? 'a' : c == '-' ? '-' : 'r'))
        .collect(Collectors.joining());
  }

  private void run(Case row) {
    try {
      Answer answer =
          row.webapp()
              ? web(row.who(), row.method(), row.path(), row.body())
              : call(row.who(), row.method(), row.path(), row.body());
      check(
          row.who() + (row.webapp() ? " (webapp)" : ""),
          row.method(),
          row.path(),
          row.expected(),
          answer);
    } catch (Exception e) {
      check(row.who(), row.method(), row.path(), row.expected(), new Answer(599, e.toString()));
    }
  }

  private synchronized void check(
      String who, String method, String path, char expected, Answer answer) {
    cases++;
    int status = answer.status();
    boolean ok =
        switch (expected) {
          case '2' -> status >= 200 && status < 300;
          case '1' -> status == 401;
          case '3' -> status == 403;
          case '4' -> status == 404;
          case '0' -> status == 400;
          case 'x' -> status == 403 || status == 404;
          case 'r' -> Set.of(400, 401, 403, 404, 405).contains(status);
          case 'a' -> status < 500;
          default -> throw new IllegalArgumentException("expectation " + expected);
        };
    if (!ok || status >= 500) {
      failures.add(
          who
              + " "
              + method
              + " "
              + path
              + ": expected "
              + expected
              + ", got "
              + status
              + " "
              + answer.body().substring(0, Math.min(200, answer.body().length())));
    }
  }

  // --- HTTP ------------------------------------------------------------------------------------

  record Answer(int status, String body) {}

  /**
   * One row of the table for one user: through HTTP Basic, or through the user's webapp session.
   */
  record Case(String who, boolean webapp, String method, String path, Object body, char expected) {}

  private final HttpClient basic = HttpClient.newHttpClient();

  private Answer call(String user, String method, String path, Object body) throws Exception {
    HttpRequest.Builder request = request(method, path, body);
    if (!user.equals("anonymous")) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (user + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        basic.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private Answer web(String user, String method, String path, Object body) throws Exception {
    HttpClient client = sessions.computeIfAbsent(user, anyone -> cookieClient());
    HttpRequest.Builder request = request(method, path, body);
    xsrf(client).ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private HttpRequest.Builder request(String method, String path, Object body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (body == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  /**
   * Camunda's login: a GET for the XSRF cookie, then the login form with the token, keeping the
   * session cookie.
   */
  private HttpClient logIntoTasklist(String user) throws Exception {
    HttpClient client = cookieClient();
    client.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
    HttpRequest.Builder login =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(TestData.PASSWORD, StandardCharsets.UTF_8)));
    xsrf(client).ifPresent(token -> login.header("X-XSRF-TOKEN", token));
    HttpResponse<String> answer = client.send(login.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode())
        .as("%s logs into Tasklist: %s", user, answer.body())
        .isEqualTo(200);
    // the login began a new session: a GET gives it its XSRF token
    client.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default"))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.discarding());
    return client;
  }

  private static HttpClient cookieClient() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .build();
  }

  private static java.util.Optional<String> xsrf(HttpClient client) {
    return client
        .cookieHandler()
        .map(handler -> (CookieManager) handler)
        .flatMap(
            cookies ->
                cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .reduce((first, last) -> last));
  }

  @SuppressWarnings("unused")
  private static JsonNode tree(String body) throws IOException {
    return JSON.readTree(body);
  }
}
