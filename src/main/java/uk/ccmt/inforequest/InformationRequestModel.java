package uk.ccmt.inforequest;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the information request models read from the product's tables rather than from process
 * variables: a request's form and its two deadlines, and how many opening steps a campaign runs.
 * Each is derived from the business key (IR-3/NLE/SFTP_INFORMATION), so an instance carries one
 * variable, participantCode, instead of five copies of what the information_request row already
 * holds, and an organisation's user cannot move its own deadlines by overwriting a variable.
 */
@Component("informationRequestModel")
public class InformationRequestModel {

  private final InformationRequestService requests;

  InformationRequestModel(InformationRequestService requests) {
    this.requests = requests;
  }

  /**
   * The Camunda Form of provideInformation, information-request-&lt;type&gt;: read from the
   * business key alone, without a query, since Tasklist asks for it with every task it lists.
   */
  public String form(DelegateTask task) {
    return InformationRequestService.typeOf(task.getExecution().getProcessBusinessKey()).formKey();
  }

  /** How many opening steps a campaign runs side by side. */
  public int groupsToOpen(DelegateExecution execution) {
    return requests.groupsToOpen(execution.getProcessBusinessKey());
  }

  /** When the request is due: the overdue timer. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(requests.dueAtOf(execution.getProcessBusinessKey()));
  }

  /** When the organisation is reminded: the reminder timer. */
  public Date reminderAt(DelegateExecution execution) {
    return Date.from(requests.reminderAtOf(execution.getProcessBusinessKey()));
  }
}
