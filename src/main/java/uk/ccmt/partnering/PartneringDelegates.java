package uk.ccmt.partnering;

import static uk.ccmt.partnering.PartneringVariables.ACCEPT_RULE_WARNINGS;
import static uk.ccmt.partnering.PartneringVariables.ANYONE_UNPARTNERED;
import static uk.ccmt.partnering.PartneringVariables.ANY_PAIR_REJECTED;
import static uk.ccmt.partnering.PartneringVariables.CONFIRMATION;
import static uk.ccmt.partnering.PartneringVariables.MATCHES_APPROVED;
import static uk.ccmt.partnering.PartneringVariables.PAIR_CHANGES;
import static uk.ccmt.partnering.PartneringVariables.PARTNERING_DECISION;
import static uk.ccmt.partnering.PartneringVariables.PARTNERSHIP_ACCEPTED;
import static uk.ccmt.partnering.PartneringVariables.PARTNER_DETAILS;
import static uk.ccmt.partnering.PartneringVariables.PARTNER_NAME;
import static uk.ccmt.partnering.PartneringVariables.PROPOSAL;
import static uk.ccmt.partnering.PartneringVariables.REJECTION_REASON;
import static uk.ccmt.partnering.PartneringVariables.REMATCH;
import static uk.ccmt.partnering.PartneringVariables.RULE_FINDINGS;
import static uk.ccmt.partnering.PartneringVariables.UNPARTNERED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates and listeners of the partnering process. The round is its business key, and each
 * confirmation is recorded against the branch that asked it: every organisation's task can set the
 * instance's variables through the engine REST API, so no variable decides which pair or round an
 * answer belongs to. What one organisation must not see of another (the proposal, the review's
 * changes, the decision) is kept task-local or removed once used.
 */
@Configuration(proxyBeanMethods = false)
class PartneringDelegates {

  @Bean
  JavaDelegate proposeMatchesDelegate(RoundProposals proposals) {
    return execution -> proposals.propose(round(execution));
  }

  /** The review form: the proposal with the rule behind each pair, and what could not be met. */
  @Bean
  TaskListener reviewMatchesListener(PartneringService views) {
    return task -> {
      String round = round(task.getExecution());
      PartneringService.ReviewContent content = views.reviewContent(round);
      task.setName("Review proposed matches (" + round + ")");
      task.setVariableLocal(PROPOSAL, Excerpt.ofLines(content.pairs(), whole(round)));
      task.setVariableLocal(RULE_FINDINGS, Excerpt.ofLines(content.findings(), whole(round)));
      // A second review starts undecided, whatever the first one chose.
      task.getExecution().removeVariable(MATCHES_APPROVED);
      task.getExecution().removeVariable(ACCEPT_RULE_WARNINGS);
    };
  }

  @Bean
  JavaDelegate checkReviewedMatchesDelegate(RoundProposals proposals) {
    return execution -> {
      Object changes = execution.getVariable(PAIR_CHANGES);
      Object warnings = execution.getVariable(ACCEPT_RULE_WARNINGS);
      if (ProcessVariables.storeDecision(execution, MATCHES_APPROVED)) {
        if (changes != null && !(changes instanceof String)) {
          throw ProcessVariables.refused(
              PAIR_CHANGES, "must be text: one change per line, such as +NLE-CWE or -NLE-BRG");
        }
        proposals.applyReview(
            round(execution),
            (String) changes,
            Boolean.TRUE.equals(warnings) || "true".equals(warnings));
      }
      // The changes name organisations: every organisation's task would show them.
      execution.removeVariable(PAIR_CHANGES);
      execution.removeVariable(ACCEPT_RULE_WARNINGS);
    };
  }

  @Bean
  JavaDelegate cancelPartneringDelegate(PartneringRounds rounds) {
    return execution -> rounds.cancel(round(execution));
  }

  /**
   * A round whose instance ends any other way (deleted in Cockpit) no longer blocks the next one.
   */
  @Bean
  ExecutionListener partneringEndedListener(PartneringRounds rounds) {
    return execution -> rounds.release(round(execution));
  }

