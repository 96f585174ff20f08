package uk.ccmt.partnering;

import static uk.ccmt.partnering.PartneringVariables.ACCEPT_RULE_WARNINGS;
import static uk.ccmt.partnering.PartneringVariables.ANYONE_UNPARTNERED;
import static uk.ccmt.partnering.PartneringVariables.ANY_PAIR_REJECTED;
import static uk.ccmt.partnering.PartneringVariables.CONFIRMATION;
import static uk.ccmt.partnering.PartneringVariables.CONFIRMATIONS;
import static uk.ccmt.partnering.PartneringVariables.MATCHES_APPROVED;
import static uk.ccmt.partnering.PartneringVariables.PARTNERING_DECISION;
import static uk.ccmt.partnering.PartneringVariables.PARTNERSHIP_ACCEPTED;
import static uk.ccmt.partnering.PartneringVariables.PARTNER_DETAILS;
import static uk.ccmt.partnering.PartneringVariables.PARTNER_NAME;
import static uk.ccmt.partnering.PartneringVariables.PROPOSAL;
import static uk.ccmt.partnering.PartneringVariables.REJECTION_REASON;
import static uk.ccmt.partnering.PartneringVariables.REMATCH;
import static uk.ccmt.partnering.PartneringVariables.REVIEWED_PAIRS;
import static uk.ccmt.partnering.PartneringVariables.ROUND_ID;
import static uk.ccmt.partnering.PartneringVariables.RULE_FINDINGS;
import static uk.ccmt.partnering.PartneringVariables.UNPARTNERED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates and listeners of the partnering process. The review and each confirmation are
 * checked in the synchronous step after the task, so a refused value keeps the task open.
 */
@Configuration(proxyBeanMethods = false)
class PartneringDelegates {

  @Bean
  JavaDelegate proposeMatchesDelegate(PartneringService partnering) {
    return execution -> partnering.propose(roundId(execution));
  }

  /** The review form: the proposal with the rule behind each pair, and what could not be met. */
  @Bean
  TaskListener reviewMatchesListener(PartneringService partnering) {
    return task -> {
      PartneringService.ReviewContent content = partnering.reviewContent(roundId(task.getExecution()));
      task.setName("Review proposed matches (" + roundId(task.getExecution()) + ")");
      // On the execution, not the task: the edited pairs must outlive the task for the next step.
      task.getExecution().setVariable(REVIEWED_PAIRS, content.proposedPairs());
      task.getExecution().setVariable(ACCEPT_RULE_WARNINGS, false);
      task.setVariableLocal(PROPOSAL, content.explanation());
      task.setVariableLocal(RULE_FINDINGS, content.findings());
    };
  }

  @Bean
  JavaDelegate checkReviewedMatchesDelegate(PartneringService partnering) {
    return execution -> {
      if (ProcessVariables.storeDecision(execution, MATCHES_APPROVED)) {
        Object warnings = execution.getVariable(ACCEPT_RULE_WARNINGS);
        execution.setVariable(CONFIRMATIONS, partnering.applyReview(roundId(execution),
            (String) execution.getVariable(REVIEWED_PAIRS), Boolean.TRUE.equals(warnings) || "true".equals(warnings)));
      }
    };
  }

  @Bean
  JavaDelegate cancelPartneringDelegate(PartneringService partnering) {
    return execution -> partnering.cancel(roundId(execution));
  }

  @Bean
  TaskListener confirmPartnershipListener(PartneringService partnering) {
    return task -> {
      PartneringService.ConfirmationContent content =
          partnering.confirmationContent((String) task.getVariable(CONFIRMATION));
      task.setName("Confirm " + content.partnerName() + " as partner (" + roundId(task.getExecution()) + ")");
      task.setVariableLocal(PARTNER_NAME, content.partnerName() + " (" + content.partnerCode() + ")");
      task.setVariableLocal(PARTNER_DETAILS, content.partnerCategory() + ", " + content.partnerRegion()
          + "\nWhy: " + content.reason());
    };
  }

  @Bean
  JavaDelegate recordConfirmationDelegate(PartneringService partnering) {
    return execution -> partnering.answer((String) execution.getVariable(CONFIRMATION),
        ProcessVariables.storeDecision(execution, PARTNERSHIP_ACCEPTED),
        (String) execution.getVariable(REJECTION_REASON));
  }

  @Bean
  JavaDelegate countConfirmationsDelegate(PartneringService partnering) {
    return execution -> {
      boolean rejected = partnering.anyRejectedThisMatchingRound(roundId(execution));
      execution.setVariable(ANY_PAIR_REJECTED, rejected);
      execution.setVariable(REMATCH, rejected && partnering.rematch(roundId(execution)));
    };
  }

  /** Ends "Decide on rejected pairs": the decision is required, and kept with the round. */
  @Bean
  ExecutionListener recordPartneringDecisionListener(PartneringService partnering) {
    return execution -> partnering.recordDecision(roundId(execution),
        ProcessVariables.requiredText(execution.getVariable(PARTNERING_DECISION), PARTNERING_DECISION));
  }

  @Bean
  JavaDelegate publishPartneringScheduleDelegate(PartneringService partnering) {
    return execution -> execution.setVariable(ANYONE_UNPARTNERED, !partnering.publish(roundId(execution)).isEmpty());
  }

  @Bean
  JavaDelegate emailPartnersDelegate(PartneringService partnering) {
    return execution -> partnering.emailSchedule(roundId(execution));
  }

  /** The escalation form: who has no partner, and why the proposal could not find one. */
  @Bean
  TaskListener unpartneredListener(PartneringService partnering) {
    return task -> {
      String round = roundId(task.getExecution());
      task.setName("Find partners for unpartnered organisations (" + round + ")");
      task.setVariableLocal(UNPARTNERED, String.join(", ", partnering.unpartnered(round)));
      task.setVariableLocal(RULE_FINDINGS, String.join("\n", partnering.view(round).unmet()));
    };
  }

  /** The decision form after the last matching round: what is still rejected. */
  @Bean
  TaskListener rejectedPairsListener(PartneringService partnering) {
    return task -> {
      String round = roundId(task.getExecution());
      task.setName("Decide on rejected pairs (" + round + ")");
      task.setVariableLocal(PROPOSAL, String.join("\n", partnering.view(round).pairs().stream()
          .filter(pair -> pair.state().equals(RoundPair.State.REJECTED.name()))
          .map(pair -> pair.a() + "–" + pair.b() + " (rejected" + (pair.rejectionReason() == null ? ""
              : " by " + pair.rejectionReason()) + ")").toList()));
      task.setVariableLocal(UNPARTNERED, String.join(", ", partnering.unpartnered(round)));
    };
  }

  private static String roundId(DelegateExecution execution) {
    return (String) execution.getVariable(ROUND_ID);
  }
}
