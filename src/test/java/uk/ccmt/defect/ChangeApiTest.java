package uk.ccmt.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * POST and GET /api/changes (issue 15, item 2): a configuration change is created as a release
 * candidate of kind CONFIGURATION without a severity, read back by the programme's staff, and bad
 * input is a 400 naming the field with nothing written.
 */
@CcmtTest
class ChangeApiTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final String DEVELOPER = "devon";
  private static final String TESTER = "tessa";
  private static final String PARTICIPANT = "paula";

  @Autowired MockMvc mvc;
  @Autowired TestData given;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired DefectService defects;

  @BeforeEach
  void users() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    given.user(TESTER, Groups.TEST_TEAM);
    given.user(PARTICIPANT, Groups.PARTICIPANTS);
  }

  @Test
  void shouldCreateAConfigurationChangeAsACandidateNumberedC() throws Exception {
    String location =
        create(DEVELOPER, change())
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", matchesPattern(".*/api/changes/C-[0-9]+")))
            .andExpect(jsonPath("$.id").value(matchesPattern("C-[0-9]+")))
            .andExpect(jsonPath("$.kind").value("CONFIGURATION"))
            .andExpect(jsonPath("$.status").value("FIXED"))
            .andExpect(jsonPath("$.severity").doesNotExist())
            .andExpect(jsonPath("$.stopsTesting").value(false))
            .andExpect(jsonPath("$.buildVersion").value("7.2.0-refdata"))
            .andExpect(jsonPath("$.component").value("Reference data"))
            .andExpect(jsonPath("$.description").value("Loads the December tariffs"))
            .andExpect(jsonPath("$.raisedBy").value(DEVELOPER))
            .andReturn()
            .getResponse()
            .getHeader("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);

    mvc.perform(get("/api/changes/" + id).with(as(TESTER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.title").value("Load the December tariff reference data"));
    mvc.perform(get("/api/changes").with(as(RELEASE_MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(id))
        .andExpect(jsonPath("$.length()").value(1));
    assertThat(defects.candidates()).extracting(Defect::id).containsExactly(id);
    // the defect register shows it too, with its kind; no severity filter picks it up
    mvc.perform(get("/api/defects").with(as(RELEASE_MANAGER)))
        .andExpect(jsonPath("$[0].kind").value("CONFIGURATION"));
    mvc.perform(get("/api/defects").param("severity", "S1").with(as(RELEASE_MANAGER)))
        .andExpect(jsonPath("$.length()").value(0));
  }

  @Test
  void shouldTakeAGivenIdAndRefuseItTwice() throws Exception {
    Map<String, Object> given = change();
    given.put("id", "CFG-7");
    create(RELEASE_MANAGER, given)
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", endsWith("/api/changes/CFG-7")));
    create(RELEASE_MANAGER, given)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(containsString("CFG-7")));
  }

  @Test
  void shouldNotStartAnEmergencyNorReadADefectAsAChange() throws Exception {
    this.given.raisedDefect("D-1");
    mvc.perform(get("/api/changes/D-1").with(as(RELEASE_MANAGER))).andExpect(status().isNotFound());
    create(DEVELOPER, change()).andExpect(status().isCreated());
    assertThat(jdbc.sql("select count(*) from ccmt_release").query(Integer.class).single())
        .as("no release, emergency or other, is started by a change")
        .isZero();
  }

  @Test
  void shouldTakeANewBuildForAChangeNotYetInARelease() throws Exception {
    String id = defects.createChange(changeRequest(), DEVELOPER).id();
    mvc.perform(
            post("/api/changes/" + id + "/build")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"buildVersion\": \"7.2.1-refdata\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.buildVersion").value("7.2.1-refdata"))
        .andExpect(jsonPath("$.status").value("FIXED"));
    mvc.perform(
            post("/api/changes/" + id + "/build")
                .with(as(DEVELOPER))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("buildVersion"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "title       | <missing>  | must not be blank",
        "title       | '   '      | must not be blank",
        "component   | <missing>  | must not be blank",
        "buildVersion| <missing>  | must not be blank",
        "buildVersion| 'a\u0007b' | control characters",
        "id          | 'C 1'      | may hold only letters",
        "id          | 'C/1'      | may hold only letters",
        "description | 'x\u0007'  | control characters",
      })
  void shouldRefuseBadInputNamingTheFieldWithoutAWrite(String field, String value, String reason)
      throws Exception {
    Map<String, Object> body = change();
    if ("<missing>".equals(value)) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    Snapshot before = snapshot();
    create(DEVELOPER, body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(jsonPath("$.detail").value(containsString(reason)));
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shouldRefuseTooLongTextAndAnEmptyBody() throws Exception {
    Snapshot before = snapshot();
    Map<String, Object> body = change();
    body.put("description", "x".repeat(4001));
    create(DEVELOPER, body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("description"))
        .andExpect(jsonPath("$.detail").value(containsString("at most 4000")));
    mvc.perform(post("/api/changes").with(as(DEVELOPER)).contentType(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shouldLetOnlyTheDevelopmentTeamAndReleaseManagersCreateChanges() throws Exception {
    Snapshot before = snapshot();
    create(PARTICIPANT, change()).andExpect(status().isForbidden());
    create(TESTER, change()).andExpect(status().isForbidden());
    mvc.perform(get("/api/changes").with(as(PARTICIPANT))).andExpect(status().isForbidden());
    mvc.perform(post("/api/changes").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
    assertThat(snapshot()).isEqualTo(before);
  }

  private ResultActions create(String user, Map<String, Object> body) throws Exception {
    return mvc.perform(
        post("/api/changes")
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(body)));
  }

  private static Map<String, Object> change() {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "Load the December tariff reference data");
    body.put("component", "Reference data");
    body.put("buildVersion", "7.2.0-refdata");
    body.put("description", "Loads the December tariffs");
    return body;
  }

  private static DefectService.NewChange changeRequest() {
    return new DefectService.NewChange(
        null, "Load the December tariff reference data", "Reference data", "7.2.0-refdata", null);
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }

  private Snapshot snapshot() {
    return new Snapshot(
        jdbc.sql("select * from defect order by id").query().listOfRows(),
        jdbc.sql("select version from build order by version").query(String.class).list(),
        jdbc.sql("select count(*) from configuration_change_number").query(Long.class).single());
  }

  private record Snapshot(List<Map<String, Object>> defects, List<String> builds, long numbers) {}
}
