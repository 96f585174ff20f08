package uk.ccmt.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import uk.ccmt.defect.DefectFixEvents.StartAt;
import uk.ccmt.defect.DefectFixEvents.WorkStarts;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewDefect;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * defectFix, one defect from raised to closed, on Monday 30 November 2026 at 09:00 (GMT, so London
 * time equals UTC). Its business key is D- and the defect id: D-D-40 for defect D-40.
 */
@CcmtTest
class DefectFixProcessTest extends ProcessTestSupport {

  private static final String DEFECT = "D-40";
  private static final String KEY = "D-D-40";

  @Autowired DefectService defects;

  @Autowired ReleaseService releases;

  @Autowired ApplicationEventPublisher events;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
    given.user("tessa", "test-team");
  }

  private ProcessInstance raise(String id, String severity, String raisedBy) {
    defects.raise(
        new NewDefect(
            id, "Meter reads rejected for " + id, severity, false, "Meter reads", raisedBy));
    return subProcess("D-" + id, "defectFix");
  }

  private void completeAs(
      String user, String taskKey, Map<String, Object> values, String... groups) {
    as(user, () -> complete(KEY, taskKey, values), groups);
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The defect accepted, fixed, taken into the week's release, which runs in CCMT. */
  private void acceptedFixedAndReleased(ProcessInstance fix) {
    completeAs("devon", "analyseDefect", values("outcome", "ACCEPTED"), "development-team");
    completeAs("devon", "deliverDefectFix", values("buildVersion", "2.4.0"), "development-team");
    assertThat(fix).isWaitingAt("Gateway_AwaitRelease");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    releases.markRunningInLive("R-2026-W49");
  }

  @Test
  void shouldTakeAnAcceptedDefectFromAnalysisToAConfirmedFix() {
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");

    Task analysis = task(KEY, "analyseDefect");
    assertThat(analysis).hasCandidateGroup("development-team");
    assertThat(analysis.getName()).isEqualTo("Analyse defect D-40");
    assertThat(analysis.getDueDate().toInstant())
        .as("the S3 target time, P10D by default")
        .isEqualTo(Instant.parse("2026-12-10T09:00:00Z"));
    assertThat(
            (String) engine.getTaskService().getVariableLocal(analysis.getId(), "contextDefects"))
        .contains("Meter reads rejected for", "severity S3", "component Meter reads", "tessa");
    assertThat(
            (String) engine.getTaskService().getVariableLocal(analysis.getId(), "contextDeadline"))
        .contains("10 December 2026", "Europe/London");

    acceptedFixedAndReleased(fix);
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.RELEASED);

    Task confirmation = task(KEY, "confirmDefectFix");
    assertThat(confirmation).hasCandidateGroup("test-team");
    completeAs("tessa", "confirmDefectFix", values("fixConfirmed", "true"), "test-team");

    assertThat(fix).hasPassed("EndEvent_FixConfirmed").isEnded();
    Defect closed = defects.get(DEFECT);
    assertThat(closed.status()).isEqualTo(DefectStatus.CLOSED);
    assertThat(closed.closureReason()).isEqualTo("fix confirmed by the raiser");
  }

  @Test
  void shouldAskTheRaisersOrganisationForMoreInformationInItsOwnTenant() {
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    String paula = given.organisationUser("paula-df", "NLE");
    ProcessInstance fix = raise(DEFECT, "S2", paula);
    assertThat(fix.getTenantId()).isEqualTo("NLE");

    completeAs(
        "devon",
        "analyseDefect",
        values("outcome", "MORE_INFORMATION", "comment", "Which meter points?"),
        "development-team");
    Task ask = task(KEY, "provideDefectInformation");
    assertThat(ask).hasCandidateGroup("participant-NLE");
    assertThat(ask.getTenantId()).isEqualTo("NLE");
    // as the organisation's user sees it: the engine REST API gives it the organisation's tenant
    engine
        .getIdentityService()
        .setAuthentication(paula, List.of("participant-NLE", "participants"), List.of("NLE"));
    try {
      complete(KEY, "provideDefectInformation", values("information", "MPRNs 123 and 456"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    Task again = task(KEY, "analyseDefect");
    assertThat((String) engine.getTaskService().getVariableLocal(again.getId(), "contextRemoved"))
        .contains("More information from the raiser", "MPRNs 123 and 456");
    assertThat(fix).hasPassed("provideDefectInformation").isWaitingAt("analyseDefect");

    // the release to CCMT: the organisation confirms in its own Tasklist
    acceptedFixedAndReleased(fix);
    Task confirmation = task(KEY, "confirmDefectFix");
    assertThat(confirmation).hasCandidateGroup("participant-NLE");
    assertThat(confirmation.getTenantId()).isEqualTo("NLE");
  }

  @Test
  void shouldCloseWhatIsNotADefectOnlyWithAComment() {
    ProcessInstance fix = raise(DEFECT, "S4", "Test participant");
    assertThat(task(KEY, "analyseDefect")).hasCandidateGroup("development-team");

    assertThatThrownBy(
            () ->
                completeAs(
                    "devon",
                    "analyseDefect",
                    values("outcome", "NOT_A_DEFECT"),
                    "development-team"))
        .hasMessageContaining("comment");
    assertThatThrownBy(
            () ->
                completeAs(
                    "devon", "analyseDefect", values("outcome", "MAYBE"), "development-team"))
        .hasMessageContaining("outcome");
    assertThat(fix).isWaitingAt("analyseDefect");
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.RAISED);

    completeAs(
        "devon",
        "analyseDefect",
        values("outcome", "NOT_A_DEFECT", "comment", "Works as specified in the market rules"),
        "development-team");

    assertThat(fix).hasPassed("EndEvent_DefectClosedAtAnalysis", "EndEvent_DefectClosed").isEnded();
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.CLOSED);
    assertThat(defects.get(DEFECT).closureReason()).isEqualTo("not a defect");
    assertThatThrownBy(() -> defects.fix(DEFECT, new FixRequest("2.4.1")))
        .hasMessageContaining("CLOSED");
    assertThat(defects.get(DEFECT).buildVersion()).isNull();
  }

  @Test
  void shouldCloseADuplicateOfAnotherKnownDefectOnly() {
    given.raisedDefect("D-39");
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");
    String why = "Same as D-39";

    for (String wrong : new String[] {DEFECT, "D-999", null}) {
      assertThatThrownBy(
              () ->
                  completeAs(
                      "devon",
                      "analyseDefect",
                      values("outcome", "DUPLICATE", "duplicateOf", wrong, "comment", why),
                      "development-team"))
          .hasMessageContaining("duplicateOf");
    }
    assertThat(fix).isWaitingAt("analyseDefect");

    completeAs(
        "devon",
        "analyseDefect",
        values("outcome", "DUPLICATE", "duplicateOf", "D-39", "comment", why),
        "development-team");
    assertThat(fix).isEnded();
    assertThat(defects.get(DEFECT).closureReason()).isEqualTo("duplicate of D-39");
  }

  @Test
  void shouldChaseAMissedTargetTimeOnceUntilTheFixIsGivenOverTheApi() throws Exception {
    given.releaseManager("rachel");
    ProcessInstance fix = raise(DEFECT, "S1", "tessa");
    assertThat(task(KEY, "analyseDefect").getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));

    clockAt("2026-12-01T09:00:00Z");
    fireTimer(fix, "StartEvent_TargetTimePassed");
    runDueJobs();

    assertThat(TestMailServer.received())
        .filteredOn(mail -> subjectOf(mail).equals("Fix of defect D-40 is late"))
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.getAllRecipients())
                  .extracting(Object::toString)
                  .containsExactly("rachel@programme.example");
              assertThat(MailParts.alternativeOf(mail).text())
                  .contains("D-40 – Meter reads rejected for D-40", "(S1)", "1 December 2026");
            });
    assertThat(task(KEY, "chaseDefectFix")).hasCandidateGroup("release-managers");
    assertThat(fix).isWaitingAt("analyseDefect", "chaseDefectFix");

    // the fix given over the API before the analysis settles the work, and the chase goes with it
    defects.fix(DEFECT, new FixRequest("2.4.2")); // /api calls the engine unauthenticated
    assertThat(fix).hasPassed("Boundary_FixDeliveredOverApi").isWaitingAt("Gateway_AwaitRelease");
    assertThat(hasTask(KEY, "chaseDefectFix")).isFalse();
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.FIXED);
    assertThat(defects.candidates()).extracting(Defect::id).contains(DEFECT);
  }

  @Test
  void shouldLeaveTheWorkGoingOnWhenTheReleaseManagersHaveChasedIt() {
    given.releaseManager("rachel");
    ProcessInstance fix = raise(DEFECT, "S2", "tessa");
    clockAt("2026-12-03T09:00:00Z");
    fireTimer(fix, "StartEvent_TargetTimePassed");
    runDueJobs();

    completeAs("rachel", "chaseDefectFix", values(), "release-managers");

    assertThat(fix).hasPassed("EndEvent_LateFixChased").isWaitingAt("analyseDefect");
  }

  @Test
  void shouldCompleteTheDeliveryWhenTheFixIsGivenOverTheApi() {
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");
    completeAs("devon", "analyseDefect", values("outcome", "ACCEPTED"), "development-team");
    defects.fix(DEFECT, new FixRequest("2.5.0"));

    assertThat(fix).hasPassed("deliverDefectFix", "EndEvent_FixDelivered");
    assertThat(fix).isWaitingAt("Gateway_AwaitRelease");
    assertThat(defects.get(DEFECT).buildVersion()).isEqualTo("2.5.0");
  }

  @Test
  void shouldSendAFixThatFailedInternalTestingBackToTheDevelopmentTeamWithTheReason() {
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");
    completeAs("devon", "analyseDefect", values("outcome", "ACCEPTED"), "development-team");
    completeAs("devon", "deliverDefectFix", values("buildVersion", "2.4.0"), "development-team");
    given.weeklyReleaseOfFixedDefects("2026-W49");

    releases.removeFailedDefects("R-2026-W49", List.of(DEFECT));

    assertThat(fix).hasPassed("Event_FailedInternalTesting").isWaitingAt("deliverDefectFix");
    Defect open = defects.get(DEFECT);
    assertThat(open.status()).isEqualTo(DefectStatus.RAISED);
    assertThat(open.releaseId()).isNull();
    assertThat(defects.candidates()).extracting(Defect::id).doesNotContain(DEFECT);
    Task again = task(KEY, "deliverDefectFix");
    assertThat(again).hasCandidateGroup("development-team");
    assertThat((String) engine.getTaskService().getVariableLocal(again.getId(), "contextRemoved"))
        .contains("Failed internal testing in R\\-2026\\-W49");

    completeAs("devon", "deliverDefectFix", values("buildVersion", "2.4.1"), "development-team");
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.FIXED);
    assertThat(fix).isWaitingAt("Gateway_AwaitRelease");
  }

  @Test
  void shouldReopenAReleasedFixOnlyWithAReason() {
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");
    acceptedFixedAndReleased(fix);

    assertThatThrownBy(
            () ->
                completeAs("tessa", "confirmDefectFix", values("fixConfirmed", false), "test-team"))
        .hasMessageContaining("comment");
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.RELEASED);

    completeAs(
        "tessa",
        "confirmDefectFix",
        values("fixConfirmed", false, "comment", "Reads from smart meters still rejected"),
        "test-team");

    assertThat(fix).hasPassed("Gateway_FixConfirmed").isWaitingAt("analyseDefect");
    Defect reopened = defects.get(DEFECT);
    assertThat(reopened.status()).isEqualTo(DefectStatus.RAISED);
    assertThat(reopened.releaseId()).isNull();
  }

  @Test
  void shouldCloseAReleasedFixNobodyConfirmsInTime() {
    ProcessInstance fix = raise(DEFECT, "S3", "tessa");
    acceptedFixedAndReleased(fix);

    clockAt("2026-12-05T09:00:00Z");
    fireTimer(fix, "Timer_ConfirmationTimeUp");

    assertThat(fix).hasPassed("EndEvent_ReleasedNotConfirmed").isEnded();
    assertThat(defects.get(DEFECT).status()).isEqualTo(DefectStatus.CLOSED);
    assertThat(defects.get(DEFECT).closureReason()).isEqualTo("released, not confirmed");
  }

  @Test
  void shouldJoinADeferredEmergencyAtItsFix() {
    given.s1DefectStoppingTests(DEFECT);
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(KEY)
                .count())
        .as("an S1 that stops testing keeps the emergency path")
        .isZero();

    releases.defer("E-" + DEFECT);

    ProcessInstance fix = subProcess(KEY, "defectFix");
    assertThat(fix).hasNotPassed("analyseDefect").isWaitingAt("deliverDefectFix");
  }

  @Test
  void shouldJoinADefectWithAFixAtItsRelease() {
    ProcessInstance first = raise(DEFECT, "S3", "tessa");
    defects.fix(DEFECT, new FixRequest("2.6.0"));
    engine.getRuntimeService().deleteProcessInstance(first.getId(), "test: a defect of old");

    events.publishEvent(new WorkStarts(DEFECT, StartAt.RELEASE));
    events.publishEvent(new WorkStarts(DEFECT, StartAt.RELEASE));

    ProcessInstance fix = subProcess(KEY, "defectFix");
    assertThat(fix).hasNotPassed("SubProcess_FixDefect").isWaitingAt("Gateway_AwaitRelease");
  }

  private static String subjectOf(jakarta.mail.internet.MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
