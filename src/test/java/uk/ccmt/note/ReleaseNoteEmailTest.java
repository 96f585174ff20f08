package uk.ccmt.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.defect.DefectService;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * The weekly release's notes reach every participant contact by email, once, through a real SMTP
 * server.
 */
@CcmtTest
class ReleaseNoteEmailTest extends ProcessTestSupport {

  private static final String RELEASE = "R-2026-W49";
  private static final List<String> CONTACTS =
      List.of("trials@nle.example", "switching@nle.example", "ops@cwe.example");

  @Autowired ReleaseStarter starter;

  @Autowired DefectService defects;

  @BeforeEach
  void participantsAndAMondayMorning() {
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example", "switching@nle.example");
    given.participant("CWE", "CHALLENGER", "ops@cwe.example");
    given.participantNotTakingPart("OUT", "nobody@out.example");
    clockAt("2026-11-30T08:00:00Z");
  }

  @AfterEach
  void mailServerBackUp() {
    TestMailServer.start();
  }

  @Test
  void shouldEmailTheProvisionalAndFinalNotesToEveryContactOnce() throws Exception {
    defects.raise(
        new DefectService.NewDefect(
            "D-1",
            "<script>alert(1)</script> \"quotes\" & ampersands",
            "S2",
            false,
            "Switching",
            "Northern Lights Energy"));
    defects.fix("D-1", new DefectService.FixRequest("5.0.0"));
    ProcessInstance week = startWeek();
    reachReview(week);

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();

    assertThat(week).hasPassed("Task_ShareProvisionalNote");
    List<MimeMessage> provisional = TestMailServer.received();
    assertThat(recipients(provisional)).containsExactlyInAnyOrderElementsOf(CONTACTS);
    MimeMessage first = provisional.get(0);
    assertThat(first.getSubject()).isEqualTo("Provisional release note R-2026-W49");
    MailParts.Alternative parts = MailParts.alternativeOf(first);
    assertThat(parts.html())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;quotes&quot; &amp; ampersands")
        .doesNotContain("<script>")
        .contains("http://localhost:8080/releases/R-2026-W49");
    assertThat(parts.text()).contains("D-1", "http://localhost:8080/releases/R-2026-W49");

    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    complete(RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", true));
    clockAt("2026-12-03T10:00:00Z");
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();

    assertThat(week).isEnded().hasPassed("Task_SendFinalNote");
    List<MimeMessage> all = TestMailServer.received();
    assertThat(all).as("two notes, each once per contact").hasSize(6);
    assertThat(recipients(withSubject(all, "Final release note R-2026-W49")))
        .containsExactlyInAnyOrderElementsOf(CONTACTS);
    assertThat(recipients(withSubject(all, "Provisional release note R-2026-W49")))
        .containsExactlyInAnyOrderElementsOf(CONTACTS);
  }

  @Test
  void shouldEmailTheNoReleaseNotice() throws Exception {
    ProcessInstance week = startWeek();
    reachReview(week);
    runDueJobs();

    assertThat(week).isEnded().hasPassed("Task_SendNoReleaseNotice", "EndEvent_NoReleaseThisWeek");
    assertThat(TestMailServer.received())
        .hasSize(3)
        .allSatisfy(message -> assertThat(message.getSubject()).startsWith("No release this week"));
  }

  @Test
  void shouldKeepTheNoteThroughAnSmtpOutageAndDeliverItOnceRetriedInCockpit() throws Exception {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    Job createNote = jobAt(week, "Task_CreateProvisionalNote");
    engine.getManagementService().executeJob(createNote.getId());
    TestMailServer.stop();

    Job share = jobAt(week, "Task_ShareProvisionalNote");
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThatThrownBy(() -> engine.getManagementService().executeJob(share.getId()))
          .hasMessageContaining("not delivered to 3 recipient(s)");
    }
    assertThat(
            engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(week.getId())
                .count())
        .as("an incident in Cockpit once the retries are used up")
        .isEqualTo(1);
    assertThat(week).isWaitingAt("Task_ShareProvisionalNote");

    TestMailServer.start();
    engine.getManagementService().setJobRetries(share.getId(), 1);
    engine.getManagementService().executeJob(share.getId());

    assertThat(recipients(TestMailServer.received())).containsExactlyInAnyOrderElementsOf(CONTACTS);
    assertThat(week).hasPassed("Task_ShareProvisionalNote");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  @Test
  void shouldEmailAReleaseCancelledNoteWithItsReasonOnceTheProvisionalNoteHasGoneOut()
      throws Exception {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();

    complete(
        RELEASE,
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray("D-1"), "comment", "D-1 still fails"));
    runDueJobs();

    assertThat(week).isEnded().hasPassed("Task_SendCancellationNote");
    List<MimeMessage> cancelled =
        withSubject(TestMailServer.received(), "Release cancelled R-2026-W49");
    assertThat(recipients(cancelled))
        .as("once per contact")
        .containsExactlyInAnyOrderElementsOf(CONTACTS);
    MailParts.Alternative parts = MailParts.alternativeOf(cancelled.get(0));
    assertThat(parts.text())
        .contains(
            "is cancelled: every defect failed internal testing",
            "Thursday 3 December 2026",
            "D-1",
            "stay candidates for a later release",
            "http://localhost:8080/releases/R-2026-W49");
    assertThat(parts.html())
        .contains(
            "every defect failed internal testing",
            "http://localhost:8080/releases/R-2026-W49#cancelled-1");
  }

  @Test
  void shouldEmailNothingWhenTheReleaseIsCancelledBeforeAnyNoteWentOut() throws Exception {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray("D-1"), "buildVersion", "5.0.0"));
    runDueJobs();

    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseCancelled");
    assertThat(TestMailServer.received()).isEmpty();
  }

  private ProcessInstance startWeek() {
    starter.startWeekly("2026-W49");
    return subProcess(RELEASE, "weeklyRelease");
  }

  private void reachReview(ProcessInstance week) {
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
  }

  private Job jobAt(ProcessInstance instance, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(activityId)
        .singleResult();
  }

  private static List<MimeMessage> withSubject(List<MimeMessage> messages, String subject) {
    return messages.stream()
        .filter(
            message -> {
              try {
                return subject.equals(message.getSubject());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static List<String> recipients(List<MimeMessage> messages) {
    return messages.stream()
        .map(
            message -> {
              try {
                return message.getAllRecipients()[0].toString();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
