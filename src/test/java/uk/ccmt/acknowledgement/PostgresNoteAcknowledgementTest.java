package uk.ccmt.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteMailing;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.postgres.PostgresForThisJvm;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * The acknowledgements' queries on PostgreSQL, as production runs them: the groups' pages, the row
 * locks, the reminders' new tokens, the release managers' view and the KPI figures.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresNoteAcknowledgementTest extends ProcessTestSupport {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired ReleaseNoteService notes;
  @Autowired ReleaseNoteMailing mailing;
  @Autowired NoteAcknowledgements acknowledgements;
  @Autowired AcknowledgementLinks oneTimeLinks;
  @Autowired NoteAcknowledgementRepository rows;

  @Test
  void shouldAskAcknowledgeRemindAndCountOnPostgres() {
    clockAt("2026-11-30T09:00:00Z");
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.emergencyReleaseLive("E-D-7", "D-7", "3.0.0");
    ReleaseNote note = notes.createEmergency("E-D-7");
    Map<String, java.net.URI> links = acknowledgements.ask(note).orElseThrow();
    runDueJobs();
    assertThat(rows.page(note.id(), 0, 20)).hasSize(2);
    ProcessInstance round =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey(NoteAcknowledgements.ROUND_PROCESS)
            .singleResult();

    String bgsLink = links.get("BGS").getPath().substring("/acknowledge/".length());
    oneTimeLinks.acknowledgeByLink(bgsLink);
    clockAt("2026-12-02T09:00:01Z");
    fireTimer(round, "Timer_AcknowledgementWindowPassed");
    runDueJobs();
    assertThat(rows.openOf(note.id()))
        .extracting(NoteAcknowledgementRepository.Acknowledgement::remindedAt)
        .doesNotContainNull();

    Task nle =
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey(NoteAcknowledgements.TASK)
            .tenantIdIn("NLE")
            .singleResult();
    engine
        .getIdentityService()
        .setAuthentication("nle-ops", List.of("participant-NLE", "participants"), List.of("NLE"));
    try {
      engine.getTaskService().complete(nle.getId(), Map.of("acknowledged", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(acknowledgements.view("E-D-7").get(0))
        .satisfies(
            view -> {
              assertThat(view.asked()).isEqualTo(2);
              assertThat(view.acknowledged()).isEqualTo(2);
              assertThat(view.late()).isEqualTo(1);
              assertThat(view.notAcknowledged()).isEmpty();
            });
    assertThat(acknowledgements.figuresOf("NLE"))
        .containsEntry("inTasklist", 1L)
        .containsEntry("late", 1L);
    assertThat(acknowledgements.figuresOf("BGS")).containsEntry("byLink", 1L);
  }
}
