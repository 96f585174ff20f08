package uk.ccmt.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.note.NoteKind;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.system.ConflictException;

/**
 * The same application on PostgreSQL, the production and cluster database: the Flyway schema,
 * Camunda's schema and every query of a full week run there as they do on H2.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresWeeklyReleaseTest extends ProcessTestSupport {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired ReleaseStarter starter;

  @Autowired DeploymentService deployments;

  @Autowired ReleaseService releases;

  @Autowired ReleaseNoteService notes;

  @Autowired MockMvc mvc;

  @Autowired ObjectMapper objectMapper;

  @Test
  void shouldRunAWeekToCcmtOnPostgres() {
    // last week's release and an emergency since, which this week's final note folds in
    clockAt("2026-11-23T09:00:00Z");
    given.fixedDefect("D-0", "4.9.0");
    given.weeklyReleaseOfFixedDefects("2026-W48");
    clockAt("2026-11-26T10:30:00Z");
    releases.markRunningInLive("R-2026-W48");
    clockAt("2026-11-27T15:00:00Z");
    given.emergencyReleaseLive("E-D-9", "D-9", "5.0.0-hotfix");

    clockAt("2026-11-30T08:00:00Z");
    given.fixedDefects("5.0.0", "D-1", "D-2");
    starter.startWeekly("2026-W49");
    assertThatThrownBy(() -> starter.startWeekly("2026-W49")).isInstanceOf(ConflictException.class);
    ProcessInstance week = subProcess("R-2026-W49", "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");

    assertThatThrownBy(
            () ->
                complete(
                    "R-2026-W49",
                    "reviewReleaseContents",
                    Map.of("excludedDefects", jsonArray("D-404"), "buildVersion", "5.0.1")))
        .isInstanceOf(FormFieldValidationException.class);
    complete(
        "R-2026-W49",
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.1-broken"));
    runDueJobs();
    complete("R-2026-W49", "correctReleaseErrors", Map.of("buildVersion", "5.0.1"));
    runDueJobs();
    complete(
        "R-2026-W49",
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray("D-2"), "comment", "fails"));
    complete("R-2026-W49", "confirmReleaseContents", Map.of("contentsConfirmed", true));
    clockAt("2026-12-03T10:00:00Z");
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();

    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseDeployed");
    assertThat(status("R-2026-W49")).isEqualTo("DEPLOYED");
    assertThat(defectStatus("D-1")).isEqualTo("RELEASED");
    assertThat(defectStatus("D-2"))
        .as("a fix that failed internal testing is back with the development team")
        .isEqualTo("RAISED");
    assertThat(deployments.history("R-2026-W49"))
        .extracting(DeploymentAttempt::environment, DeploymentAttempt::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DEV1", 1),
            org.assertj.core.groups.Tuple.tuple("DEV1", 2),
            org.assertj.core.groups.Tuple.tuple("QAS1", 1),
            org.assertj.core.groups.Tuple.tuple("QAS2", 1),
            org.assertj.core.groups.Tuple.tuple("CCMT", 1));
    assertThat(notes.notesOf("R-2026-W49"))
        .extracting(ReleaseNote::kind)
        .containsExactly(NoteKind.PROVISIONAL, NoteKind.FINAL);
    assertThat(notes.notesOf("R-2026-W49").get(1).bodyText())
        .contains("D-1", "E-D-9", "D-9")
        .doesNotContain("D-0");
    assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
  }

  /** Stopped when the JVM ends, after the context using it was closed with this class. */
  /**
   * Participants, an information request campaign and a partnering round through the product API:
   * the CSV import's batch insert, the campaign's row lock and the outbox's key prefix, the
   * partnering round's one-at-a-time constraint and the pair row lock, all on PostgreSQL.
   */
  @Test
  void shouldCollectInformationAndPublishPartnersOnPostgres() throws Exception {
    clockAt("2026-12-07T09:00:00Z");
    given.releaseManager("rachel");
    mvc.perform(
            post("/api/participants/import")
                .with(httpBasic("rachel", TestData.PASSWORD))
                .contentType("text/csv")
                .content(
                    """
            code,name,category,region,contactEmails
            PGL,"Postgres Power, Ltd",LARGE_SUPPLIER,London,pgl@pgl.example
            PGC,Postgres Challenger,CHALLENGER,London,pgc@pgc.example
            PGD,Second Challenger,CHALLENGER,Wales,pgd@pgd.example
            """))
        .andExpect(MockMvcResultMatchers.status().isCreated());

    String campaign =
        json(mvc.perform(
                    post("/api/information-requests")
                        .with(httpBasic("rachel", TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            """
            {"types": ["REGISTRATION_CONFIRMATION"], "dueDate": "2026-12-11"}"""))
                .andExpect(MockMvcResultMatchers.status().isCreated()))
            .path("id")
            .asText();
    runDueJobs();
    for (String code : new String[] {"PGC", "PGD", "PGL"}) {
      complete(
          campaign + "/" + code + "/REGISTRATION_CONFIRMATION",
          "provideInformation",
          Map.of("confirmedBy", "Someone at " + code, "registrationConfirmed", true));
    }
    JsonNode campaignStatus =
        json(
            mvc.perform(
                    get("/api/information-requests/" + campaign)
                        .with(httpBasic("rachel", TestData.PASSWORD)))
                .andExpect(MockMvcResultMatchers.status().isOk()));
    assertThat(campaignStatus.path("received").asInt()).isEqualTo(3);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("EndEvent_InformationCollected")
                .count())
        .isEqualTo(1);

    String round =
        json(mvc.perform(post("/api/partnering").with(httpBasic("rachel", TestData.PASSWORD)))
                .andExpect(MockMvcResultMatchers.status().isCreated()))
            .path("id")
            .asText();
    mvc.perform(post("/api/partnering").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isConflict());
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceBusinessKey(round)
        .taskDefinitionKey("confirmPartnership")
        .list()
        .forEach(
            task ->
                engine
                    .getTaskService()
                    .complete(task.getId(), Map.of("partnershipAccepted", true)));
    runDueJobs();
    mvc.perform(get("/api/partnering/" + round).with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(jsonPath("$.state").value("PUBLISHED"))
        .andExpect(
            jsonPath(
                "$.pairs[*].state",
                org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("CONFIRMED"))));
  }

  private JsonNode json(ResultActions result) throws Exception {
    return objectMapper.readTree(result.andReturn().getResponse().getContentAsString());
  }
}
