package uk.ccmt.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.Groups;

/**
 * Every user-task completion of the emergency release of S1 defect D-7 becomes a decision: the
 * values submitted (and only those), the choice in words, who completed it (and the task is theirs
 * in history), and the comment; a refusal without a reason is refused itself, and leaves nothing.
 */
@CcmtTest
class DecisionRecordProcessTest extends ProcessTestSupport {

  private static final String RELEASE = "E-D-7";

  @Autowired DecisionRecord record;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
  }

  @Test
  void shouldRecordEachDecisionWithTheValuesSubmittedTheWordsAndTheUser() {
    ProcessInstance emergency = raiseS1Defect();
    as("rachel", () -> agreeImmediateDeployment("  Every switch fails  "), Groups.RELEASE_MANAGERS);
    as(
        "devon",
        () -> complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0")),
        Groups.DEVELOPMENT_TEAM);
    runDueJobs();
    as(
        "tessa",
        () -> complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray())),
        Groups.TEST_TEAM);
    runDueJobs();
    ronanDecidesOnTheFix(Map.of("fixApproved", true));

    List<Decision> decisions = record.about(RELEASE);
    assertThat(decisions)
        .extracting(Decision::task, Decision::decision, Decision::user)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "holdReleaseReview", "immediate deployment", "rachel"),
            org.assertj.core.groups.Tuple.tuple(
                "provideEmergencyFix", "provided build 3.0.0", "devon"),
            org.assertj.core.groups.Tuple.tuple("recordInternalTestResults", "signed off", "tessa"),
            org.assertj.core.groups.Tuple.tuple("approveEmergencyFix", "approved", "ronan"));
    assertThat(decisions.get(0).values())
        .as("what was submitted; the comment has a column of its own")
        .isEqualTo(Map.of("immediateDeployment", "true", "deploymentSchedule", "2026-11-30T15:00"));
    assertThat(decisions.get(0).comment()).isEqualTo("Every switch fails");
    assertThat(decisions.get(0).taskName()).isEqualTo("Hold release review – E-D-7");
    assertThat(decisions.get(2).values()).containsExactly(Map.entry("failedDefects", List.of()));
    assertThat(decisions.get(3).values())
        .as("only the values of this completion, not the whole process scope")
        .containsExactly(Map.entry("fixApproved", true));
    assertThat(decisions.get(3).comment())
        .as("the comment of an earlier decision is not this one's")
        .isNull();

    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .list()
                .stream()
                .filter(task -> task.getEndTime() != null)
                .map(task -> task.getTaskDefinitionKey() + "=" + task.getAssignee())
                .toList())
        .as("completed without a claim, each task is assigned to whoever completed it")
        .contains(
            "holdReleaseReview=rachel",
            "provideEmergencyFix=devon",
            "recordInternalTestResults=tessa",
            "approveEmergencyFix=ronan");
    assertThat(emergency.getId()).isNotNull();
  }

  @Test
  void shouldRefuseARefusalWithoutACommentAndKeepTheTaskOpenWithNoRow() {
    reachApproval();
    long before = record.about(RELEASE).size();

    assertThatThrownBy(() -> ronanDecidesOnTheFix(Map.of("fixApproved", false, "comment", "   ")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comment: a refused fix needs a comment saying why it is refused");
    assertThat(hasTask(RELEASE, "approveEmergencyFix")).as("the task stays open").isTrue();
    assertThat(record.about(RELEASE))
        .as("the refused completion left no row")
        .hasSize((int) before);
    assertThat(task(RELEASE, "approveEmergencyFix").getAssignee()).as("nor an assignee").isNull();

    ronanDecidesOnTheFix(
        Map.of("fixApproved", "false", "comment", "Build 3.0.0 breaks meter reads"));

    Decision refusal = record.about(RELEASE).get((int) before);
    assertThat(refusal.task()).isEqualTo("approveEmergencyFix");
    assertThat(refusal.decision()).isEqualTo("refused");
    assertThat(refusal.comment()).isEqualTo("Build 3.0.0 breaks meter reads");
    assertThat(refusal.user()).isEqualTo("ronan");
    assertThat(hasTask(RELEASE, "provideEmergencyFix")).as("another fix is asked for").isTrue();
  }

  @Test
  void shouldRecordEachApprovalOfASequentialMultiInstanceApproval() {
    ProcessInstance emergency = raiseS1Defect();
    engine.getRuntimeService().setVariable(emergency.getId(), "approvalsRequired", 2);
    agreeImmediateDeploymentAndProvide("3.0.0");

    as(
        "rachel",
        () -> complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true)),
        Groups.RELEASE_MANAGERS);
    ronanDecidesOnTheFix(Map.of("fixApproved", true));

    assertThat(record.about(RELEASE))
        .filteredOn(decision -> decision.task().equals("approveEmergencyFix"))
        .extracting(Decision::user, Decision::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rachel", "approved"),
            org.assertj.core.groups.Tuple.tuple("ronan", "approved"));
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskDefinitionKey("approveEmergencyFix")
                .finished()
                .list())
        .extracting(HistoricTaskInstance::getAssignee)
        .containsExactlyInAnyOrder("rachel", "ronan");
  }

  @Test
  void shouldKnowTheValuesOfAFormSubmittedAsTasklistDoesAndKeepThemBounded() {
    raiseS1Defect();
    String longText = "word ".repeat(600);
    engine.getIdentityService().setAuthentication("rachel", List.of(Groups.RELEASE_MANAGERS));
    try {
      engine
          .getFormService()
          .submitTaskForm(
              task(RELEASE, "holdReleaseReview").getId(),
              Map.of(
                  "releaseId",
                  RELEASE,
                  "defectId",
                  "D-7",
                  "immediateDeployment",
                  "false",
                  "comment",
                  longText));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    Decision review = record.about(RELEASE).get(0);
    assertThat(review.decision()).isEqualTo("deferred to the regular release");
    assertThat(review.values())
        .as("Tasklist submits the form's readonly fields too; they showed context, not a choice")
        .containsExactly(Map.entry("immediateDeployment", "false"));
    assertThat(review.comment()).hasSizeLessThanOrEqualTo(Excerpt.LIMIT).startsWith("word word");
    assertThat(review.user()).isEqualTo("rachel");
  }

  @Test
  void shouldCutALongSubmittedTextToAnExcerpt() {
    raiseS1Defect();
    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", "false", "reviewNotes", "line of notes\n".repeat(250)));

    Object notes = record.about(RELEASE).get(0).values().get("reviewNotes");
    assertThat(notes).asString().hasSizeLessThanOrEqualTo(Excerpt.LIMIT).contains("The whole text");
  }

  @Test
  void shouldRecordACompletionWithoutAnyValues() {
    raiseS1Defect();
    complete(RELEASE, "holdReleaseReview", Map.of("immediateDeployment", false));
    assertThat(record.about(RELEASE))
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.values())
                  .containsExactly(Map.entry("immediateDeployment", false));
              assertThat(decision.user()).as("the engine's own test call has no user").isNull();
            });
  }

  private ProcessInstance raiseS1Defect() {
    given.s1DefectStoppingTests("D-7");
    return subProcess(RELEASE, "emergencyRelease");
  }

  private void reachApproval() {
    raiseS1Defect();
    agreeImmediateDeploymentAndProvide("3.0.0");
  }

  private void agreeImmediateDeploymentAndProvide(String buildVersion) {
    agreeImmediateDeployment("an earlier comment");
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", buildVersion));
    runDueJobs();
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();
  }

  /** Ronan, a release manager who did not provide the fix, completes its approval. */
  private void ronanDecidesOnTheFix(Map<String, Object> values) {
    as("ronan", () -> complete(RELEASE, "approveEmergencyFix", values), Groups.RELEASE_MANAGERS);
  }

  /** The release review agrees to deploy at 15:00 today, in these words. */
  private void agreeImmediateDeployment(String comment) {
    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of(
            "immediateDeployment",
            "true",
            "deploymentSchedule",
            "2026-11-30T15:00",
            "comment",
            comment));
  }
}
