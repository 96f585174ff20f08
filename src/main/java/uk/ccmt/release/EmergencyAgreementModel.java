package uk.ccmt.release;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the stakeholder agreement models read from the product's tables rather than from process
 * variables: how many asking steps a round runs, and when an organisation's question closes. An
 * organisation's user cannot move its own deadline by overwriting a variable.
 */
@Component("emergencyAgreementModel")
public class EmergencyAgreementModel {

  private final EmergencyAgreements agreements;

  EmergencyAgreementModel(EmergencyAgreements agreements) {
    this.agreements = agreements;
  }

  /** How many asking steps the emergency release's open round runs side by side. */
  public int groupsToAsk(DelegateExecution execution) {
    return agreements.groupsToAsk(
        (String) execution.getVariable(EmergencyReleaseVariables.RELEASE_ID),
        (Integer) execution.getVariable(EmergencyReleaseVariables.AGREEMENT_ROUND));
  }

  /**
   * When the organisation's question closes: the deadline timer of its agreement, created as its
   * process starts, from its start variable.
   */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(
        agreements.dueAtOf(
            execution.getProcessBusinessKey(),
            (Integer) execution.getVariable(EmergencyReleaseVariables.AGREEMENT_ROUND)));
  }
}
