package uk.ccmt.release;

import static uk.ccmt.release.WeeklyReleaseVariables.APPROPRIATE_DEFECTS;
import static uk.ccmt.release.WeeklyReleaseVariables.BUILD_VERSION;
import static uk.ccmt.release.WeeklyReleaseVariables.CONTENTS_CONFIRMED;
import static uk.ccmt.release.WeeklyReleaseVariables.CYCLE_START;
import static uk.ccmt.release.WeeklyReleaseVariables.DEFECTS_REMAINING;
import static uk.ccmt.release.WeeklyReleaseVariables.DEFECT_CHOICES;
import static uk.ccmt.release.WeeklyReleaseVariables.DEPLOYMENT_SLOT;
import static uk.ccmt.release.WeeklyReleaseVariables.EXCLUDED_DEFECTS;
import static uk.ccmt.release.WeeklyReleaseVariables.INTERNAL_TESTING_DUE;
import static uk.ccmt.release.WeeklyReleaseVariables.PROVISIONAL_NOTE_DUE;
import static uk.ccmt.release.WeeklyReleaseVariables.RELEASE_ALREADY_REGISTERED;
import static uk.ccmt.release.WeeklyReleaseVariables.RELEASE_CONTENTS;
import static uk.ccmt.release.WeeklyReleaseVariables.RELEASE_ID;
import static uk.ccmt.release.WeeklyReleaseVariables.RELEASE_NOTE_SHARED;
import static uk.ccmt.release.WeeklyReleaseVariables.ROUTE_TO_LIVE_VIOLATION;
import static uk.ccmt.release.WeeklyReleaseVariables.SLOT_OUTCOME;
import static uk.ccmt.release.WeeklyReleaseVariables.WEEK;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.ItemKind;
import uk.ccmt.release.ReleaseCalendar.WeeklyDeadlines;
import uk.ccmt.release.ReleaseRepository.DefectOutcome;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ProcessVariables;

/**
 * The listeners and delegates of weeklyRelease (and the release steps other models share). Each
 * reads its variables, calls {@link ReleaseService} and sets the flags the model routes on.
 */
@Configuration(proxyBeanMethods = false)
class WeeklyReleaseDelegates {

  /**
   * A timer start carries no business key and no week: the week is the current one, and the
   * business key is set here, so the cron start and the API start give the same release id.
   */
  @Bean
  ExecutionListener weeklyReleaseStartListener(ReleaseCalendar calendar) {
    return execution -> {
      String requested = (String) execution.getVariable(WEEK);
      ReleaseWeek week = requested == null ? calendar.currentWeek() : ReleaseWeek.parse(requested);
      WeeklyDeadlines deadlines = calendar.deadlines(week);
      execution.setProcessBusinessKey(week.releaseId());
      execution.setVariable(WEEK, week.toString());
      execution.setVariable(RELEASE_ID, week.releaseId());
      execution.setVariable(CYCLE_START, deadlines.cycleStart());
      execution.setVariable(PROVISIONAL_NOTE_DUE, deadlines.provisionalNoteDue());
      execution.setVariable(INTERNAL_TESTING_DUE, deadlines.internalTestingDue());
      execution.setVariable(DEPLOYMENT_SLOT, deadlines.deploymentSlot());
      execution.setVariable(RELEASE_NOTE_SHARED, false);
    };
  }

  @Bean
  JavaDelegate registerWeeklyReleaseDelegate(ReleaseService releases) {
    return execution ->
        execution.setVariable(
            RELEASE_ALREADY_REGISTERED,
            !releases.registerWeekly(
                ReleaseWeek.parse((String) execution.getVariable(WEEK)),
                execution.getProcessInstanceId()));
  }

  /** Also proposes the newest fix's build, which the review form shows for confirmation. */
  @Bean
  JavaDelegate collectFixedDefectsDelegate(ReleaseService releases) {
    return execution -> {
      boolean appropriate = releases.collectFixedDefects(releaseId(execution)) > 0;
      execution.setVariable(APPROPRIATE_DEFECTS, appropriate);
      if (appropriate) {
        execution.setVariable(BUILD_VERSION, releases.get(releaseId(execution)).buildVersion());
      }
    };
  }

  /**
   * Tasklist lists a task by its name and its process: the name also says which release (and
   * environment) it is about, so two open weeks never look the same.
   */
  @Bean
  TaskListener releaseTaskNameListener() {
    return task -> {
      Object environment = task.getVariable("environment");
      task.setName(
          task.getName()
              + " – "
              + task.getVariable(RELEASE_ID)
              + (environment == null ? "" : " in " + environment));
    };
  }

