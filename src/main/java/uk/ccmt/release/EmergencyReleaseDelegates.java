package uk.ccmt.release;

import static uk.ccmt.release.EmergencyReleaseVariables.AGREED_DEPLOYMENT_TIME;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREED_TIME_PASSED;
import static uk.ccmt.release.EmergencyReleaseVariables.APPROVALS_REQUIRED;
import static uk.ccmt.release.EmergencyReleaseVariables.ASK_STAKEHOLDERS_AGAIN;
import static uk.ccmt.release.EmergencyReleaseVariables.BUILD_VERSION;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_COMPONENT;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_ID;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_TITLE;
import static uk.ccmt.release.EmergencyReleaseVariables.DEPLOYMENT_SCHEDULE;
import static uk.ccmt.release.EmergencyReleaseVariables.FIX_APPROVED;
import static uk.ccmt.release.EmergencyReleaseVariables.IMMEDIATE_DEPLOYMENT;
import static uk.ccmt.release.EmergencyReleaseVariables.RELEASE_ID;
import static uk.ccmt.release.EmergencyReleaseVariables.RELEASE_NOTE_SHARED;
import static uk.ccmt.release.EmergencyReleaseVariables.REVIEW_DUE;
import static uk.ccmt.release.EmergencyReleaseVariables.ROUTE_TO_LIVE_VIOLATION;
import static uk.ccmt.release.EmergencyReleaseVariables.STAKEHOLDERS_AGREED;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.ReadableDates;

/**
 * The listeners and delegates of emergencyRelease. The decisions of its user tasks are checked by
 * execution listeners on the tasks' end, so a refused value keeps the task open (400, not 500).
 */
@Configuration(proxyBeanMethods = false)
class EmergencyReleaseDelegates {

  /**
   * The start form in Tasklist: the release manager raises the S1 defect here, and the instance
   * takes the business key the message start would have given it. A value the register refuses
   * keeps the form open with the reason.
   */
  @Bean
  JavaDelegate raiseS1DefectDelegate(DefectService defects) {
    return execution -> {
      Object raisedBy =
          execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      try {
        Defect defect =
            defects.raiseForRunningEmergency(
                ProcessVariables.requiredText(execution.getVariable(DEFECT_ID), DEFECT_ID),
                ProcessVariables.requiredText(execution.getVariable(DEFECT_TITLE), DEFECT_TITLE),
                (String) execution.getVariable(DEFECT_COMPONENT),
                raisedBy == null ? "Tasklist" : ((Authentication) raisedBy).getUserId());
        execution.setVariable(DEFECT_ID, defect.id());
        execution.setProcessBusinessKey(EmergencyReleaseStarter.businessKey(defect.id()));
      } catch (InvalidInputException e) {
        throw ProcessVariables.refused(e.field().equals("id") ? DEFECT_ID : e.field(), e.reason());
      } catch (ConflictException e) {
        throw ProcessVariables.refused(DEFECT_ID, e.getMessage());
      }
    };
  }

  /**
   * Runs in the transaction that raises the S1 defect: the release E-&lt;defect id&gt; holds the
   * defect, and the review is due after the configured time (ccmt.emergency.review-deadline).
   */
  @Bean
  JavaDelegate registerEmergencyReleaseDelegate(
      ReleaseService releases, Clock clock, EmergencyProperties emergency) {
    Duration reviewDeadline = emergency.reviewDeadline();
    return execution -> {
      String releaseId =
          releases.openEmergency(
              execution.getProcessBusinessKey(),
              (String) execution.getVariable(DEFECT_ID),
              execution.getProcessInstanceId());
      execution.setVariable(RELEASE_ID, releaseId);
      execution.setVariable(REVIEW_DUE, Date.from(clock.instant().plus(reviewDeadline)));
      execution.setVariable(RELEASE_NOTE_SHARED, false);
      execution.setVariable(APPROVALS_REQUIRED, emergency.approvalsRequired());
    };
  }

  /** Immediate deployment needs a schedule: an ISO-8601 date-time that is not in the past. */
  @Bean
  ExecutionListener releaseReviewValidator(
      Clock clock, ReadableDates dates, ReleaseService releases) {
    return execution -> {
      boolean immediate = ProcessVariables.storeDecision(execution, IMMEDIATE_DEPLOYMENT);
      if (immediate) {
        agreeDeploymentTime(execution, clock, dates, releases);
      }
    };
  }

  /** The new time agreed after the old one passed: checked exactly as the review's schedule is. */
  @Bean
  ExecutionListener newDeploymentTimeValidator(
      Clock clock, ReadableDates dates, ReleaseService releases) {
    return execution -> agreeDeploymentTime(execution, clock, dates, releases);
  }

