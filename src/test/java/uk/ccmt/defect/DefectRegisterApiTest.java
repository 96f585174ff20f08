package uk.ccmt.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * Editing the register with history, the RQM CSV interchange and who sees what (issue 15, items
 * 3–5), through the API and its security as callers meet them.
 */
@CcmtTest
class DefectRegisterApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  @Autowired MockMvc mvc;
  @Autowired TestData given;
  @Autowired JdbcClient jdbc;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @BeforeEach
  void people() {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("tessa", Groups.TEST_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.organisationUser("nia", "NLE");
    given.organisationUser("bo", "BRG");
  }

  // --- editing ---------------------------------------------------------------------------------

  @Test
  void shouldKeepEachChangedFieldWithWhoChangedItAndWhen() throws Exception {
    given.raisedDefect("D-E1");

    Answer edited =
        call(
            patchAs(
                "devon",
                "/api/defects/D-E1",
                "{\"severity\": \"S4\", \"component\": \"Billing\"}"));

    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    assertThat(edited.json().path("severity").asText()).isEqualTo("S4");
    assertThat(edited.json().path("title").asText()).as("absent means unchanged").isNotBlank();
    JsonNode history = call(getAs("rachel", "/api/defects/D-E1")).json().path("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("field").asText()).isEqualTo("severity");
    assertThat(history.get(0).path("from").asText()).isEqualTo("S3");
    assertThat(history.get(0).path("to").asText()).isEqualTo("S4");
    assertThat(history.get(0).path("user").asText()).isEqualTo("devon");
    assertThat(history.get(0).path("at").asText()).isNotBlank();
    assertThat(history.get(1).path("field").asText()).isEqualTo("component");
    assertThat(history.get(1).path("to").asText()).isEqualTo("Billing");
  }

  @Test
  void shouldWriteNoHistoryForAPatchThatChangesNothing() throws Exception {
    Defect defect = given.raisedDefect("D-E2");

    Answer same =
        call(
            patchAs(
                "rachel",
                "/api/defects/D-E2",
                "{\"title\": \"" + defect.title() + "\", \"severity\": \"S3\"}"));

    assertThat(same.status()).as(same.text()).isEqualTo(200);
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldRefuseABadEditNamingTheFieldAndChangeNothing() throws Exception {
    given.raisedDefect("D-E3");
    String before = call(getAs("rachel", "/api/defects/D-E3")).text();

    assertRefused(patchAs("devon", "/api/defects/D-E3", "{\"severity\": \"S5\"}"), 400, "severity");
    assertRefused(patchAs("devon", "/api/defects/D-E3", "{\"title\": \"  \"}"), 400, "title");
    assertRefused(patchAs("devon", "/api/defects/D-E3", "{\"title\": null}"), 400, "title");
    assertRefused(
        patchAs("devon", "/api/defects/D-E3", "{\"title\": \"" + "x".repeat(501) + "\"}"),
        400,
        "title");
    assertRefused(
        patchAs("devon", "/api/defects/D-E3", "{\"component\": \"Billing\", \"severity\": \"S9\"}"),
        400,
        "severity");
    assertRefused(patchAs("devon", "/api/defects/D-E3", "{\"status\": \"CLOSED\"}"), 400, "status");
    assertRefused(
        patchAs("devon", "/api/defects/D-E3", "{\"stopsTesting\": \"yes\"}"), 400, "stopsTesting");
    assertRefused(patchAs("devon", "/api/defects/D-E3", "[]"), 400, "body");

    assertThat(call(getAs("rachel", "/api/defects/D-E3")).text()).isEqualTo(before);
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldLetOnlyTheDevelopmentTeamAndReleaseManagersEdit() throws Exception {
    given.raisedDefect("D-E4");

    assertThat(call(patchAs("tessa", "/api/defects/D-E4", "{\"severity\": \"S4\"}")).status())
        .isEqualTo(403);
    assertThat(call(patchAs("nia", "/api/defects/D-E4", "{\"severity\": \"S4\"}")).status())
        .isEqualTo(403);
    assertThat(call(patchAs("devon", "/api/defects/D-NONE", "{\"severity\": \"S4\"}")).status())
        .isEqualTo(404);
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldRefuseToEditAClosedDefect() throws Exception {
    given.raisedDefect("D-E5");
    jdbc.sql("update defect set status = 'CLOSED' where id = 'D-E5'").update();

    assertRefused(patchAs("rachel", "/api/defects/D-E5", "{\"severity\": \"S4\"}"), 409, "status");
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldStartTheEmergencyOnceWhenAnEditMakesAnS1ThatStopsTesting() throws Exception {
    given.raisedDefect("D-E6");
    assertThat(runningFixes("D-E6")).as("an S3 is the development team's work").isEqualTo(1);

    Answer raised =
        call(
            patchAs(
                "rachel", "/api/defects/D-E6", "{\"severity\": \"S1\", \"stopsTesting\": true}"));
    assertThat(raised.status()).as(raised.text()).isEqualTo(200);
    assertThat(emergencies("D-E6")).isEqualTo(1);
    assertThat(runningFixes("D-E6"))
        .as("the emergency path takes the defect over from its defectFix")
        .isZero();

    call(patchAs("rachel", "/api/defects/D-E6", "{\"stopsTesting\": false}"));
    Answer again = call(patchAs("rachel", "/api/defects/D-E6", "{\"stopsTesting\": true}"));

    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(emergencies("D-E6")).as("a second edit starts no second emergency").isEqualTo(1);
  }

  @Test
  void shouldStartNoEmergencyForAnS1RaisedStoppingTestsWhenEditedBackToOne() throws Exception {
    given.s1DefectStoppingTests("D-E7");
    assertThat(emergencies("D-E7")).isEqualTo(1);

    call(patchAs("rachel", "/api/defects/D-E7", "{\"severity\": \"S2\"}"));
    call(patchAs("rachel", "/api/defects/D-E7", "{\"severity\": \"S1\"}"));

    assertThat(emergencies("D-E7")).isEqualTo(1);
  }

  // --- RQM interchange --------------------------------------------------------------------------

  @Test
  void shouldImport500RowsInOneGoAndChangeNothingWhenTheSameFileComesAgain() throws Exception {
    String file = rqmFile(500);

    Answer first = call(importAs("rachel", file));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.json().path("created").asInt()).isEqualTo(500);
    assertThat(count("select count(*) from defect")).isEqualTo(500);
    String register = register();

    Answer second = call(importAs("rachel", file));

    assertThat(second.status()).as(second.text()).isEqualTo(200);
    assertThat(second.json().path("unchanged").asInt()).isEqualTo(500);
    assertThat(second.json().path("created").asInt()).isZero();
    assertThat(second.json().path("updated").asInt()).isZero();
    assertThat(register()).isEqualTo(register);
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldStartTheEmergencyOfAnImportedS1ThatStopsTestingOnce() throws Exception {
    String file = "id,title,severity,stopsTesting\nRQM-S1,Switching down,S1,true\n";

    Answer first = call(importAs("rachel", file));
    Answer second = call(importAs("rachel", file));

    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.json().path("created").asInt()).isEqualTo(1);
    assertThat(second.json().path("unchanged").asInt()).isEqualTo(1);
    assertThat(emergencies("RQM-S1")).isEqualTo(1);
  }

  @Test
  void shouldUpdateKnownRowsThroughTheEditWithHistory() throws Exception {
    given.raisedDefect("RQM-1");

    Answer imported =
        call(
            importAs(
                "devon",
                "severity,id,title\nS4,RQM-1,Meter read rejected\nS3,RQM-2,Switch lost\n"));

    assertThat(imported.status()).as(imported.text()).isEqualTo(200);
    assertThat(imported.json().path("created").asInt()).isEqualTo(1);
    assertThat(imported.json().path("updated").asInt()).isEqualTo(1);
    JsonNode known = call(getAs("rachel", "/api/defects/RQM-1")).json();
    assertThat(known.path("severity").asText()).isEqualTo("S4");
    assertThat(known.path("component").asText())
        .as("a column left out stays")
        .isEqualTo("Registration");
    assertThat(known.path("history")).hasSize(2);
    assertThat(known.path("history").get(0).path("user").asText()).isEqualTo("devon");
  }

  @Test
  void shouldRejectAFileWithOneBadRowInTheMiddleNamingItsLineAndField() throws Exception {
    given.raisedDefect("RQM-7");
    String register = register();
    String file =
        rqmFile(20)
            .replace("RQM-10,Defect 10 found in trials,S3", "RQM-10,Defect 10 found in trials,S7");

    Answer refused = call(importAs("rachel", file));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().path("line").asInt()).isEqualTo(11);
    assertThat(refused.json().path("field").asText()).isEqualTo("severity");
    assertThat(register()).isEqualTo(register);
    assertThat(historyRows()).isZero();
  }

  @Test
  void shouldRefuseUnknownOrMissingColumnsAndStatusesTheWorkflowOwns() throws Exception {
    assertImportRefused("id,title,severity,priority\nA,T,S2,high\n", 1, "header", "priority");
    assertImportRefused("id,title\nA,T\n", 1, "header", "severity");
    assertImportRefused("id,title,severity,status\nA,T,S2,RELEASED\n", 2, "status", "RELEASED");
    assertImportRefused("id,title,severity,kind\nA,T,S2,CONFIGURATION\n", 2, "kind", "changes");
    assertImportRefused("id,title,severity\nA,T,S2\nA,T,S3\n", 3, "id", "line 2");
    assertImportRefused("id,title,severity\nA,\"T,S2\n", 2, "row", "CSV");
    assertImportRefused(
        "id,title,severity,stopsTesting\nA,T,S2,maybe\n", 2, "stopsTesting", "maybe");
    assertImportRefused("", 1, "header", "id,title");
    assertThat(count("select count(*) from defect")).isZero();
    assertThat(call(importAs("tessa", "id,title,severity\nA,T,S2\n")).status()).isEqualTo(403);
    assertThat(call(importAs("nia", "id,title,severity\nA,T,S2\n")).status()).isEqualTo(403);
  }

  @Test
  void shouldExportWhatReimportsUnchangedWithFormulaCellsMadeSafe() throws Exception {
    given.raisedDefect("D-X1");
    call(
        importAs(
            "rachel",
            "id,title,severity,stopsTesting,component,raisedBy\n"
                + "D-X2,\"=HYPERLINK(\"\"http://evil\"\")\",S3,true,\"Meter, reads\",@NLE\n"
                + "D-X3,-1 day offset,S4,false,,'=quoted by RQM\n"));
    call(patchAs("rachel", "/api/defects/D-X1", "{\"component\": \"'=SUM(A1)\"}"));

    Answer csv = call(getAs("devon", "/api/defects.csv"));

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.text().lines().toList();
    assertThat(lines.get(0)).isEqualTo(DefectInterchange.HEADER);
    assertThat(lines).hasSize(4);
    assertThat(csv.text()).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("'@NLE");
    assertThat(csv.text())
        .contains("'-1 day offset")
        .contains(",'=quoted by RQM,")
        .as("a value that starts with an apostrophe keeps it")
        .contains("''=SUM(A1)");
    String register = register();

    Answer again = call(importAs("rachel", csv.text()));

    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(again.json().path("unchanged").asInt()).isEqualTo(3);
    assertThat(register()).isEqualTo(register);
    assertThat(call(getAs("rachel", "/api/defects/D-X2")).json().path("title").asText())
        .isEqualTo("=HYPERLINK(\"http://evil\")");
    assertThat(call(getAs("rachel", "/api/defects/D-X3")).json().path("raisedBy").asText())
        .as("the apostrophe that made a cell safe is not part of the value")
        .isEqualTo("=quoted by RQM");
    assertThat(call(getAs("rachel", "/api/defects/D-X1")).json().path("component").asText())
        .isEqualTo("'=SUM(A1)");
  }

  // --- visibility ------------------------------------------------------------------------------

  @Test
  void shouldShowAParticipantOnlyWhatItsOrganisationRaised() throws Exception {
    given.raisedDefect("D-STAFF");
    Answer raised =
        call(
            postAs(
                "nia",
                "/api/defects",
                "{\"id\": \"D-NLE\", \"title\": \"Switch rejected\", \"severity\": \"S3\"}"));
    assertThat(raised.status()).as(raised.text()).isEqualTo(201);

    assertThat(ids(call(getAs("nia", "/api/defects")).json())).containsExactly("D-NLE");
    assertThat(ids(call(getAs("bo", "/api/defects")).json())).isEmpty();
    assertThat(call(getAs("nia", "/api/defects/D-NLE")).status()).isEqualTo(200);
    assertThat(call(getAs("bo", "/api/defects/D-NLE")).status()).isEqualTo(404);
    assertThat(call(getAs("nia", "/api/defects/D-STAFF")).status()).isEqualTo(404);
    assertThat(call(getAs("bo", "/api/defects.csv")).text().lines()).hasSize(1);
    assertThat(ids(call(getAs("tessa", "/api/defects")).json()))
        .containsExactlyInAnyOrder("D-STAFF", "D-NLE");
  }

  @Test
  void shouldFilterByStatusSeverityKindComponentAndRelease() throws Exception {
    given.raisedDefect("D-F1");
    given.fixedDefect("D-F2", "2.0.1");
    call(
        patchAs(
            "rachel", "/api/defects/D-F1", "{\"severity\": \"S4\", \"component\": \"Billing\"}"));
    jdbc.sql("update defect set release_id = 'R-2026-W50' where id = 'D-F2'").update();

    assertThat(ids(call(getAs("rachel", "/api/defects?status=fixed")).json()))
        .containsExactly("D-F2");
    assertThat(ids(call(getAs("rachel", "/api/defects?severity=S4")).json()))
        .containsExactly("D-F1");
    assertThat(ids(call(getAs("rachel", "/api/defects?component=Billing")).json()))
        .containsExactly("D-F1");
    assertThat(ids(call(getAs("rachel", "/api/defects?release=R-2026-W50")).json()))
        .containsExactly("D-F2");
    assertThat(ids(call(getAs("rachel", "/api/defects?kind=DEFECT")).json())).hasSize(2);
    assertThat(ids(call(getAs("rachel", "/api/defects?kind=CONFIGURATION")).json())).isEmpty();
    assertThat(ids(call(getAs("rachel", "/api/defects?assignee=devon")).json())).isEmpty();
    assertRefused(getAs("rachel", "/api/defects?kind=BUG"), 400, "kind");
    assertRefused(getAs("rachel", "/api/defects?severity=S0"), 400, "severity");
  }

  /**
   * The assignee is the engine's: the user the defect's open defectFix task (business key
   * D-&lt;id&gt;) is assigned to. Where defectFix is not deployed, a stand-in with its first task
   * plays it, started as the register starts it, and is removed again.
   */
  @Test
  void shouldFilterByTheAssigneeOfTheDefectsOpenDevelopmentTask() throws Exception {
    Deployment standIn = null;
    if (repository.createProcessDefinitionQuery().processDefinitionKey("defectFix").count() == 0) {
      standIn =
          repository
              .createDeployment()
              .name("defectFix stand-in")
              .addModelInstance(
                  "defect-fix-stand-in.bpmn",
                  Bpmn.createExecutableProcess("defectFix")
                      .camundaHistoryTimeToLive(1)
                      .startEvent()
                      .userTask("analyseDefect")
                      .camundaCandidateGroups(Groups.DEVELOPMENT_TEAM)
                      .endEvent()
                      .done())
              .deploy();
    }
    try {
      given.raisedDefect("D-A1");
      given.raisedDefect("D-A2");
      for (String id : List.of("D-A1", "D-A2")) {
        if (runtime.createProcessInstanceQuery().processInstanceBusinessKey("D-" + id).count()
            == 0) {
          runtime.startProcessInstanceByKey("defectFix", "D-" + id);
        }
      }
      String task =
          tasks
              .createTaskQuery()
              .processInstanceBusinessKey("D-D-A1")
              .processDefinitionKey("defectFix")
              .singleResult()
              .getId();
      tasks.claim(task, "devon");

      assertThat(ids(call(getAs("rachel", "/api/defects?assignee=devon")).json()))
          .containsExactly("D-A1");
      assertThat(ids(call(getAs("rachel", "/api/defects?assignee=devon&severity=S1")).json()))
          .isEmpty();
      assertThat(ids(call(getAs("rachel", "/api/defects?assignee=rachel")).json())).isEmpty();
    } finally {
      if (standIn != null) {
        repository.deleteDeployment(standIn.getId(), true);
      }
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A generated RQM export: rows RQM-1 … RQM-n, S2 to S4, some stopping tests. */
  private static String rqmFile(int rows) {
    StringJoiner file = new StringJoiner("\n", "", "\n");
    file.add("id,title,severity,stopsTesting,component,raisedBy,kind,status");
    for (int i = 1; i <= rows; i++) {
      file.add(
          "RQM-%d,Defect %d found in trials,S%d,%s,%s,Organisation %d,DEFECT,RAISED"
              .formatted(
                  i,
                  i,
                  2 + i % 3,
                  i % 7 == 0,
                  i % 2 == 0 ? "Switching" : "\"Meter, reads\"",
                  i % 10));
    }
    return file.toString();
  }

  private String register() {
    return jdbc.sql(
            "select id, title, severity, stops_testing, component, raised_by, status, kind, updated_at"
                + " from defect order by id")
        .query(
            (rs, row) ->
                String.join(
                    "|",
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    String.valueOf(rs.getString(5)),
                    String.valueOf(rs.getString(6)),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9)))
        .list()
        .toString();
  }

  private int historyRows() {
    return count("select count(*) from defect_history");
  }

  private int count(String sql) {
    return jdbc.sql(sql).query(Integer.class).single();
  }

  private long runningFixes(String defectId) {
    return runtime
        .createProcessInstanceQuery()
        .processDefinitionKey("defectFix")
        .processInstanceBusinessKey("D-" + defectId)
        .count();
  }

  private long emergencies(String defectId) {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("emergencyRelease")
        .processInstanceBusinessKey("E-" + defectId)
        .count();
  }

  private static List<String> ids(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.spliterator(), false)
        .map(defect -> defect.path("id").asText())
        .toList();
  }

  private void assertImportRefused(String file, int line, String field, String reasonPart)
      throws Exception {
    Answer refused = call(importAs("rachel", file));
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().path("field").asText()).as(refused.text()).isEqualTo(field);
    assertThat(refused.json().path("line").asInt()).as(refused.text()).isEqualTo(line);
    assertThat(refused.json().path("detail").asText()).contains(reasonPart);
  }

  private void assertRefused(MockHttpServletRequestBuilder request, int status, String field)
      throws Exception {
    Answer refused = call(request);
    assertThat(refused.status()).as(refused.text()).isEqualTo(status);
    assertThat(refused.json().path("field").asText()).as(refused.text()).isEqualTo(field);
  }

  private static MockHttpServletRequestBuilder getAs(String user, String uri) {
    return get(uri).with(httpBasic(user, TestData.PASSWORD));
  }

  private static MockHttpServletRequestBuilder patchAs(String user, String uri, String body) {
    return patch(uri)
        .with(httpBasic(user, TestData.PASSWORD))
        .contentType("application/merge-patch+json")
        .content(body);
  }

  private static MockHttpServletRequestBuilder postAs(String user, String uri, String body) {
    return post(uri)
        .with(httpBasic(user, TestData.PASSWORD))
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  private static MockHttpServletRequestBuilder importAs(String user, String csv) {
    return post("/api/defects/import")
        .with(httpBasic(user, TestData.PASSWORD))
        .contentType(CSV)
        .content(csv.getBytes(StandardCharsets.UTF_8));
  }

  private Answer call(MockHttpServletRequestBuilder request) throws Exception {
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    return new Answer(
        response.getStatus(),
        response.getContentAsString(StandardCharsets.UTF_8),
        String.valueOf(response.getContentType()));
  }

  private record Answer(int status, String text, String contentType) {
    JsonNode json() throws Exception {
      return JSON.readTree(text.isEmpty() ? "{}" : text);
    }
  }
}
