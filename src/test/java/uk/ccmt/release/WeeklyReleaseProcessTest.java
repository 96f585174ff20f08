package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.note.NoteKind;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.system.ConflictException;

/** The regular weekly release of week 2026-W49: Monday 30 November to Thursday 3 December 2026. */
@CcmtTest
class WeeklyReleaseProcessTest extends ProcessTestSupport {

  private static final String RELEASE = "R-2026-W49";
  private static final String MONDAY_9AM = "2026-11-30T09:00:00Z";
  private static final String TUESDAY_NOON = "2026-12-01T12:00:00Z";
  private static final String WEDNESDAY_5PM = "2026-12-02T17:00:00Z";
  private static final String THURSDAY_10AM = "2026-12-03T10:00:00Z";

  @Autowired ReleaseStarter starter;

  @Autowired ReleaseService releases;

  @Autowired DeploymentService deployments;

  @Autowired ReleaseNoteService notes;

  @Autowired uk.ccmt.build.Builds builds;

  @Autowired uk.ccmt.freeze.Freezes freezes;

  @Autowired WeeklySlots slots;

  @Autowired uk.ccmt.decision.DecisionRecord decisions;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T08:00:00Z");
  }

  @Test
  void shouldReleaseTheWeeksFixedDefectsToCcmtOnThursday() {
    given.fixedDefects("5.0.0", "D-1");
    given.fixedDefects("5.0.1", "D-2");

    ProcessInstance week = startWeek();
    assertThat(week).isWaitingAt("Timer_CycleStart");
    reachReview(week);
    assertThat(task(RELEASE, "reviewReleaseContents")).hasCandidateGroup("release-managers");
    assertThat(
            engine
                .getTaskService()
                .getVariable(task(RELEASE, "reviewReleaseContents").getId(), "buildVersion"))
        .as("the newest fix's build is proposed")
        .isEqualTo("5.0.1");
    assertThat(task(RELEASE, "reviewReleaseContents").getName())
        .isEqualTo("Review release contents – R-2026-W49");
    assertThat(task(RELEASE, "reviewReleaseContents").getDueDate().toInstant())
        .isEqualTo(london(DayOfWeek.TUESDAY, "12:00"));

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.1"));
    runDueJobs();
    assertThat(notesOf(NoteKind.PROVISIONAL))
        .singleElement()
        .satisfies(
            note -> assertThat(note.summary()).contains("D-1", "D-2", "Thursday 3 December 2026"));
    assertThat(task(RELEASE, "recordInternalTestResults")).hasCandidateGroup("test-team");

    assertThat(task(RELEASE, "recordInternalTestResults").getName())
        .isEqualTo("Record internal test results – R-2026-W49 in QAS2");
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    complete(RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", "true"));
    assertThat(week).isWaitingAt("Gateway_WaitForDeploymentSlot");
    assertThat(dueDateOf(week, "Timer_ThursdayDeploymentSlot"))
        .isEqualTo(london(DayOfWeek.THURSDAY, "10:00"));

    clockAt(THURSDAY_10AM);
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed("CallActivity_DeployToLive", "Task_CreateFinalNote", "EndEvent_ReleaseDeployed");
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
    assertThat(defectStatus("D-1")).isEqualTo("RELEASED");
    assertThat(defectStatus("D-2")).isEqualTo("RELEASED");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .containsExactly("DEV1", "QAS1", "QAS2", "CCMT");
    assertThat(notesOf(NoteKind.FINAL))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.summary())
                    .contains("D-1", "D-2", "CCMT: deployed, smoke tests passed"));
  }

  @Test
  void shouldRecordNoReleaseForAWeekWithoutFixedDefects() {
    given.raisedDefect("D-1");

    ProcessInstance week = startWeek();
    reachReview(week);
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed(
            "Task_RecordNoRelease", "Task_SendNoReleaseNotice", "EndEvent_NoReleaseThisWeek");
    assertThat(status(RELEASE)).isEqualTo("NO_RELEASE");
    assertThat(notesOf(NoteKind.NO_RELEASE)).hasSize(1);
    assertThat(defectStatus("D-1")).isEqualTo("RAISED");
  }

  @Test
  void shouldKeepADefectThatFailsInternalTestingForALaterWeek() {
    given.fixedDefects("5.0.0", "D-1", "D-2");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);

    failInternalTesting("fails", "D-2");

    assertThat(week).isWaitingAt("confirmReleaseContents");
    assertThat(
            engine
                .getTaskService()
                .getVariable(task(RELEASE, "confirmReleaseContents").getId(), "releaseContents"))
        .asString()
        .contains("D-1")
        .doesNotContain("D-2");
    assertThat(defectStatus("D-2"))
        .as("D-2 is no candidate: it goes back to the development team (issue 15)")
        .isEqualTo("RAISED");
    assertThat(releases.removedDefects(RELEASE))
        .singleElement()
        .satisfies(change -> assertThat(change.reason()).isEqualTo("FAILED_INTERNAL_TESTING"));
    assertThat(hasTask("D-D-2", "deliverDefectFix")).as("D-2 waits for another fix").isTrue();
    assertThat(
            jdbc.sql("select count(*) from defect where status = 'FIXED' and release_id is null")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void shouldCancelTheReleaseWhenEveryDefectFailsInternalTesting() {
    given.fixedDefects("5.0.0", "D-1", "D-2");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);

    failInternalTesting("fail", "D-1", "D-2");
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed("Task_CancelRelease", "EndEvent_ReleaseCancelled")
        .hasNotPassed("confirmReleaseContents");
    assertThat(status(RELEASE)).isEqualTo("CANCELLED");
    assertThat(List.of(defectStatus("D-1"), defectStatus("D-2")))
        .as("back with the development team for another fix")
        .containsOnly("RAISED");
  }

  @Test
  void shouldCancelTheReleaseWhenItsContentsAreNotConfirmed() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);

    assertThatThrownBy(
            () ->
                complete(RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", "perhaps")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("contentsConfirmed");
    rejectContents("not ready");
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed("EndEvent_ReleaseCancelled")
        .hasNotPassed("Timer_ThursdayDeploymentSlot");
    assertThat(status(RELEASE)).isEqualTo("CANCELLED");
    assertThat(defectStatus("D-1")).isEqualTo("FIXED");
  }

  @Test
  void shouldCancelTheReleaseWhenTheReviewLeavesEveryDefectOut() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", "[\"D-1\"]", "buildVersion", "5.0.0"));

    assertThat(week)
        .isEnded()
        .hasPassed("Gateway_DefectsLeftAfterReview", "EndEvent_ReleaseCancelled")
        .hasNotPassed("Task_CreateProvisionalNote");
    assertThat(releases.removedDefects(RELEASE))
        .singleElement()
        .satisfies(change -> assertThat(change.reason()).isEqualTo("EXCLUDED_AT_REVIEW"));
  }

  @Test
  void shouldRefuseToLeaveOutADefectThatIsNotInTheRelease() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);

    assertThatThrownBy(
            () ->
                complete(
                    RELEASE,
                    "reviewReleaseContents",
                    Map.of("excludedDefects", jsonArray("D-404"), "buildVersion", "5.0.0")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("excludedDefects: D-404 is not in release R-2026-W49 (it holds D-1)");
    assertThatThrownBy(
            () ->
                complete(
                    RELEASE,
                    "reviewReleaseContents",
                    Map.of("excludedDefects", "D-1", "buildVersion", "5.0.0")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("must be a JSON array");

    assertThat(week).isWaitingAt("reviewReleaseContents");
    assertThat(releases.removedDefects(RELEASE)).isEmpty();
  }

  @Test
  void shouldChaseTheProvisionalNoteWhenTheReviewMissesTuesdaysDeadline() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    assertThat(dueDateOf(week, "Timer_ProvisionalNoteDeadline"))
        .isEqualTo(london(DayOfWeek.TUESDAY, "12:00"));

    clockAt(TUESDAY_NOON);
    fireTimer(week, "Timer_ProvisionalNoteDeadline");

    assertThat(task(RELEASE, "chaseProvisionalReleaseNote")).hasCandidateGroup("release-managers");
    assertThat(week).isWaitingAt("reviewReleaseContents", "chaseProvisionalReleaseNote");
    complete(RELEASE, "chaseProvisionalReleaseNote", Map.of());
    assertThat(week)
        .hasPassed("EndEvent_ProvisionalNoteChased")
        .isWaitingAt("reviewReleaseContents");
  }

  @Test
  void shouldEscalateLateInternalTestingWithoutStoppingIt() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);
    assertThat(dueDateOf(week, "Timer_InternalTestCutOff"))
        .isEqualTo(london(DayOfWeek.WEDNESDAY, "17:00"));

    clockAt(WEDNESDAY_5PM);
    fireTimer(week, "Timer_InternalTestCutOff");

    assertThat(task(RELEASE, "chaseInternalTestResults")).hasCandidateGroup("release-managers");
    assertThat(hasTask(RELEASE, "recordInternalTestResults")).as("testing goes on").isTrue();
    complete(RELEASE, "chaseInternalTestResults", Map.of());
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    assertThat(week)
        .hasPassed("EndEvent_InternalTestingChased")
        .isWaitingAt("confirmReleaseContents");
  }

  @Test
  void shouldStartTheWeekFromTheMondayTimerWithTheSameReleaseIdAsTheApi() {
    given.fixedDefects("5.0.0", "D-1");
    clockAt(MONDAY_9AM);
    Job mondayStart = mondayStartJob();
    assertThat(mondayStart.getDuedate().toInstant().atZone(ZoneId.of("Europe/London")))
        .satisfies(
            due -> {
              assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
              assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            });

    engine.getManagementService().executeJob(mondayStart.getId());

    ProcessInstance week = subProcess(RELEASE, "weeklyRelease");
    assertThat(week).isNotNull().hasBusinessKey(RELEASE);
    assertThat(engine.getRuntimeService().getVariable(week.getId(), "week")).isEqualTo("2026-W49");
    assertThatThrownBy(() -> starter.startWeekly("2026-W49")).isInstanceOf(ConflictException.class);
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldEndASecondStartOfTheSameWeekAtOnce() {
    startWeek();
    clockAt(MONDAY_9AM);
    Job mondayStart = mondayStartJob();

    engine.getManagementService().executeJob(mondayStart.getId());

    List<HistoricProcessInstance> starts =
        engine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(RELEASE)
            .processDefinitionKey("weeklyRelease")
            .list();
    assertThat(starts).hasSize(2);
    HistoricProcessInstance second =
        starts.stream().filter(start -> start.getEndTime() != null).findFirst().orElseThrow();
    assertThat(second.getEndActivityId()).isEqualTo("EndEvent_WeekAlreadyStarted");
    assertThat(releases.list()).hasSize(1);
  }

  @Test
  void shouldShowARouteToLiveViolationAtTheLiveDeploymentToTheReleaseManagers() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    confirmContents();
    // Before Thursday, the QAS2 sign-off is withdrawn (QAS2 was rebuilt): CCMT must now refuse it.
    jdbc.sql("update release_environment set passed_at = null where environment = 'QAS2'").update();

    clockAt(THURSDAY_10AM);
    fireTimer(week, "Timer_ThursdayDeploymentSlot");

    assertThat(week)
        .isWaitingAt("reviewRouteToLiveViolation")
        .hasPassed("Error_LiveDeploymentRouteViolated");
    assertThat(engine.getRuntimeService().getVariable(week.getId(), "routeToLiveViolation"))
        .isEqualTo(
            "Release R-2026-W49 build 5.0.0 must pass QAS2 before it can be deployed to CCMT");
    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    runDueJobs();
    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseCancelled");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");
  }

  @Test
  void shouldShowARouteToLiveViolationDuringPromotionToTheReleaseManagers() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    acceptContents("5.0.0");
    runDueJobs();
    ProcessInstance qas2 = subProcess(RELEASE, "deployRelease");
    violateRouteToLive(
        qas2,
        "recordInternalTestResults",
        "Release R-2026-W49 must pass QAS1 before it can be deployed to QAS2");

    assertThat(week)
        .isWaitingAt("reviewRouteToLiveViolation")
        .hasPassed("Error_PromotionRouteViolated");
    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    runDueJobs();
    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseCancelled");
    assertThat(status(RELEASE)).isEqualTo("CANCELLED");
  }

  @Test
  void shouldRemoveTheProvisionalNoteChaseOnceTheReviewIsHeldAndEndTheWeek() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    clockAt(TUESDAY_NOON);
    fireTimer(week, "Timer_ProvisionalNoteDeadline");
    assertThat(hasTask(RELEASE, "chaseProvisionalReleaseNote")).isTrue();

    acceptContents("5.0.0");

    assertThat(hasTask(RELEASE, "chaseProvisionalReleaseNote"))
        .as("the chase ends with the review")
        .isFalse();
    assertThat(week)
        .hasPassed("EndEvent_ReviewHeld")
        .hasNotPassed("EndEvent_ProvisionalNoteChased");
    runDueJobs();
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    deployOnThursday(week);
    assertEndedWithNothingLeftOpen(week);
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
  }

  @Test
  void shouldRemoveTheInternalTestingChaseOnceTestingIsSignedOffAndEndTheWeek() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);
    clockAt(WEDNESDAY_5PM);
    fireTimer(week, "Timer_InternalTestCutOff");
    assertThat(hasTask(RELEASE, "chaseInternalTestResults")).isTrue();

    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));

    assertThat(hasTask(RELEASE, "chaseInternalTestResults"))
        .as("the chase ends with the testing")
        .isFalse();
    assertThat(week)
        .hasPassed("EndEvent_PromotedThroughInternalTesting")
        .isWaitingAt("confirmReleaseContents");
    deployOnThursday(week);
    assertEndedWithNothingLeftOpen(week);
  }

  @Test
  void shouldRemoveBothChasesWhenAWeekWhoseDeadlinesAllPassedIsCompleted() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);
    clockAt(TUESDAY_NOON);
    fireTimer(week, "Timer_ProvisionalNoteDeadline");
    acceptContents("5.0.0");
    runDueJobs();
    clockAt(WEDNESDAY_5PM);
    fireTimer(week, "Timer_InternalTestCutOff");
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));

    deployOnThursday(week);

    assertEndedWithNothingLeftOpen(week);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceId(week.getId())
                .taskDefinitionKeyIn("chaseProvisionalReleaseNote", "chaseInternalTestResults")
                .list())
        .as("both chases were raised, and both are closed")
        .hasSize(2)
        .allSatisfy(chase -> assertThat(chase.getEndTime()).isNotNull());
  }

  @Test
  void shouldRemoveTheInternalTestingChaseWhenEveryDefectFailsAndTheReleaseIsCancelled() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);
    clockAt(WEDNESDAY_5PM);
    fireTimer(week, "Timer_InternalTestCutOff");

    failInternalTesting("fails", "D-1");
    runDueJobs();

    assertEndedWithNothingLeftOpen(week);
    assertThat(week).hasPassed("EndEvent_ReleaseCancelled");
    assertThat(status(RELEASE)).isEqualTo("CANCELLED");
  }

  @Test
  void shouldRemoveTheInternalTestingChaseWhenThePromotionViolatesTheRouteToLive() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);
    clockAt(WEDNESDAY_5PM);
    fireTimer(week, "Timer_InternalTestCutOff");

    violateRouteToLive(
        subProcess(RELEASE, "deployRelease"),
        "recordInternalTestResults",
        "Release R-2026-W49 must pass QAS1 before it can be deployed to QAS2");

    assertThat(hasTask(RELEASE, "chaseInternalTestResults"))
        .as("the violation ends the chase too")
        .isFalse();
    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    runDueJobs();
    assertEndedWithNothingLeftOpen(week);
    assertThat(notesOf(NoteKind.CANCELLED))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.bodyText())
                    .contains(
                        "the route to live was violated",
                        "must pass QAS1 before it can be deployed to QAS2"));
  }

  @Test
  void shouldAnnounceACancellationWithItsReasonOnceTheProvisionalNoteHasGoneOut() {
    given.fixedDefects("5.0.0", "D-1", "D-2");
    ProcessInstance week = startWeek();
    reachInternalTesting(week);

    failInternalTesting("fail", "D-1", "D-2");
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed(
            "Task_CreateCancellationNote",
            "Task_SendCancellationNote",
            "EndEvent_ReleaseCancelled");
    assertThat(releases.cancellation(RELEASE))
        .hasValueSatisfying(
            cancellation ->
                assertThat(cancellation.reason())
                    .isEqualTo(CancellationReason.EVERY_DEFECT_FAILED_INTERNAL_TESTING));
    assertThat(notesOf(NoteKind.CANCELLED))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.title()).isEqualTo("Release cancelled R-2026-W49");
              assertThat(note.summary())
                  .contains("Thursday 3 December 2026", "every defect failed internal testing");
              assertThat(note.bodyText())
                  .contains("D-1", "D-2", "stay candidates for a later release");
            });
  }

  @Test
  void shouldSayTheContentsWereNotConfirmedInTheCancellationNote() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);

    rejectContents("not ready");
    runDueJobs();

    assertThat(week).isEnded().hasPassed("Task_SendCancellationNote");
    assertThat(notesOf(NoteKind.CANCELLED))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.summary())
                    .contains("the release managers did not confirm its contents"));
  }

  @Test
  void shouldNotAnnounceACancellationBeforeAnyNoteWentToParticipants() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    reachReview(week);

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray("D-1"), "buildVersion", "5.0.0"));
    runDueJobs();

    assertThat(week)
        .isEnded()
        .hasPassed("Gateway_ReleaseNoteShared", "EndEvent_ReleaseCancelled")
        .hasNotPassed("Task_CreateCancellationNote");
    assertThat(notes.notesOf(RELEASE)).isEmpty();
    assertThat(releases.cancellation(RELEASE))
        .hasValueSatisfying(
            cancellation ->
                assertThat(cancellation.reason())
                    .isEqualTo(CancellationReason.EVERY_DEFECT_LEFT_OUT_AT_REVIEW));
  }

  @Test
  void shouldProposeTheBuildCcmtRunsWhenTheWeeksFixesAreOlderAndRefuseAnOlderBuild() {
    given.fixedDefects("1.4.1", "D-1");
    builds.register("1.4.2", java.time.Instant.now());
    jdbc.sql(
            "update environment set current_release_id = 'E-D-9', current_build_version = '1.4.2' where name = 'CCMT'")
        .update();
    ProcessInstance week = startWeek();
    reachReview(week);

    assertThat(
            engine
                .getTaskService()
                .getVariable(task(RELEASE, "reviewReleaseContents").getId(), "buildVersion"))
        .as("never older than what CCMT runs")
        .isEqualTo("1.4.2");
    assertThatThrownBy(
            () ->
                complete(
                    RELEASE,
                    "reviewReleaseContents",
                    Map.of("excludedDefects", jsonArray(), "buildVersion", "1.4.1")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage(
            "buildVersion: 1.4.1 is older than 1.4.2, which CCMT runs for release E-D-9: a release may not"
                + " take CCMT back to an older build");

    assertThat(week).isWaitingAt("reviewReleaseContents");
    assertThat(releases.get(RELEASE).buildVersion()).isEqualTo("1.4.2");
  }

  @Test
  void shouldShowLongReleaseContentsAsABoundedExcerptThatPointsToTheWholeRelease() {
    for (int i = 1; i <= 40; i++) {
      given.fixedDefectTitled(
          "D-" + i,
          "A long defect title that says a great deal about switching ".repeat(6).strip(),
          "5.0.0");
    }
    ProcessInstance week = startWeek();
    reachReview(week);

    String contents =
        (String)
            engine
                .getTaskService()
                .getVariableLocal(
                    task(RELEASE, "reviewReleaseContents").getId(), "releaseContents");
    assertThat(contents)
        .hasSizeLessThanOrEqualTo(1000)
        .startsWith("D-1 – A long defect title")
        .endsWith("more: see GET /api/releases/" + RELEASE);
  }

  @Test
  void shouldMoveASlotInACcmtFreezeToTheFirstSlotAfterItAndAnnounceItOnce() throws Exception {
    given.fixedDefects("5.0.0", "D-1");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    freezes.declare(
        List.of("CCMT"), "2026-12-02T18:00", "2026-12-03T15:00", "Industry cut-over", "rachel");
    uk.ccmt.support.TestMailServer.purge();

    confirmContents();
    runDueJobs();

    assertThat(week)
        .isWaitingAt("Gateway_WaitForDeploymentSlot")
        .hasPassed(
            "Task_CheckDeploymentSlot", "Task_CreateSlotMovedNote", "Task_SendSlotMovedNote");
    assertThat(dueDateOf(week, "Timer_ThursdayDeploymentSlot"))
        .as("10:00 on the next working day after the freeze")
        .isEqualTo(london(DayOfWeek.FRIDAY, "10:00"));
    assertThat(releases.get(RELEASE).plannedDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 4));
    assertThat(notesOf(NoteKind.SLOT_MOVED))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.summary())
                    .contains(
                        "Release R-2026-W49 moves to 4 December 2026, 10:00 GMT (Europe/London)",
                        "because CCMT is frozen from",
                        "Industry cut-over"));
    assertThat(uk.ccmt.support.TestMailServer.received())
        .filteredOn(mail -> subject(mail).startsWith("Deployment slot moved R-2026-W49"))
        .hasSize(1);

    clockAt(THURSDAY_10AM);
    assertThat(executableJobs(week).count()).as("nothing is due on Thursday").isZero();
    clockAt("2026-12-04T10:00:00Z");
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();

    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseDeployed");
    assertThat(notesOf(NoteKind.SLOT_MOVED)).hasSize(1);
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
  }

  @Test
  void shouldSayNoReleaseThisWeekWhenTheFreezeRunsPastNextWeeksSlot() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    freezes.declare(
        List.of("CCMT"), "2026-12-02T18:00", "2026-12-11T12:00", "Year-end freeze", "rachel");

    confirmContents();
    runDueJobs();

    assertThat(week)
        .hasPassed("Task_RecordNoReleaseForFreeze", "EndEvent_NoReleaseThisWeekFreeze")
        .hasNotPassed("CallActivity_DeployToLive", "Task_CreateSlotMovedNote");
    assertEndedWithNothingLeftOpen(week);
    assertThat(status(RELEASE)).isEqualTo("NO_RELEASE");
    assertThat(defectStatus("D-1")).as("a candidate for a later week").isNotEqualTo("RELEASED");
    assertThat(notesOf(NoteKind.NO_RELEASE))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.summary())
                    .startsWith("No release this week (freeze)")
                    .contains("Year-end freeze"));
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");
  }

  @Test
  void shouldHoldTheDeploymentToCcmtInAFreezeDeclaredLateUntilTheFreezeEnds() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    confirmContents();
    assertThat(week).isWaitingAt("Gateway_WaitForDeploymentSlot");
    freezes.declare(
        List.of("CCMT"), "2026-12-03T09:00", "2026-12-03T13:00", "Emergency cut-over", "rachel");

    clockAt(THURSDAY_10AM);
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();

    ProcessInstance live = subProcess(RELEASE, "deployRelease");
    assertThat(live).isWaitingAt("overrideFreeze");
    assertThat(task(RELEASE, "overrideFreeze").getName())
        .isEqualTo("Deploy R-2026-W49 to CCMT during freeze?");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");

    clockAt("2026-12-03T13:00:00Z");
    fireTimer(live, "Timer_FreezeEnded");
    runDueJobs();

    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseDeployed");
    assertThat(deployments.history(RELEASE))
        .filteredOn(attempt -> attempt.environment().equals("CCMT"))
        .singleElement()
        .satisfies(
            attempt ->
                assertThat(attempt.startedAt())
                    .isAfterOrEqualTo(java.time.Instant.parse("2026-12-03T13:00:00Z")));
  }

  @Test
  void shouldWaitForTheSlotAReleaseManagerMovedAndAnnounceTheMove() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    assertThatThrownBy(() -> slots.move(RELEASE, "2026-12-04T14:00", "Bank holiday", "rachel"))
        .isInstanceOf(uk.ccmt.system.InvalidInputException.class)
        .hasMessageContaining("not waiting for its deployment slot yet");
    confirmContents();

    slots.move(RELEASE, "2026-12-04T14:00", "Bank holiday in Scotland", "rachel");
    runDueJobs();

    assertThat(week)
        .isWaitingAt("Gateway_WaitForDeploymentSlot")
        .hasPassed("Event_DeploymentSlotMoved");
    assertThat(dueDateOf(week, "Timer_ThursdayDeploymentSlot"))
        .isEqualTo(london(DayOfWeek.FRIDAY, "14:00"));
    assertThat(notesOf(NoteKind.SLOT_MOVED))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.summary())
                    .contains("moves to 4 December 2026, 14:00 GMT", "Bank holiday in Scotland"));
    assertThat(decisions.about(RELEASE))
        .anySatisfy(
            decision -> {
              assertThat(decision.task()).isEqualTo("moveDeploymentSlot");
              assertThat(decision.user()).isEqualTo("rachel");
              assertThat(decision.comment()).isEqualTo("Bank holiday in Scotland");
            });

    clockAt(THURSDAY_10AM);
    assertThat(executableJobs(week).count()).as("the old slot's timer is gone").isZero();
    clockAt("2026-12-04T14:00:00Z");
    assertThat(executableJobs(week).timers().count()).isEqualTo(1);
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();
    assertThat(week).isEnded().hasPassed("EndEvent_ReleaseDeployed");

    assertThatThrownBy(() -> slots.move(RELEASE, "2026-12-10T10:00", "Too late", "rachel"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void shouldRefuseASlotInThePastInAFreezeOrWithoutAReasonAndWriteNothing() {
    given.fixedDefects("5.0.0", "D-1");
    ProcessInstance week = startWeek();
    passInternalTesting(week);
    confirmContents();
    freezes.declare(
        List.of("CCMT"), "2026-12-07T00:00", "2026-12-08T00:00", "Test window", "rachel");

    assertThatThrownBy(() -> slots.move(RELEASE, "2026-11-29T10:00", "Bank holiday", "rachel"))
        .hasMessageStartingWith("slot: ")
        .hasMessageContaining("is in the past");
    assertThatThrownBy(() -> slots.move(RELEASE, "2026-12-07T10:00", "Bank holiday", "rachel"))
        .hasMessageStartingWith("slot: ")
        .hasMessageContaining("inside freeze F-");
    assertThatThrownBy(() -> slots.move(RELEASE, "2026-12-04T10:00", " ", "rachel"))
        .hasMessageStartingWith("reason: ");
    assertThatThrownBy(() -> slots.move(RELEASE, "next Friday", "Bank holiday", "rachel"))
        .hasMessageStartingWith("slot: ");

    assertThat(week).isWaitingAt("Gateway_WaitForDeploymentSlot");
    assertThat(dueDateOf(week, "Timer_ThursdayDeploymentSlot"))
        .isEqualTo(london(DayOfWeek.THURSDAY, "10:00"));
    assertThat(slots.latestMove(RELEASE)).isEmpty();
    assertThat(decisions.about(RELEASE)).noneMatch(d -> d.task().equals("moveDeploymentSlot"));
  }

  private static String subject(jakarta.mail.internet.MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void deployOnThursday(ProcessInstance week) {
    confirmContents();
    clockAt(THURSDAY_10AM);
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();
    assertThat(week).hasPassed("EndEvent_ReleaseDeployed");
  }

  /**
   * What Cockpit shows as finished: no open task, no active instance of the release, every one with
   * an end time.
   */
  private void assertEndedWithNothingLeftOpen(ProcessInstance week) {
    assertThat(week).isEnded();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(RELEASE).list())
        .isEmpty();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .list())
        .as("no weeklyRelease or deployRelease instance of the release is left active")
        .isEmpty();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .list())
        .isNotEmpty()
        .allSatisfy(instance -> assertThat(instance.getEndTime()).isNotNull());
  }

  private ProcessInstance startWeek() {
    starter.startWeekly("2026-W49");
    return subProcess(RELEASE, "weeklyRelease");
  }

  private void reachReview(ProcessInstance week) {
    clockAt(MONDAY_9AM);
    fireTimer(week, "Timer_CycleStart");
  }

  private void reachInternalTesting(ProcessInstance week) {
    reachReview(week);
    acceptContents("5.0.0");
    runDueJobs();
    assertThat(hasTask(RELEASE, "recordInternalTestResults")).isTrue();
  }

  /** The release managers take the proposed contents as they are, with this build. */
  private void acceptContents(String build) {
    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", build));
  }

  /** Internal testing reached, and every defect passes it. */
  private void passInternalTesting(ProcessInstance week) {
    reachInternalTesting(week);
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
  }

  private void failInternalTesting(String comment, String... defects) {
    complete(
        RELEASE,
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray(defects), "comment", comment));
  }

  private void confirmContents() {
    complete(RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", true));
  }

  private void rejectContents(String comment) {
    complete(
        RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", false, "comment", comment));
  }

  private org.camunda.bpm.engine.runtime.JobQuery executableJobs(ProcessInstance week) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(week.getId())
        .executable();
  }

  private java.time.Instant dueDateOf(ProcessInstance instance, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(activityId)
        .singleResult()
        .getDuedate()
        .toInstant();
  }

  private static java.time.Instant london(DayOfWeek day, String time) {
    return ZonedDateTime.of(
            ReleaseWeek.parse("2026-W49").day(day),
            LocalTime.parse(time),
            ZoneId.of("Europe/London"))
        .toInstant();
  }

  private List<ReleaseNote> notesOf(NoteKind kind) {
    return notes.notesOf(RELEASE).stream().filter(note -> note.kind() == kind).toList();
  }
}
