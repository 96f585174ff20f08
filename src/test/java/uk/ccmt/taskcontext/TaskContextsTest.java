package uk.ccmt.taskcontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * Every decision form shows what is being decided: the task-local context its form's text component
 * shows, set when the task opens, for the models as they are (no model names a listener for it).
 */
@CcmtTest
class TaskContextsTest extends ProcessTestSupport {

  private static final String WEEK = "R-2026-W49";
  private static final String EMERGENCY = "E-D-77";

  @Autowired ReleaseStarter starter;

  @Autowired DecisionRecord decisions;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T08:00:00Z");
  }

  @Test
  void shouldShowTheWeeksDefectsBuildEnvironmentDeadlineAndWhatWasRemovedWithWhy() {
    given.fixedDefectTitled("D-1", "Meter reads *lost* on {{switch}}", "5.0.0");
    given.fixedDefect("D-2", "5.0.0");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess(WEEK, "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");

    Map<String, Object> review = context("reviewReleaseContents");
    assertThat((String) review.get(TaskContexts.DEFECTS))
        .contains("**D\\-1** Meter reads \\*lost\\* on \\{\\{switch\\}\\}")
        .contains("severity S2", "component Switching", "**D\\-2**");
    assertThat((String) review.get(TaskContexts.DEADLINE))
        .isEqualTo("**Review by:** 1 December 2026, 12:00 GMT (Europe/London)");
    assertThat((String) review.get(TaskContexts.BUILD)).contains("5\\.0\\.0");
    assertThat((String) review.get(TaskContexts.ENVIRONMENT))
        .isEqualTo("**First environment:** DEV1 runs no release yet");

    complete(
        WEEK,
        "reviewReleaseContents",
        Map.of(
            "excludedDefects",
            jsonArray(),
            "buildVersion",
            "5.0.0",
            "comment",
            "all in, as agreed"));
    runDueJobs();

    Map<String, Object> testing = context("recordInternalTestResults");
    assertThat((String) testing.get(TaskContexts.BUILD)).isEqualTo("**Build:** 5\\.0\\.0");
    assertThat((String) testing.get(TaskContexts.DEADLINE))
        .as("the cut-off of the release that called the deployment")
        .isEqualTo("**Internal test cut-off:** 2 December 2026, 17:00 GMT (Europe/London)");
    assertThat((String) testing.get(TaskContexts.ENVIRONMENT))
        .startsWith("**Environment:** QAS2 runs R\\-2026\\-W49, build 5\\.0\\.0, since ")
        .contains("(Europe/London)");
    assertThat(formVariables("recordInternalTestResults"))
        .as("the review's comment is not offered again to the test team")
        .doesNotContainKey("comment");

    String testers = "Billing still loses reads";
    // what the decision-record listener writes as the task completes
    decisions.record(
        WEEK,
        "recordInternalTestResults",
        "Record internal test results",
        "failed D-2",
        Map.of("failedDefects", java.util.List.of("D-2")),
        "tessa",
        testers);
    complete(
        WEEK,
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray("D-2"), "comment", testers));
    runDueJobs();

    Map<String, Object> confirm = context("confirmReleaseContents");
    assertThat((String) confirm.get(TaskContexts.DEFECTS))
        .contains("**D\\-1**")
        .doesNotContain("D\\-2");
    assertThat((String) confirm.get(TaskContexts.REMOVED))
        .contains(
            "**D\\-2** Defect D\\-2 found in market trials (severity S2, component Switching):"
                + " failed internal testing; the test team said: Billing still loses reads");
    assertThat((String) confirm.get(TaskContexts.DEADLINE))
        .isEqualTo("**Deployment slot:** 3 December 2026, 10:00 GMT (Europe/London)");
    assertThat((String) confirm.get(TaskContexts.ENVIRONMENT))
        .isEqualTo("**Live environment:** CCMT runs no release yet");
    assertThat(textVariablesOverTheExcerptLimit()).isEmpty();
  }

  @Test
  void shouldShowTheS1DefectTheLiveEnvironmentAndTheAgreedTimeOnEmergencyDecisions() {
    clockAt("2026-11-30T09:00:00Z");
    given.s1DefectStoppingTests("D-77");
    subProcess(EMERGENCY, "emergencyRelease");

    Map<String, Object> review = context(EMERGENCY, "holdReleaseReview");
    assertThat((String) review.get(TaskContexts.DEFECTS))
        .contains("**S1 defect:**", "**D\\-77** Defect D\\-77 stops switching tests (severity S1");
    assertThat((String) review.get(TaskContexts.DEADLINE))
        .isEqualTo("**Release review due by:** 30 November 2026, 13:00 GMT (Europe/London)");

    complete(
        EMERGENCY,
        "holdReleaseReview",
        Map.of("immediateDeployment", "true", "deploymentSchedule", "2026-11-30T15:00"));
    complete(EMERGENCY, "provideEmergencyFix", Map.of("buildVersion", "3.0.7"));
    runDueJobs();
    complete(EMERGENCY, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();

    Map<String, Object> approval = context(EMERGENCY, "approveEmergencyFix");
    assertThat((String) approval.get(TaskContexts.BUILD)).startsWith("**Build:** 3\\.0\\.7");
    assertThat((String) approval.get(TaskContexts.DEADLINE))
        .isEqualTo("**Agreed deployment time:** 30 November 2026, 15:00 GMT (Europe/London)");
    assertThat((String) approval.get(TaskContexts.ENVIRONMENT))
        .isEqualTo("**Live environment:** CCMT runs no release yet");
  }

  @Test
  void shouldNameWhoProvidedTheFixAndCountTheApprovalsSoFar() {
    clockAt("2026-11-30T09:00:00Z");
    given.s1DefectStoppingTests("D-77");
    subProcess(EMERGENCY, "emergencyRelease");
    complete(
        EMERGENCY,
        "holdReleaseReview",
        Map.of("immediateDeployment", "true", "deploymentSchedule", "2026-11-30T15:00"));
    as(
        "devon",
        () -> complete(EMERGENCY, "provideEmergencyFix", Map.of("buildVersion", "3.0.8")),
        "development-team");
    runDueJobs();
    complete(EMERGENCY, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();

    assertThat((String) context(EMERGENCY, "approveEmergencyFix").get(TaskContexts.BUILD))
        .contains(
            "**Build:** 3\\.0\\.8",
            "**Provided by:** devon, who may not approve it",
            "**Approvals so far:** 0 of 1");
  }

  @Test
  void shouldShowTheLastAttemptsFailureWhenCorrectingReleaseErrors() {
    given.fixedDefect("D-3", "6.0.0-broken-in-QAS1");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess(WEEK, "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
    complete(
        WEEK,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "6.0.0-broken-in-QAS1"));
    runDueJobs();

    Map<String, Object> correction = context("correctReleaseErrors");
    assertThat((String) correction.get(TaskContexts.LAST_ATTEMPT))
        .contains(
            "attempt 1 in QAS1, build 6\\.0\\.0\\-broken\\-in\\-QAS1",
            "deployment failed (deployment exit code 3)",
            "missing database migration");
    assertThat((String) correction.get(TaskContexts.ENVIRONMENT))
        .startsWith("**Environment:** QAS1 runs no release yet");
    assertThat((String) correction.get(TaskContexts.BUILD))
        .isEqualTo("**Build that failed:** 6\\.0\\.0\\-broken\\-in\\-QAS1");
  }

  @Test
  void shouldShowTheViolationTheLastAttemptAndTheRouteWhenTheRouteToLiveIsViolated() {
    given.fixedDefect("D-4", "5.0.0");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess(WEEK, "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
    complete(
        WEEK,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();
    violateRouteToLive(
        subProcess(WEEK, "deployRelease"),
        "recordInternalTestResults",
        "Release R-2026-W49 must pass QAS1 before it can be deployed to QAS2");

    Map<String, Object> review = context("reviewRouteToLiveViolation");
    assertThat((String) review.get(TaskContexts.LAST_ATTEMPT))
        .startsWith(
            "**Violation:** Release R\\-2026\\-W49 must pass QAS1 before it can be deployed to QAS2")
        .contains("**Last attempt:** attempt 1 in QAS2, build 5\\.0\\.0");
    assertThat((String) review.get(TaskContexts.ENVIRONMENT))
        .contains(
            "**Route to live now:**", "- DEV1 runs R\\-2026\\-W49", "- CCMT runs no release yet");
    assertThat((String) review.get(TaskContexts.DEFECTS)).contains("**D\\-4**");
  }

  @Test
  void shouldShowTheChasesWhatIsLateAndTheDeadlineThatPassed() {
    given.fixedDefectTitled("D-5", "Switch requests time out", "5.0.0");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess(WEEK, "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
    clockAt("2026-12-01T12:00:00Z");
    fireTimer(week, "Timer_ProvisionalNoteDeadline");

    Map<String, Object> lateNote = context("chaseProvisionalReleaseNote");
    assertThat((String) lateNote.get(TaskContexts.DEFECTS)).contains("Switch requests time out");
    assertThat((String) lateNote.get(TaskContexts.DEADLINE))
        .isEqualTo("**Was due by:** 1 December 2026, 12:00 GMT (Europe/London)");

    complete(WEEK, "chaseProvisionalReleaseNote", Map.of());
    complete(
        WEEK,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();
    clockAt("2026-12-02T17:00:00Z");
    fireTimer(week, "Timer_InternalTestCutOff");

    Map<String, Object> lateTests = context("chaseInternalTestResults");
    assertThat((String) lateTests.get(TaskContexts.BUILD)).isEqualTo("**Build:** 5\\.0\\.0");
    assertThat((String) lateTests.get(TaskContexts.DEADLINE))
        .isEqualTo("**Internal test cut-off:** 2 December 2026, 17:00 GMT (Europe/London)");
  }

  @Test
  void shouldEscapeWhatPeopleTypedSoThatItShowsAsTyped() {
    assertThat(Markdown.escape("# [x](http://e) <b>{{a}}</b>\nnext"))
        .isEqualTo("\\# \\[x\\]\\(http://e\\) \\<b\\>\\{\\{a\\}\\}\\</b\\> next");
  }

  private Map<String, Object> context(String taskKey) {
    return context(WEEK, taskKey);
  }

  private Map<String, Object> context(String businessKey, String taskKey) {
    return engine.getTaskService().getVariablesLocal(task(businessKey, taskKey).getId());
  }

  private Map<String, Object> formVariables(String taskKey) {
    return engine.getFormService().getTaskFormVariables(task(WEEK, taskKey).getId());
  }
}
