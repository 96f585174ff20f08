package uk.ccmt.inforequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.ccmt.inforequest.InformationRequestService.NewCampaign;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * A campaign run by the real job executor, as on a node: its opening steps are non-exclusive jobs
 * that the executor's threads may take side by side. However they interleave, every request opens
 * once, every organisation is emailed once, and the campaign looks for answers once. A context of
 * its own, with the job executor on and five organisations per step.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InformationCampaignParallelStepsTest extends ProcessTestSupport {

  private static final int ORGANISATIONS = 40;

  @DynamicPropertySource
  static void jobExecutorOn(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> "jdbc:h2:mem:ccmt-parallel-steps;DB_CLOSE_DELAY=-1");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
    registry.add("camunda.bpm.job-execution.max-wait", () -> "500");
    registry.add("ccmt.information-requests.organisations-per-step", () -> "5");
  }

  @Autowired InformationRequestService requests;

  @Test
  void shouldOpenEveryRequestOnceWhateverOrderTheStepsRunIn() throws InterruptedException {
    for (int i = 0; i < ORGANISATIONS; i++) {
      given.participant(String.format("PAR%02d", i), "CHALLENGER", "par" + i + "@example.org");
    }
    String due = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();
    String campaign =
        requests.start(
            new NewCampaign(List.of("CONTACT_DETAILS", "SFTP_INFORMATION"), null, due), "rachel");

    waitUntilWaitingForAnswers(campaign);

    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("informationRequest")
                .count())
        .isEqualTo(2L * ORGANISATIONS);
    assertThat(
            jdbc.sql(
                    "select count(*) from information_request where opened_at is null or process_instance_id is null")
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(TestMailServer.received()).as("one email per organisation").hasSize(ORGANISATIONS);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("Task_OpenInformationRequests")
                .count())
        .as("40 organisations, 5 per step")
        .isEqualTo(8);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("Task_CheckAnswers")
                .count())
        .isEqualTo(1);
  }

  /** The job executor runs on its own; this only waits for it, for at most two minutes. */
  private void waitUntilWaitingForAnswers(String campaign) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      ProcessInstance instance =
          engine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(campaign)
              .singleResult();
      if (instance != null
          && engine
              .getRuntimeService()
              .getActiveActivityIds(instance.getId())
              .contains("Event_LastRequestAnswered")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the campaign did not open every request");
  }
}
