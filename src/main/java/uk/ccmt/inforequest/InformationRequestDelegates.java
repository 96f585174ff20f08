package uk.ccmt.inforequest;

import static uk.ccmt.inforequest.InformationRequestVariables.ALL_REQUESTS_ANSWERED;
import static uk.ccmt.inforequest.InformationRequestVariables.DUE_TEXT;
import static uk.ccmt.inforequest.InformationRequestVariables.LOOP_COUNTER;
import static uk.ccmt.inforequest.InformationRequestVariables.NUMBER_OF_GROUPS;
import static uk.ccmt.inforequest.InformationRequestVariables.PARTICIPANT_NAME;
import static uk.ccmt.inforequest.InformationRequestVariables.REQUEST_TYPE;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates and listeners of informationRequestCampaign and informationRequest. A request and a
 * campaign are found by their business keys: an organisation's user can set any variable of its own
 * request through the engine REST API, so no variable decides whose request is answered.
 */
@Configuration(proxyBeanMethods = false)
class InformationRequestDelegates {

  /**
   * One opening step: the group is the step's loopCounter among nrOfInstances. It sets no variable:
   * steps run side by side, and a variable written from one would reach the campaign's instance
   * that every step shares.
   */
  @Bean
  JavaDelegate openInformationRequestsDelegate(InformationRequestService requests) {
    return execution ->
        requests.openGroup(campaignId(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate emailInformationRequestsDelegate(InformationRequestService requests) {
    return execution ->
        requests.emailGroup(campaignId(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate checkAnswersDelegate(InformationRequestService requests) {
    return execution ->
        execution.setVariable(ALL_REQUESTS_ANSWERED, requests.allAnswered(campaignId(execution)));
  }

  /**
   * Runs in the transaction that completes provideInformation: a value its type's rules refuse
   * keeps the task open with the field and the reason.
   */
  @Bean
  JavaDelegate recordInformationDelegate(InformationRequestService requests) {
    return execution -> {
      Authentication user =
          execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      requests.record(
          execution.getProcessBusinessKey(),
          execution::getVariable,
          user == null ? null : user.getUserId());
    };
  }

  @Bean
  JavaDelegate sendReminderDelegate(InformationRequestService requests) {
    return execution -> requests.remind(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate reportOverdueRequestDelegate(InformationRequestService requests) {
    return execution -> requests.escalate(execution.getProcessBusinessKey());
  }

  /**
   * Names each task for what it asks and of whom, gives it the request's due date, and shows the
   * organisation and due date on its form.
   */
  @Bean
  TaskListener informationTaskListener(InformationRequestService requests) {
    return task -> {
      InformationRequestService.RequestSummary request =
          requests.summary(task.getExecution().getProcessBusinessKey());
      String what = request.type().label();
      if ("provideInformation".equals(task.getTaskDefinitionKey())) {
        task.setName("Provide " + what + " (" + request.campaignId() + ")");
        task.setDueDate(Date.from(request.dueAt()));
      } else {
        task.setName(
            "Chase "
                + request.participantCode()
                + " for "
                + what
                + " ("
                + request.campaignId()
                + ")");
        task.setVariableLocal(REQUEST_TYPE, what);
      }
      task.setVariableLocal(
          PARTICIPANT_NAME, request.participantName() + " (" + request.participantCode() + ")");
      task.setVariableLocal(DUE_TEXT, request.dueText());
    };
  }

  private static String campaignId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static int group(DelegateExecution execution) {
    return (Integer) execution.getVariable(LOOP_COUNTER);
  }

  private static int groups(DelegateExecution execution) {
    return (Integer) execution.getVariable(NUMBER_OF_GROUPS);
  }
}
