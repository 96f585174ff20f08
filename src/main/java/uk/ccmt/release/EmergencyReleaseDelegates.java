package uk.ccmt.release;

import static uk.ccmt.release.EmergencyReleaseVariables.ASK_STAKEHOLDERS_AGAIN;
import static uk.ccmt.release.EmergencyReleaseVariables.BUILD_VERSION;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_COMPONENT;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_ID;
import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_TITLE;
import static uk.ccmt.release.EmergencyReleaseVariables.DEPLOYMENT_SCHEDULE;
import static uk.ccmt.release.EmergencyReleaseVariables.FIX_APPROVED;
import static uk.ccmt.release.EmergencyReleaseVariables.IMMEDIATE_DEPLOYMENT;
import static uk.ccmt.release.EmergencyReleaseVariables.RELEASE_ID;
import static uk.ccmt.release.EmergencyReleaseVariables.REVIEW_DUE;
import static uk.ccmt.release.EmergencyReleaseVariables.STAKEHOLDERS_AGREED;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.ProcessVariables;

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
      Object raisedBy = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      try {
        Defect defect = defects.raiseForRunningEmergency(
            ProcessVariables.requiredText(execution.getVariable(DEFECT_ID), DEFECT_ID),
            ProcessVariables.requiredText(execution.getVariable(DEFECT_TITLE), DEFECT_TITLE),
            (String) execution.getVariable(DEFECT_COMPONENT),
            raisedBy == null ? "Tasklist" : ((Authentication) raisedBy).getUserId());
        execution.setVariable(DEFECT_ID, defect.id());
        execution.setProcessBusinessKey("E-" + defect.id());
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
  JavaDelegate registerEmergencyReleaseDelegate(ReleaseService releases, ReleaseCalendar calendar,
      @Value("${ccmt.emergency.review-deadline:PT4H}") Duration reviewDeadline) {
    return execution -> {
      String releaseId = releases.openEmergency(execution.getProcessBusinessKey(),
          (String) execution.getVariable(DEFECT_ID), execution.getProcessInstanceId());
      execution.setVariable(RELEASE_ID, releaseId);
      execution.setVariable(REVIEW_DUE, Date.from(calendar.now().plus(reviewDeadline)));
    };
  }

  /** Immediate deployment needs a schedule: an ISO-8601 date-time that is not in the past. */
  @Bean
  ExecutionListener releaseReviewValidator(ReleaseCalendar calendar) {
    return execution -> {
      boolean immediate = ProcessVariables.storeDecision(execution, IMMEDIATE_DEPLOYMENT);
      if (immediate) {
        Instant schedule = ProcessVariables.requiredDateTime(execution.getVariable(DEPLOYMENT_SCHEDULE),
            DEPLOYMENT_SCHEDULE, calendar.zone());
        if (schedule.isBefore(calendar.now())) {
          throw ProcessVariables.refused(DEPLOYMENT_SCHEDULE, calendar.describe(schedule)
              + " is in the past (now is " + calendar.describe(calendar.now()) + ")");
        }
        execution.setVariable(DEPLOYMENT_SCHEDULE, Date.from(schedule));
      }
    };
  }

  @Bean
  JavaDelegate recordEmergencyFixDelegate(ReleaseService releases) {
    return execution -> releases.takeEmergencyFix(releaseId(execution),
        ProcessVariables.requiredText(execution.getVariable(BUILD_VERSION), BUILD_VERSION));
  }

  /** A fix that failed internal testing for every defect cannot be approved: it fixes nothing. */
  @Bean
  ExecutionListener fixApprovalValidator(ReleaseService releases) {
    return execution -> {
      boolean approved = ProcessVariables.storeDecision(execution, FIX_APPROVED);
      if (approved && releases.includedDefects(releaseId(execution)).isEmpty()) {
        throw ProcessVariables.refused(FIX_APPROVED, "build " + execution.getVariable(BUILD_VERSION)
            + " failed internal testing for every defect of " + releaseId(execution)
            + ": refuse it, and the development team provides another fix");
      }
    };
  }

  @Bean
  ExecutionListener stakeholderAgreementValidator() {
    return execution -> ProcessVariables.storeDecision(execution, STAKEHOLDERS_AGREED);
  }

  @Bean
  ExecutionListener stakeholderDisagreementDecisionValidator() {
    return execution -> ProcessVariables.storeDecision(execution, ASK_STAKEHOLDERS_AGAIN);
  }

  @Bean
  JavaDelegate prepareLateReviewEmailDelegate(LateReviewMailing mailing) {
    return execution -> mailing.queue(releaseId(execution),
        ((Date) execution.getVariable(REVIEW_DUE)).toInstant());
  }

  @Bean
  JavaDelegate sendLateReviewEmailDelegate(LateReviewMailing mailing) {
    return execution -> mailing.deliver(releaseId(execution));
  }

  @Bean
  JavaDelegate deferEmergencyFixDelegate(ReleaseService releases) {
    return execution -> releases.defer(releaseId(execution));
  }

  @Bean
  JavaDelegate withdrawEmergencyReleaseDelegate(ReleaseService releases) {
    return execution -> releases.withdraw(releaseId(execution));
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }
}
