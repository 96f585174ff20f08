package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.ccmt.system.Groups.DEVELOPMENT_TEAM;
import static uk.ccmt.system.Groups.PARTICIPANTS;
import static uk.ccmt.system.Groups.RELEASE_MANAGERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uk.ccmt.defect.DefectStatus;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseType;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;

/**
 * The product API's answer to every kind of bad input (PRODUCT.md §4, §7 "Bad input"): a 4xx
 * application/problem+json naming the field and the reason, never a 5xx, and nothing written — no
 * domain row changed and no process instance started. The happy shapes are here too, so each
 * refusal is seen next to the request that succeeds.
 */
@CcmtTest
class ApiBadInputTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String PARTICIPANT = "paula";

  /**
   * Only ever sends a wrong password: Camunda locks a user out for a while after a failed login.
   */
  private static final String FORGETFUL_RELEASE_MANAGER = "rory";

  /** A Wednesday: week 2026-W49's Thursday (3 December) is still ahead, 2026-W40's is long past. */
  private static final String WEDNESDAY_OF_2026_W49 = "2026-12-02T12:00:00Z";

  private static final String TRUNCATED_JSON = "{\"id\": \"D-1\", \"title\": ";

  /** A body every endpoint would accept, so only the missing credentials can stop the request. */
  private static final String ANY_VALID_BODY =
      """
      {"id": "D-ANON", "title": "Raised without logging in", "severity": "S2", "buildVersion": "1.0",
       "week": "2099-W10", "type": "BASELINE", "environment": "DEV1"}""";

  @Autowired MockMvc mvc;

  @Autowired TestData given;

  @Autowired JdbcClient jdbc;

  @Autowired HistoryService history;

  @Autowired RuntimeService runtime;

  @Autowired ReleaseService releases;

  @Autowired ObjectMapper json;

  @BeforeEach
  void users() {
    given.user(RELEASE_MANAGER, RELEASE_MANAGERS);
    given.user(DEVELOPER, DEVELOPMENT_TEAM);
    given.user(PARTICIPANT, PARTICIPANTS);
    given.user(FORGETFUL_RELEASE_MANAGER, RELEASE_MANAGERS);
  }

  // --- raising a defect --------------------------------------------------------

  @Test
  void shouldCreateTheDefectAndReadItBackAsRaised() throws Exception {
    mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(defect("D-1"))))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", endsWith("/api/defects/D-1")))
        .andExpect(jsonPath("$.status").value("RAISED"));

    mvc.perform(get("/api/defects/D-1").with(as(DEVELOPER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("D-1"))
        .andExpect(jsonPath("$.title").value("Switch rejected when the meter read is estimated"))
        .andExpect(jsonPath("$.severity").value("S2"))
        .andExpect(jsonPath("$.stopsTesting").value(false))
        .andExpect(jsonPath("$.component").value("Switching"))
        .andExpect(jsonPath("$.raisedBy").value("British Gas test team"))
        .andExpect(jsonPath("$.status").value("RAISED"))
        .andExpect(jsonPath("$.buildVersion").doesNotExist())
        .andExpect(jsonPath("$.releaseId").doesNotExist());
  }

  @Test
  void shouldRefuseADefectOfAnUnknownSeverity() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(with(defect("D-1"), "severity", "S9")))),
        HttpStatus.BAD_REQUEST,
        "severity",
        "'S9' is not one of [S1, S2, S3, S4]");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseADefectWithoutAnId() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(without(defect("D-1"), "id")))),
        HttpStatus.BAD_REQUEST,
        "id",
        "must not be blank");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseADefectWithABlankTitle() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(with(defect("D-1"), "title", "   ")))),
        HttpStatus.BAD_REQUEST,
        "title",
        "must not be blank");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseABodyThatIsNotJson() throws Exception {
    Register before = register();

    mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(TRUNCATED_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertNothingWritten(before);
  }

  @Test
  void shouldSayTheBodyIsNotJson() throws Exception {
    refused(
        mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(TRUNCATED_JSON)),
        HttpStatus.BAD_REQUEST,
        "body",
        "not valid JSON");
  }

  @Test
  void shouldNameTheFieldWhoseValueHasTheWrongType() throws Exception {
    refused(
        mvc.perform(
            post("/api/information-requests")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"types\": {\"a\": 1}, \"dueDate\": \"2026-12-18\"}")),
        HttpStatus.BAD_REQUEST,
        "types",
        "has the wrong type of value");
  }

  @Test
  void shouldRefuseADuplicateIdAndKeepTheOriginalDefect() throws Exception {
    given.raisedDefect("D-1");
    Register before = register();

    mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    body(with(defect("D-1"), "title", "A different defect under the same id"))))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("defect 'D-1' is already raised")));

    assertNothingWritten(before);
    mvc.perform(get("/api/defects/D-1").with(as(RELEASE_MANAGER)))
        .andExpect(jsonPath("$.title").value("Defect D-1 found in market trials"))
        .andExpect(jsonPath("$.severity").value("S3"));
  }

  @Test
  void shouldNameTheIdAsTheFieldOfADuplicateDefect() throws Exception {
    given.raisedDefect("D-1");

    refused(
        mvc.perform(
            post("/api/defects")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(defect("D-1")))),
        HttpStatus.CONFLICT,
        "id",
        "defect 'D-1' is already raised");
  }

  // --- fixing a defect ---------------------------------------------------------

  @Test
  void shouldMakeTheDefectAFixedCandidateWithItsBuild() throws Exception {
    given.raisedDefect("D-1");

    mvc.perform(
            post("/api/defects/D-1/fix")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("buildVersion", "1.4.2"))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("FIXED"))
        .andExpect(jsonPath("$.buildVersion").value("1.4.2"));

    mvc.perform(get("/api/defects/D-1").with(as(RELEASE_MANAGER)))
        .andExpect(jsonPath("$.status").value("FIXED"))
        .andExpect(jsonPath("$.buildVersion").value("1.4.2"))
        .andExpect(jsonPath("$.releaseId").doesNotExist());
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownDefect() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/defects/D-404/fix")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("buildVersion", "1.4.2")))),
        HttpStatus.NOT_FOUND,
        null,
        "Defect 'D-404' does not exist");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseAFixWithoutABuildVersion() throws Exception {
    given.raisedDefect("D-1");
    Register before = register();

    refused(
        mvc.perform(
            post("/api/defects/D-1/fix")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("buildVersion", " ")))),
        HttpStatus.BAD_REQUEST,
        "buildVersion",
        "must not be blank");

    assertNothingWritten(before);
    assertThat(defectStatus("D-1")).isEqualTo(DefectStatus.RAISED.name());
  }

  // --- listing defects --------------------------------------------------------

  @Test
  void shouldListOnlyTheDefectsOfTheSeverityAskedFor() throws Exception {
    given.fixedDefect("D-1", "1.4.2");
    given.raisedDefect("D-2");

    mvc.perform(get("/api/defects").param("severity", "S2").with(as(DEVELOPER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].id", contains("D-1")));
    mvc.perform(get("/api/defects").param("severity", "S3").with(as(DEVELOPER)))
        .andExpect(jsonPath("$[*].id", contains("D-2")));
  }

  @Test
  void shouldRefuseToListDefectsOfAnUnknownStatus() throws Exception {
    refused(
        mvc.perform(get("/api/defects").param("status", "NOPE").with(as(RELEASE_MANAGER))),
        HttpStatus.BAD_REQUEST,
        "status",
        "'NOPE' is not one of [RAISED, FIXED, IN_RELEASE, RELEASED, CLOSED]");
  }

  // --- starting a weekly release ------------------------------------------------

  @Test
  void shouldRefuseAWeekThatIsNotAnIsoWeek() throws Exception {
    clockAt(WEDNESDAY_OF_2026_W49);
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases/weekly")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("week", "2026-49")))),
        HttpStatus.BAD_REQUEST,
        "week",
        "'2026-49' is not an ISO week such as 2026-W49");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseAPastWeek() throws Exception {
    clockAt(WEDNESDAY_OF_2026_W49);
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases/weekly")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("week", "2026-W40")))),
        HttpStatus.BAD_REQUEST,
        "week",
        "2026-W40 is past");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseASecondReleaseForTheSameWeek() throws Exception {
    clockAt(WEDNESDAY_OF_2026_W49);
    mvc.perform(
            post("/api/releases/weekly")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("week", "2026-W50"))))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", endsWith("/api/releases/R-2026-W50")))
        .andExpect(jsonPath("$.id").value("R-2026-W50"));
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases/weekly")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("week", "2026-W50")))),
        HttpStatus.CONFLICT,
        "week",
        "2026-W50 already has release R-2026-W50");

    assertNothingWritten(before);
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey("weeklyRelease")
                .processInstanceBusinessKey("R-2026-W50")
                .count())
        .isEqualTo(1);
  }

  // --- creating a release ------------------------------------------------------

  @Test
  void shouldStartABaselineAlongTheRouteToLive() throws Exception {
    mvc.perform(
            post("/api/releases")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("type", "BASELINE", "buildVersion", "1.0.0"))))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(startsWith("BL-")));

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("baselineRelease").count())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseARegularReleaseCreatedDirectly() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("type", "REGULAR", "buildVersion", "1.0.0")))),
        HttpStatus.BAD_REQUEST,
        "type",
        "'REGULAR' cannot be created here");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseABaselineWithoutABuildVersion() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("type", "BASELINE", "buildVersion", "")))),
        HttpStatus.BAD_REQUEST,
        "buildVersion",
        "must not be blank");

    assertNothingWritten(before);
  }

  // --- requesting a deployment -------------------------------------------------

  @Test
  void shouldStartTheDeploymentToTheFirstEnvironment() throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");

    mvc.perform(
            post("/api/releases/BL-1/deployments")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("environment", "DEV1"))))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.environment").value("DEV1"));

    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey("deployRelease")
                .processInstanceBusinessKey("BL-1")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseAnEnvironmentOffTheRouteBeforeLookingForTheRelease() throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    Register before = register();

    for (String releaseId : List.of("BL-1", "BL-404")) {
      refused(
          mvc.perform(
              post("/api/releases/{id}/deployments", releaseId)
                  .with(as(RELEASE_MANAGER))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body(Map.of("environment", "PROD")))),
          HttpStatus.BAD_REQUEST,
          "environment",
          "'PROD' is not on the route to live DEV1 → QAS1 → QAS2 → CCMT");
    }

    assertNothingWritten(before);
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownRelease() throws Exception {
    Register before = register();

    refused(
        mvc.perform(
            post("/api/releases/BL-404/deployments")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("environment", "DEV1")))),
        HttpStatus.NOT_FOUND,
        null,
        "Release 'BL-404' does not exist");

    assertNothingWritten(before);
  }

  @Test
  void shouldRefuseToSkipTheRouteToLiveNamingTheEnvironmentBefore() throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    Register before = register();

    mvc.perform(
            post("/api/releases/BL-1/deployments")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("environment", "CCMT"))))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.environment").value("CCMT"))
        .andExpect(jsonPath("$.requiredEnvironment").value("QAS2"))
        .andExpect(
            jsonPath("$.detail")
                .value("Release BL-1 build 1.0 must pass QAS2 before it can be deployed to CCMT"));

    assertNothingWritten(before);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("deployRelease").count())
        .isZero();
  }

  @Test
  void shouldRefuseAnOlderBuildThanTheEnvironmentRunsNamingBothBuildsAndReleases()
      throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    releases.register("BL-2", ReleaseType.BASELINE, "2.0");
    jdbc.sql(
            "update environment set current_release_id = 'BL-2', current_build_version = '2.0' where name = 'DEV1'")
        .update();
    Register before = register();

    mvc.perform(
            post("/api/releases/BL-1/deployments")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("environment", "DEV1"))))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.environment").value("DEV1"))
        .andExpect(jsonPath("$.runningReleaseId").value("BL-2"))
        .andExpect(jsonPath("$.runningBuildVersion").value("2.0"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "Release BL-1 build 1.0 is older than build 2.0 of release BL-2, which"
                        + " DEV1 runs: only a recorded rollback may take DEV1 back to an older build"));

    assertNothingWritten(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      no reason                | DEV1 | BL-1 |        | reason      | is required
      a blank reason           | DEV1 | BL-1 | '  '   | reason      | is required
      no release               | DEV1 |      | broken | releaseId   | is required
      an unknown release       | DEV1 | BL-9 | broken | releaseId   | there is no release 'BL-9'
      a build it never ran     | DEV1 | BL-1 | broken | releaseId   | release BL-1 build 1.0 never ran in DEV1
      an environment off route | PROD | BL-1 | broken | environment | 'PROD' is not on the route to live""")
  void shouldRefuseARollbackThatNamesNoReasonOrABuildTheEnvironmentNeverRan(
      String caseName,
      String environment,
      String releaseId,
      String reason,
      String field,
      String message)
      throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    Register before = register();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("releaseId", releaseId);
    request.put("reason", reason);

    refused(
        mvc.perform(
            post("/api/environments/" + environment + "/rollback")
                .with(as(RELEASE_MANAGER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(request))),
        HttpStatus.BAD_REQUEST,
        field,
        message);

    assertNothingWritten(before);
  }

  @Test
  void shouldLetOnlyReleaseManagersRecordARollback() throws Exception {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    Register before = register();

    mvc.perform(
            post("/api/environments/DEV1/rollback")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("releaseId", "BL-1", "reason", "I would rather"))))
        .andExpect(status().isForbidden());

    assertNothingWritten(before);
  }

  // --- security --------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET,  /api/defects",
    "POST, /api/defects",
    "GET,  /api/defects/D-1",
    "POST, /api/defects/D-1/fix",
    "GET,  /api/releases",
    "GET,  /api/releases/BL-1",
    "POST, /api/releases",
    "POST, /api/releases/weekly",
    "POST, /api/releases/BL-1/deployments",
    "GET,  /api/environments",
    "PATCH, /api/participants/NLE",
    "GET,  /api/participants/NLE/kpis",
    "GET,  /api/participants/bounces",
    "GET,  /engine-rest/engine",
    "GET,  /engine-rest/task",
    "GET,  /engine-rest/process-instance",
    "POST, /engine-rest/job/any-job/execute",
    "POST, /engine-rest/task/any-task/complete"
  })
  void shouldChallengeEveryRequestWithoutCredentials(String method, String path) throws Exception {
    given.raisedDefect("D-1");
    releases.register("BL-1", ReleaseType.BASELINE, "1.0");
    Register before = register();

    mvc.perform(
            request(HttpMethod.valueOf(method), path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(ANY_VALID_BODY))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=")))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertNothingWritten(before);
  }

  /**
   * The staff pages sign in with a form (issue 17): a script without credentials gets the 401
   * problem but no Basic challenge, so a browser never shows its prompt; a browser is sent to the
   * form.
   */
  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/staff/participants", "/staff/releases/BL-1", "/mail", "/mail/1"})
  void shouldAnswerAStaffPageWithoutCredentialsWithoutABasicChallenge(String path)
      throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isUnauthorized())
        .andExpect(header().doesNotExist("WWW-Authenticate"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get(path).accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", endsWith("/staff/login")))
        .andExpect(header().doesNotExist("WWW-Authenticate"));
  }

  @Test
  void shouldRefuseAWrongPassword() throws Exception {
    Register before = register();

    mvc.perform(
            post("/api/defects")
                .with(httpBasic(FORGETFUL_RELEASE_MANAGER, "not-the-password"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(defect("D-1"))))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists("WWW-Authenticate"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertNothingWritten(before);
  }

  @Test
  void shouldForbidTheDevelopmentTeamToStartAWeeklyRelease() throws Exception {
    Register before = register();

    mvc.perform(
            post("/api/releases/weekly")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("week", "2099-W10"))))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("POST /api/releases/weekly")));

    assertNothingWritten(before);
  }

  @Test
  void shouldShowParticipantsOnlyTheirOwnDefectsAndLetThemFixNone() throws Exception {
    given.raisedDefect("D-1");

    // issue 15: a participant reads only what its organisation raised; D-1 came from the programme
    mvc.perform(get("/api/defects").with(as(DEVELOPER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].id", contains("D-1")));
    mvc.perform(get("/api/defects").with(as(PARTICIPANT)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].id", not(hasItem("D-1"))));
    mvc.perform(get("/api/defects/D-1").with(as(PARTICIPANT))).andExpect(status().isNotFound());
    Register before = register();

    mvc.perform(
            post("/api/defects/D-1/fix")
                .with(as(PARTICIPANT))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("buildVersion", "1.4.2"))))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertNothingWritten(before);
    assertThat(defectStatus("D-1")).isEqualTo(DefectStatus.RAISED.name());
  }

  // --- listing environments ---------------------------------------------------

  @Test
  void shouldListTheRouteToLiveInOrder() throws Exception {
    mvc.perform(get("/api/environments").with(as(RELEASE_MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].name", contains("DEV1", "QAS1", "QAS2", "CCMT")))
        .andExpect(jsonPath("$[*].position", contains(1, 2, 3, 4)));
  }

  @Test
  void shouldKeepDeploymentRecordsFromParticipants() throws Exception {
    mvc.perform(get("/api/environments").with(as(PARTICIPANT))).andExpect(status().isForbidden());
    mvc.perform(get("/api/releases").with(as(PARTICIPANT))).andExpect(status().isForbidden());
    mvc.perform(get("/api/releases/R-2026-W49").with(as(PARTICIPANT)))
        .andExpect(status().isForbidden());
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The refusal every bad input gets: status, problem+json, the field at fault and the reason. */
  private static void refused(ResultActions result, HttpStatus status, String field, String reason)
      throws Exception {
    result
        .andExpect(status().is(status.value()))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status.value()))
        .andExpect(jsonPath("$.detail").value(containsString(reason)));
    if (field != null) {
      result.andExpect(jsonPath("$.field").value(field));
    }
  }

  /** The engine's clock, which the release calendar reads; CleanSlateExtension resets it. */
  private static void clockAt(String isoInstant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(isoInstant)));
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }

  /** A well-formed defect as a client raises it; tests spoil one field at a time. */
  private static Map<String, Object> defect(String id) {
    Map<String, Object> defect = new LinkedHashMap<>();
    defect.put("id", id);
    defect.put("title", "Switch rejected when the meter read is estimated");
    defect.put("severity", "S2");
    defect.put("stopsTesting", false);
    defect.put("component", "Switching");
    defect.put("raisedBy", "British Gas test team");
    return defect;
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    body.put(field, value);
    return body;
  }

  private static Map<String, Object> without(Map<String, Object> body, String field) {
    body.remove(field);
    return body;
  }

  private String body(Object value) throws JsonProcessingException {
    return json.writeValueAsString(value);
  }

  private String defectStatus(String id) {
    return jdbc.sql("select status from defect where id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  /**
   * Everything a request could write: the domain tables, and every process instance ever started
   * (history keeps ended and deleted instances too, so a start that committed cannot hide).
   */
  private Register register() {
    return new Register(
        rows("select * from defect order by id"),
        rows("select * from ccmt_release order by id"),
        rows("select * from release_defect order by release_id, defect_id"),
        rows("select * from environment order by name"),
        // output and summary are CLOBs, which do not compare by value: counting is enough here
        count("deployment_attempt"),
        count("release_note"),
        count("environment_rollback"),
        rows("select * from release_build order by release_id, build_version"),
        history.createHistoricProcessInstanceQuery().count());
  }

  private List<Map<String, Object>> rows(String sql) {
    return jdbc.sql(sql).query().listOfRows();
  }

  private int count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
  }

  private void assertNothingWritten(Register before) {
    assertThat(register()).as("the register after a refused request").isEqualTo(before);
  }

  private record Register(
      List<Map<String, Object>> defects,
      List<Map<String, Object>> releases,
      List<Map<String, Object>> releaseDefects,
      List<Map<String, Object>> environments,
      int deploymentAttempts,
      int notes,
      int rollbacks,
      List<Map<String, Object>> releaseBuilds,
      long processInstancesStarted) {}
}