  /**
   * Refuses a schedule that is missing, unreadable or in the past; otherwise the timer takes it as
   * a date, the forms as words, and the release record keeps it for the notes and the page.
   */
  private static void agreeDeploymentTime(
      DelegateExecution execution, Clock clock, ReadableDates dates, ReleaseService releases) {
    Instant schedule =
        ProcessVariables.requiredDateTime(
            execution.getVariable(DEPLOYMENT_SCHEDULE), DEPLOYMENT_SCHEDULE, clock.getZone());
    if (schedule.isBefore(clock.instant())) {
      throw ProcessVariables.refused(
          DEPLOYMENT_SCHEDULE,
          dates.describe(schedule)
              + " is in the past (now is "
              + dates.describe(clock.instant())
              + ")");
    }
    execution.setVariable(DEPLOYMENT_SCHEDULE, Date.from(schedule));
    execution.setVariable(AGREED_DEPLOYMENT_TIME, dates.describe(schedule));
    releases.agreeDeploymentTime(releaseId(execution), schedule);
  }

  @Bean
  JavaDelegate recordEmergencyFixDelegate(ReleaseService releases) {
    return execution ->
        releases.takeEmergencyFix(
            releaseId(execution),
            ProcessVariables.requiredText(execution.getVariable(BUILD_VERSION), BUILD_VERSION),
            ProcessVariables.currentUser(execution));
  }

  /**
   * A fix that failed internal testing for every defect cannot be approved: it fixes nothing. Each
   * approval comes from a release manager who did not provide the fix and has not approved it yet;
   * a refusal ends the approvals, and the next fix is approved afresh.
   */
  @Bean
  ExecutionListener fixApprovalValidator(ReleaseService releases) {
    return execution -> {
      boolean approved = ProcessVariables.storeDecision(execution, FIX_APPROVED);
      if (!approved) {
        releases.refuseEmergencyFix(releaseId(execution));
        return;
      }
      if (releases.includedDefects(releaseId(execution)).isEmpty()) {
        throw ProcessVariables.refused(
            FIX_APPROVED,
            "build "
                + execution.getVariable(BUILD_VERSION)
                + " failed internal testing for every defect of "
                + releaseId(execution)
                + ": refuse it, and the development team provides another fix");
      }
      Object required = execution.getVariable(APPROVALS_REQUIRED);
      releases.approveEmergencyFix(
          releaseId(execution),
          ProcessVariables.currentUser(execution),
          required instanceof Integer count ? count : 1,
          FIX_APPROVED);
    };
  }

  /**
   * Each approver chooses afresh: the approval task opens with no choice made, not with the
   * previous approver's "approve" already ticked in the form.
   */
  @Bean
  TaskListener freshFixApprovalListener() {
    return task -> task.getExecution().removeVariable(FIX_APPROVED);
  }

  /**
   * An agreement that comes after the agreed time does not deploy late: a new time is agreed first.
   */
  @Bean
  ExecutionListener stakeholderAgreementValidator(Clock clock) {
    return execution -> {
      boolean agreed = ProcessVariables.storeDecision(execution, STAKEHOLDERS_AGREED);
      Date schedule = (Date) execution.getVariable(DEPLOYMENT_SCHEDULE);
      execution.setVariable(
          AGREED_TIME_PASSED, agreed && schedule.toInstant().isBefore(clock.instant()));
    };
  }

  @Bean
  ExecutionListener stakeholderDisagreementDecisionValidator() {
    return execution -> ProcessVariables.storeDecision(execution, ASK_STAKEHOLDERS_AGAIN);
  }

  @Bean
  JavaDelegate prepareLateReviewEmailDelegate(LateReviewMailing mailing) {
    return execution ->
        mailing.queue(releaseId(execution), ((Date) execution.getVariable(REVIEW_DUE)).toInstant());
  }

  @Bean
  JavaDelegate sendLateReviewEmailDelegate(LateReviewMailing mailing) {
    return execution -> mailing.deliver(releaseId(execution));
  }

  @Bean
  JavaDelegate deferEmergencyFixDelegate(ReleaseService releases) {
    return execution -> releases.defer(releaseId(execution));
  }

  /** Withdrawn after a route-to-live violation, or because the stakeholders did not agree. */
  @Bean
  JavaDelegate withdrawEmergencyReleaseDelegate(ReleaseService releases) {
    return execution -> {
      String violation = (String) execution.getVariable(ROUTE_TO_LIVE_VIOLATION);
      releases.withdraw(
          releaseId(execution),
          violation != null
              ? CancellationReason.ROUTE_TO_LIVE_VIOLATED
              : CancellationReason.STAKEHOLDERS_DID_NOT_AGREE,
          violation);
    };
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }
}
