package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseType;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.ConflictException;

@CcmtTest
class EnvironmentRollbackProcessTest extends ProcessTestSupport {

  @Autowired ReleaseService releases;

  @Autowired DeploymentService deployments;

  @Autowired DeploymentRequests requests;

  @Autowired EnvironmentRollbacks rollbacks;

  @Autowired ReleaseNoteService notes;

  @Autowired uk.ccmt.decision.DecisionRecord decisions;

  @Test
  void shouldTakeTheLiveEnvironmentBackToAnEarlierReleaseOnlyWhenARollbackIsRecorded()
      throws Exception {
    given.participant("NLE", "CHALLENGER", "trials@nle.example");
    releaseLive("BL-1", "1.0.0");
    releaseLive("BL-2", "2.0.0");
    assertThatThrownBy(() -> requests.request("BL-1", "CCMT"))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "Release BL-1 build 1.0.0 is older than build 2.0.0 of release BL-2, which CCMT runs:"
                + " only a recorded rollback may take CCMT back to an older build");
    TestMailServer.purge();

    Rollback requested =
        rollbacks.request("CCMT", "BL-1", "Build 2.0.0 loses nominations", "rachel");
    ProcessInstance rollback = subProcess("BL-1", "environmentRollback");
    runDueJobs();

    assertThat(rollback)
        .isEnded()
        .hasPassedInOrder(
            "CallActivity_DeployEarlierRelease",
            "Task_RecordRollback",
            "Task_CreateRollbackNotice",
            "Task_SendRollbackNotice",
            "EndEvent_EnvironmentRolledBack");
    assertThat(live())
        .satisfies(
            env -> {
              assertThat(env.releaseId()).isEqualTo("BL-1");
              assertThat(env.buildVersion()).isEqualTo("1.0.0");
              assertThat(env.heldBy()).isNull();
            });
    assertThat(status("BL-1")).isEqualTo("DEPLOYED");
    assertThat(status("BL-2")).isEqualTo("ROLLED_BACK");
    assertThat(rollbacks.find(requested.id()).orElseThrow())
        .satisfies(
            done -> {
              assertThat(done.outcome()).isEqualTo(RollbackOutcome.DONE);
              assertThat(done.replacedReleaseId()).isEqualTo("BL-2");
              assertThat(done.requestedBy()).isEqualTo("rachel");
            });
    assertThat(notes.notesOf("BL-1"))
        .extracting(ReleaseNote::title)
        .containsExactly("Rollback notice BL-1");
    List<MimeMessage> mail = TestMailServer.received();
    assertThat(mail)
        .singleElement()
        .satisfies(
            message -> {
              assertThat(message.getSubject()).isEqualTo("Rollback notice BL-1");
              assertThat(MailParts.textOf(message))
                  .contains(
                      "CCMT went back from release BL-2 (build 2.0.0) to release"
                          + " BL-1 (build 1.0.0)",
                      "Why: Build 2.0.0 loses nominations");
            });
  }

  @Test
  void shouldRollBackAnInternalEnvironmentWithoutTellingParticipants() {
    given.participant("NLE", "CHALLENGER", "trials@nle.example");
    givenRelease("BL-1", "1.0.0");
    givenRelease("BL-2", "2.0.0");
    deploy("BL-1", "DEV1");
    deploy("BL-2", "DEV1");

    rollbacks.request("DEV1", "BL-1", "Build 2.0.0 breaks the test harness", "rachel");
    ProcessInstance rollback = subProcess("BL-1", "environmentRollback");
    runDueJobs();

    assertThat(rollback)
        .isEnded()
        .hasPassed("Gateway_ParticipantsEnvironment", "EndEvent_EnvironmentRolledBack")
        .hasNotPassed("Task_CreateRollbackNotice");
    assertThat(deployments.environments().get(0).releaseId()).isEqualTo("BL-1");
    assertThat(status("BL-2")).as("it never ran in CCMT").isEqualTo("IN_PROGRESS");
    assertThat(TestMailServer.received()).isEmpty();
    assertThat(decisions.about("BL-1"))
        .as("the rollback is a decision on the release rolled back to, its reason the comment")
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.task()).isEqualTo("rollback");
              assertThat(decision.user()).isEqualTo("rachel");
              assertThat(decision.comment()).isEqualTo("Build 2.0.0 breaks the test harness");
              assertThat(decision.values()).containsEntry("replacedReleaseId", "BL-2");
            });
  }

  @Test
  void shouldRecordARollbackThatTheRouteToLiveRefused() {
    givenRelease("BL-1", "1.0.0");
    givenRelease("BL-2", "2.0.0");
    deploy("BL-1", "DEV1");
    deploy("BL-2", "DEV1");
    Rollback requested =
        rollbacks.request("DEV1", "BL-1", "Build 2.0.0 breaks the test harness", "rachel");
    ProcessInstance rollback = subProcess("BL-1", "environmentRollback");

    violateRouteToLive(
        subProcess("BL-1", "deployRelease"), "Task_DeployRelease", "DEV1 was taken off the route");

    assertThat(rollback)
        .isEnded()
        .hasPassed(
            "Error_RollbackRouteViolated",
            "Task_RecordRollbackRefused",
            "EndEvent_RollbackRefused");
    assertThat(rollbacks.find(requested.id()).orElseThrow().outcome())
        .isEqualTo(RollbackOutcome.REFUSED);
    assertThat(deployments.environments().get(0).releaseId()).isEqualTo("BL-2");
  }

  @Test
  void shouldRefuseASecondRollbackWhileOneRunsAndOneToWhatTheEnvironmentRuns() {
    givenRelease("BL-1", "1.0.0");
    givenRelease("BL-2", "2.0.0");
    deploy("BL-1", "DEV1");
    deploy("BL-2", "DEV1");
    assertThatThrownBy(() -> rollbacks.request("DEV1", "BL-2", "again", "rachel"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("DEV1 already runs release BL-2 build 2.0.0");
    Rollback first =
        rollbacks.request("DEV1", "BL-1", "Build 2.0.0 breaks the test harness", "rachel");

    assertThatThrownBy(() -> rollbacks.request("DEV1", "BL-1", "twice", "rachel"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("a rollback of DEV1 is already running");

    engine.getRuntimeService().deleteProcessInstance(first.processInstanceId(), "given up");
    assertThat(rollbacks.find(first.id()).orElseThrow().outcome())
        .isEqualTo(RollbackOutcome.CANCELLED);
  }

  private void releaseLive(String releaseId, String buildVersion) {
    givenRelease(releaseId, buildVersion);
    for (String environment : List.of("DEV1", "QAS1", "QAS2")) {
      deploy(releaseId, environment);
    }
    complete(releaseId, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    deploy(releaseId, "CCMT");
  }

  private void givenRelease(String id, String buildVersion) {
    releases.register(id, ReleaseType.BASELINE, buildVersion);
  }

  private void deploy(String releaseId, String environment) {
    requests.request(releaseId, environment);
    runDueJobs();
  }

  private EnvironmentView live() {
    return deployments.environments().stream()
        .filter(env -> env.name().equals("CCMT"))
        .findFirst()
        .orElseThrow();
  }
}