  /** Offers the release's defects to the task's form, as checklist options and as text. */
  @Bean
  TaskListener defectChoicesListener(ReleaseService releases) {
    return task -> {
      List<Defect> defects = releases.includedDefects((String) task.getVariable(RELEASE_ID));
      List<Map<String, String>> choices =
          defects.stream()
              .map(defect -> Map.of("label", describe(defect), "value", defect.id()))
              .toList();
      task.setVariableLocal(DEFECT_CHOICES, SpinValues.jsonValue(Spin.JSON(choices)).create());
      String releaseId = (String) task.getVariable(RELEASE_ID);
      task.setVariableLocal(
          RELEASE_CONTENTS,
          Excerpt.ofLines(
              defects.stream().map(WeeklyReleaseDelegates::describe).toList(),
              "GET /api/releases/" + releaseId));
    };
  }

  /**
   * Runs in the transaction that completes reviewReleaseContents, so a refused value keeps the task
   * open: the engine REST API answers 400 with the message.
   */
  @Bean
  JavaDelegate applyReleaseReviewDelegate(ReleaseService releases) {
    return execution ->
        execution.setVariable(
            DEFECTS_REMAINING,
            releases.applyReview(
                    releaseId(execution),
                    ProcessVariables.stringList(
                        execution.getVariable(EXCLUDED_DEFECTS), EXCLUDED_DEFECTS),
                    ProcessVariables.requiredText(
                        execution.getVariable(BUILD_VERSION), BUILD_VERSION))
                > 0);
  }

  @Bean
  JavaDelegate collateTestedDefectsDelegate(ReleaseService releases) {
    return execution ->
        execution.setVariable(
            DEFECTS_REMAINING, !releases.includedDefects(releaseId(execution)).isEmpty());
  }

  /**
   * Stores the decision as a boolean, whether it came from a checkbox or as text. An execution
   * listener, not a task listener: the engine wraps whatever a task listener throws, and only an
   * unwrapped refusal becomes a 400 that keeps the task open.
   */
  @Bean
  ExecutionListener contentsConfirmationValidator() {
    return execution -> ProcessVariables.storeDecision(execution, CONTENTS_CONFIRMED);
  }

  /**
   * Before the release waits for its slot, and again after each move: a slot in a freeze of the
   * live test environment moves past it, or the week has no release.
   */
  @Bean
  JavaDelegate checkDeploymentSlotDelegate(WeeklySlots slots) {
    return execution -> {
      WeeklySlots.Check check =
          slots.check(
              releaseId(execution),
              ReleaseWeek.parse((String) execution.getVariable(WEEK)),
              ((Date) execution.getVariable(DEPLOYMENT_SLOT)).toInstant());
      execution.setVariable(SLOT_OUTCOME, check.outcome().name());
      execution.setVariable(DEPLOYMENT_SLOT, Date.from(check.slot()));
    };
  }

  /** Also the baseline's: there, only a route-to-live violation cancels. */
  @Bean
  JavaDelegate cancelReleaseDelegate(ReleaseService releases) {
    return execution ->
        releases.cancel(
            releaseId(execution),
            cancellationReason(execution, releases),
            (String) execution.getVariable(ROUTE_TO_LIVE_VIOLATION));
  }

  /**
   * Which way the release came to its cancellation. A violation and a refused confirmation leave
   * their variables; otherwise no defect was left, and the defects say whether the review left them
   * out or internal testing failed them (testing comes after the review).
   */
  private static CancellationReason cancellationReason(
      DelegateExecution execution, ReleaseService releases) {
    if (execution.getVariable(ROUTE_TO_LIVE_VIOLATION) != null) {
      return CancellationReason.ROUTE_TO_LIVE_VIOLATED;
    }
    if (Boolean.FALSE.equals(execution.getVariable(CONTENTS_CONFIRMED))) {
      return CancellationReason.CONTENTS_NOT_CONFIRMED;
    }
    boolean failedTesting =
        releases.removedDefects(releaseId(execution)).stream()
            .anyMatch(
                change -> change.reason().equals(DefectOutcome.FAILED_INTERNAL_TESTING.name()));
    return failedTesting
        ? CancellationReason.EVERY_DEFECT_FAILED_INTERNAL_TESTING
        : CancellationReason.EVERY_DEFECT_LEFT_OUT_AT_REVIEW;
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }

  private static String describe(Defect defect) {
    if (defect.kind() == ItemKind.CONFIGURATION) {
      return defect.id()
          + " – "
          + defect.title()
          + " (configuration change"
          + (defect.component() == null ? "" : ", " + defect.component())
          + ", "
          + defect.buildVersion()
          + ")";
    }
    return defect.id()
        + " – "
        + defect.title()
        + " ("
        + defect.severity()
        + (defect.component() == null ? "" : ", " + defect.component())
        + ")";
  }
}
