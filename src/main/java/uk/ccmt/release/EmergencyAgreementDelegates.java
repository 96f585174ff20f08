package uk.ccmt.release;

import static uk.ccmt.release.EmergencyReleaseVariables.AGREED;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREED_ORGANISATIONS;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREEMENT_DEADLINE;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREEMENT_DUE;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREEMENT_ROUND;
import static uk.ccmt.release.EmergencyReleaseVariables.AGREEMENT_TALLY;
import static uk.ccmt.release.EmergencyReleaseVariables.COMMENT;
import static uk.ccmt.release.EmergencyReleaseVariables.EVERY_ORGANISATION_ANSWERED;
import static uk.ccmt.release.EmergencyReleaseVariables.LOOP_COUNTER;
import static uk.ccmt.release.EmergencyReleaseVariables.NUMBER_OF_GROUPS;
import static uk.ccmt.release.EmergencyReleaseVariables.OBJECTIONS;
import static uk.ccmt.release.EmergencyReleaseVariables.ORGANISATIONS_AGREED;
import static uk.ccmt.release.EmergencyReleaseVariables.ORGANISATIONS_ASKED;
import static uk.ccmt.release.EmergencyReleaseVariables.ORGANISATIONS_NOT_ANSWERED;
import static uk.ccmt.release.EmergencyReleaseVariables.ORGANISATIONS_OBJECTED;
import static uk.ccmt.release.EmergencyReleaseVariables.RELEASE_ID;
import static uk.ccmt.release.EmergencyReleaseVariables.STAKEHOLDERS_AGREED;
import static uk.ccmt.release.EmergencyReleaseVariables.UNANSWERED_ORGANISATIONS;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates and listeners of stakeholder agreement: the round in emergencyRelease, and each
 * organisation's emergencyDeploymentAgreement. An organisation's question is found by its process
 * instance: its user can set any variable of its own instance through the engine REST API, so no
 * variable decides whose answer it is.
 */
@Configuration(proxyBeanMethods = false)
class EmergencyAgreementDelegates {

  /**
   * Opens the next round: the release managers' previous choice goes, so that the confirmation
   * opens with no choice made, and the round's deadline is set for the release's timer.
   */
  @Bean
  JavaDelegate startAgreementRoundDelegate(EmergencyAgreements agreements) {
    return execution -> {
      EmergencyAgreementRound round = agreements.startRound(releaseId(execution));
      execution.removeVariable(STAKEHOLDERS_AGREED);
      execution.setVariable(AGREEMENT_ROUND, round.round());
      execution.setVariable(ORGANISATIONS_ASKED, round.organisations());
      execution.setVariable(AGREEMENT_DUE, Date.from(round.dueAt()));
      execution.setVariable(AGREEMENT_DEADLINE, agreements.describe(round.dueAt()));
    };
  }

  /**
   * One asking step: the group is the step's loopCounter among nrOfInstances. It sets no variable:
   * steps run side by side, and a variable written from one would reach the release's instance that
   * every step shares.
   */
  @Bean
  JavaDelegate askOrganisationsDelegate(EmergencyAgreements agreements) {
    return execution ->
        agreements.askGroup(
            releaseId(execution), round(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate emailOrganisationsDelegate(EmergencyAgreements agreements) {
    return execution ->
        agreements.emailGroup(
            releaseId(execution), round(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate checkAgreementAnswersDelegate(EmergencyAgreements agreements) {
    return execution ->
        execution.setVariable(
            EVERY_ORGANISATION_ANSWERED,
            agreements.allAnswered(releaseId(execution), round(execution)));
  }

  /** Closes what is still open and puts the tally on the release for its confirmation. */
  @Bean
  JavaDelegate closeAgreementRoundDelegate(EmergencyAgreements agreements) {
    return execution -> {
      EmergencyAgreementTally.Tally tally =
          agreements.close(releaseId(execution), round(execution));
      execution.setVariable(AGREEMENT_TALLY, tally.summary());
      execution.setVariable(ORGANISATIONS_ASKED, tally.asked());
      execution.setVariable(ORGANISATIONS_AGREED, tally.agreed());
      execution.setVariable(ORGANISATIONS_OBJECTED, tally.objected());
      execution.setVariable(ORGANISATIONS_NOT_ANSWERED, tally.notAnswered());
      execution.setVariable(AGREED_ORGANISATIONS, tally.agreedText());
      execution.setVariable(OBJECTIONS, tally.objectionsText());
      execution.setVariable(UNANSWERED_ORGANISATIONS, tally.notAnsweredText());
    };
  }

  /**
   * Runs in the transaction that completes agreeEmergencyDeployment: an objection without a reason
   * keeps the task open, with the field and the reason (400).
   */
  @Bean
  JavaDelegate recordAgreementDelegate(EmergencyAgreements agreements) {
    return execution -> {
      boolean agreed = ProcessVariables.storeDecision(execution, AGREED);
      agreements.answer(
          execution.getProcessInstanceId(),
          agreed,
          execution.getVariable(COMMENT),
          ProcessVariables.currentUser(execution));
    };
  }

  @Bean
  JavaDelegate recordNoAnswerDelegate(EmergencyAgreements agreements) {
    return execution -> agreements.noAnswer(execution.getProcessInstanceId());
  }

  /**
   * Names the organisation's task for what it is asked, gives it the deadline, and shows the
   * release, its fix, the time and the deadline on its form (task-local, in the organisation's own
   * tenant).
   */
  @Bean
  TaskListener agreementTaskListener(EmergencyAgreements agreements) {
    return task -> {
      EmergencyAgreements.Question question =
          agreements.questionOf(
              task.getExecution().getProcessBusinessKey(),
              (String) task.getVariable(EmergencyReleaseVariables.PARTICIPANT_CODE),
              (Integer) task.getVariable(AGREEMENT_ROUND));
      EmergencyAgreements.Context context = question.context();
      task.setName(
          "Agree emergency deployment " + context.releaseId() + " at " + context.deploymentTime());
      task.setDueDate(Date.from(question.dueAt()));
      task.setVariableLocal(
          "participantName", question.participantName() + " (" + question.participantCode() + ")");
      task.setVariableLocal("releaseId", context.releaseId());
      task.setVariableLocal("defectId", context.defectId());
      task.setVariableLocal("defectTitle", context.defectTitle());
      task.setVariableLocal("defectComponent", context.defectComponent());
      task.setVariableLocal("buildVersion", context.buildVersion());
      task.setVariableLocal("agreedDeploymentTime", context.deploymentTime());
      task.setVariableLocal(AGREEMENT_DEADLINE, context.deadline());
    };
  }

  /**
   * However the emergency release ends (deployed, withdrawn, or cancelled in Cockpit), no
   * organisation is left with a question about it.
   */
  @Bean
  ExecutionListener endAgreementQuestionsListener(EmergencyAgreements agreements) {
    return execution -> {
      String releaseId = releaseId(execution);
      if (releaseId != null) {
        agreements.endOpenQuestions(releaseId);
      }
    };
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }

  private static int round(DelegateExecution execution) {
    return (Integer) execution.getVariable(AGREEMENT_ROUND);
  }

  private static int group(DelegateExecution execution) {
    return (Integer) execution.getVariable(LOOP_COUNTER);
  }

  private static int groups(DelegateExecution execution) {
    return (Integer) execution.getVariable(NUMBER_OF_GROUPS);
  }
}