  /**
   * Records which pair and organisation this branch asks, while the branch's element variable is
   * still the engine's own, and names the task for the partner.
   */
  @Bean
  TaskListener confirmPartnershipListener(RoundConfirmations confirmations) {
    return task -> {
      RoundConfirmations.ConfirmationContent content =
          confirmations.askConfirmation(
              task.getExecutionId(), (String) task.getVariable(CONFIRMATION));
      task.setName(
          "Confirm " + content.partnerName() + " as partner (" + round(task.getExecution()) + ")");
      // The register bounds a name to 200 characters and a region to 100; the reason comes from the
      // matcher.
      task.setVariableLocal(
          PARTNER_NAME, content.partnerName() + " (" + content.partnerCode() + ")");
      task.setVariableLocal(
          PARTNER_DETAILS,
          Excerpt.of(
              content.partnerCategory()
                  + ", "
                  + content.partnerRegion()
                  + "\nWhy: "
                  + content.reason(),
              whole(round(task.getExecution()))));
    };
  }

  @Bean
  JavaDelegate recordConfirmationDelegate(RoundConfirmations confirmations) {
    return execution -> {
      Object reason = execution.getVariable(REJECTION_REASON);
      confirmations.answer(
          execution.getId(),
          ProcessVariables.storeDecision(execution, PARTNERSHIP_ACCEPTED),
          reason instanceof String text ? text : reason == null ? null : String.valueOf(reason));
    };
  }

  @Bean
  JavaDelegate countConfirmationsDelegate(
      RoundConfirmations confirmations, PartneringRounds rounds) {
    return execution -> {
      boolean rejected = confirmations.anyRejectedThisMatchingRound(round(execution));
      execution.setVariable(ANY_PAIR_REJECTED, rejected);
      execution.setVariable(REMATCH, rejected && rounds.rematch(round(execution)));
    };
  }

  /**
   * Ends "Decide on rejected pairs": the decision is required, and kept with the round, not in the
   * instance.
   */
  @Bean
  ExecutionListener recordPartneringDecisionListener(PartneringRounds rounds) {
    return execution -> {
      Object decision = execution.getVariable(PARTNERING_DECISION);
      String text =
          ProcessVariables.requiredText(
              decision instanceof String ? decision : null, PARTNERING_DECISION);
      if (text.length() > 2000) {
        throw ProcessVariables.refused(PARTNERING_DECISION, "must be at most 2,000 characters");
      }
      rounds.recordDecision(round(execution), text);
      execution.removeVariable(PARTNERING_DECISION);
    };
  }

  @Bean
  JavaDelegate publishPartneringScheduleDelegate(PartneringRounds rounds) {
    return execution ->
        execution.setVariable(ANYONE_UNPARTNERED, !rounds.publish(round(execution)).isEmpty());
  }

  @Bean
  JavaDelegate emailPartnersDelegate(PartneringRounds rounds) {
    return execution -> rounds.emailSchedule(round(execution));
  }

  /** The escalation form: who has no partner, and why the proposal could not find one. */
  @Bean
  TaskListener unpartneredListener(PartneringService views) {
    return task -> {
      String round = round(task.getExecution());
      task.setName("Find partners for unpartnered organisations (" + round + ")");
      task.setVariableLocal(UNPARTNERED, Excerpt.of(views.unpartnered(round), ", ", whole(round)));
      task.setVariableLocal(
          RULE_FINDINGS, Excerpt.ofLines(views.view(round).unmet(), whole(round)));
    };
  }

  /** The chase form: who has not answered which confirmation yet. */
  @Bean
  TaskListener unconfirmedListener(PartneringService views) {
    return task -> {
      String round = round(task.getExecution());
      task.setName("Chase unconfirmed partnerships (" + round + ")");
      task.setVariableLocal(UNPARTNERED, Excerpt.ofLines(views.unanswered(round), whole(round)));
    };
  }

  /** The decision form after the last matching round: what is still rejected. */
  @Bean
  TaskListener rejectedPairsListener(PartneringService views) {
    return task -> {
      String round = round(task.getExecution());
      task.setName("Decide on rejected pairs (" + round + ")");
      task.setVariableLocal(
          PROPOSAL,
          Excerpt.ofLines(
              views.view(round).pairs().stream()
                  .filter(pair -> pair.state().equals(RoundPair.State.REJECTED.name()))
                  .map(
                      pair ->
                          pair.a()
                              + "–"
                              + pair.b()
                              + " (rejected"
                              + (pair.rejectionReason() == null
                                  ? ""
                                  : " by " + pair.rejectionReason())
                              + ")")
                  .toList(),
              whole(round)));
      task.setVariableLocal(UNPARTNERED, Excerpt.of(views.unpartnered(round), ", ", whole(round)));
    };
  }

  /** The round is the business key, which no task variable can change. */
  private static String round(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** Where a form's excerpt points for the whole round: its pairs, states and unmet rules. */
  static String whole(String round) {
    return "GET /api/partnering/" + round;
  }
}
