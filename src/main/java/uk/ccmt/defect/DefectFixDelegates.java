package uk.ccmt.defect;

import static uk.ccmt.defect.DefectFixVariables.BUILD_VERSION;
import static uk.ccmt.defect.DefectFixVariables.DEFECT_CLOSED;
import static uk.ccmt.defect.DefectFixVariables.DEFECT_ID;
import static uk.ccmt.defect.DefectFixVariables.DUPLICATE_OF;
import static uk.ccmt.defect.DefectFixVariables.FIX_CONFIRMED;
import static uk.ccmt.defect.DefectFixVariables.FIX_DUE;
import static uk.ccmt.defect.DefectFixVariables.OUTCOME;
import static uk.ccmt.defect.DefectFixVariables.START_AT;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.defect.DefectFixEvents.StartAt;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.ProcessVariables;

/**
 * The service tasks of defectFix (bpmn/defect-fix.bpmn). Each runs in the transaction of the task
 * completion before it, so a refused value keeps the task open (400 naming the field).
 */
@Configuration(proxyBeanMethods = false)
class DefectFixDelegates {

  /** The outcomes of analyseDefect. */
  static final List<String> OUTCOMES =
      List.of("ACCEPTED", "MORE_INFORMATION", "NOT_A_DEFECT", "DUPLICATE");

  private static String defectId(DelegateExecution execution) {
    return (String) execution.getVariable(DEFECT_ID);
  }

  /**
   * analyseDefect's answer: ACCEPTED and MORE_INFORMATION go on; NOT_A_DEFECT and DUPLICATE close
   * the defect with the reason. {@code outcome} is stored back in capitals, for the gateway.
   */
  @Bean
  JavaDelegate applyDefectAnalysisDelegate(DefectService defects) {
    return execution -> {
      Object value = execution.getVariable(OUTCOME);
      String outcome = value instanceof String text ? text.strip().toUpperCase(Locale.ROOT) : null;
      if (outcome == null || !OUTCOMES.contains(outcome)) {
        throw ProcessVariables.refused(
            OUTCOME,
            value == null
                ? "is required: one of " + OUTCOMES
                : "'" + value + "' is not one of " + OUTCOMES);
      }
      execution.setVariable(OUTCOME, outcome);
      boolean closes = outcome.equals("NOT_A_DEFECT") || outcome.equals("DUPLICATE");
      if (closes) {
        try {
          defects.closeAfterAnalysis(
              defectId(execution), outcome, (String) execution.getVariable(DUPLICATE_OF));
        } catch (ConflictException e) {
          throw ProcessVariables.refused(OUTCOME, e.getMessage());
        } catch (ClassCastException e) {
          throw ProcessVariables.refused(DUPLICATE_OF, "must be the id of another defect");
        }
      }
      execution.setVariable(DEFECT_CLOSED, closes);
    };
  }

  /** deliverDefectFix's build: the defect becomes a candidate for the next regular release. */
  @Bean
  JavaDelegate deliverDefectFixDelegate(DefectService defects) {
    return execution -> {
      String build =
          ProcessVariables.requiredText(execution.getVariable(BUILD_VERSION), BUILD_VERSION);
      try {
        defects.deliverFix(defectId(execution), build);
      } catch (ConflictException e) {
        throw ProcessVariables.refused(BUILD_VERSION, e.getMessage());
      }
    };
  }

  /** Queues the email to the release managers that the target time of the fix has passed. */
  @Bean
  JavaDelegate prepareLateDefectFixEmailDelegate(DefectFixMailing mailing) {
    return execution ->
        mailing.queue(defectId(execution), ((Date) execution.getVariable(FIX_DUE)).toInstant());
  }

  /** Delivers it, once per defect whatever the retries. */
  @Bean
  JavaDelegate sendLateDefectFixEmailDelegate(DefectFixMailing mailing) {
    return execution -> mailing.deliver(defectId(execution));
  }

  /**
   * confirmDefectFix's answer: confirmed closes the defect; not confirmed (a comment says why)
   * reopens it and sends it back to analysis.
   */
  @Bean
  JavaDelegate applyDefectFixConfirmationDelegate(DefectService defects) {
    return execution -> {
      boolean confirmed = ProcessVariables.storeDecision(execution, FIX_CONFIRMED);
      try {
        if (confirmed) {
          defects.closeConfirmed(defectId(execution));
        } else {
          defects.reopen(defectId(execution));
          execution.setVariable(START_AT, StartAt.ANALYSIS.name());
        }
      } catch (ConflictException e) {
        throw ProcessVariables.refused(FIX_CONFIRMED, e.getMessage());
      }
    };
  }

  /** No answer within ccmt.defects.confirm-within: closed, released and not confirmed. */
  @Bean
  JavaDelegate closeUnconfirmedDefectDelegate(DefectService defects) {
    return execution -> defects.closeUnconfirmed(defectId(execution));
  }

  /** Failed internal testing: the work starts again at the fix. */
  @Bean
  JavaDelegate returnDefectToDeliveryDelegate() {
    return execution -> execution.setVariable(START_AT, StartAt.DELIVERY.name());
  }
}
