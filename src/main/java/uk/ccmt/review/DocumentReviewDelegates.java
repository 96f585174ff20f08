package uk.ccmt.review;

import static uk.ccmt.review.ReviewVariables.COMMENTS;
import static uk.ccmt.review.ReviewVariables.DEADLINE;
import static uk.ccmt.review.ReviewVariables.DOCUMENT;
import static uk.ccmt.review.ReviewVariables.EVERY_ORGANISATION_ANSWERED;
import static uk.ccmt.review.ReviewVariables.LOOP_COUNTER;
import static uk.ccmt.review.ReviewVariables.NO_COMMENTS;
import static uk.ccmt.review.ReviewVariables.NUMBER_OF_GROUPS;
import static uk.ccmt.review.ReviewVariables.PARTICIPANT_NAME;
import static uk.ccmt.review.ReviewVariables.RESPONSES;
import static uk.ccmt.review.ReviewVariables.REVIEW_COMMENTS;
import static uk.ccmt.review.ReviewVariables.REVIEW_ID;
import static uk.ccmt.review.ReviewVariables.REVIEW_TALLY;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates and listeners of documentReview (business key the review id) and of each
 * organisation's documentReviewRequest. An organisation's answer is found by its process instance,
 * never by a variable its user could set.
 */
@Configuration(proxyBeanMethods = false)
class DocumentReviewDelegates {

  /**
   * One asking step: the group is the step's loopCounter among nrOfInstances. It sets no variable:
   * the steps run side by side on the one review instance.
   */
  @Bean
  JavaDelegate askReviewersDelegate(DocumentReviews reviews) {
    return execution -> reviews.askGroup(reviewId(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate emailReviewersDelegate(DocumentReviews reviews) {
    return execution ->
        reviews.emailGroup(reviewId(execution), group(execution), groups(execution));
  }

  @Bean
  JavaDelegate checkReviewAnswersDelegate(DocumentReviews reviews) {
    return execution ->
        execution.setVariable(
            EVERY_ORGANISATION_ANSWERED, reviews.allAnswered(reviewId(execution)));
  }

  @Bean
  JavaDelegate reportSilentReviewersDelegate(DocumentReviews reviews) {
    return execution -> reviews.reportSilence(reviewId(execution));
  }

  @Bean
  JavaDelegate closeReviewDelegate(DocumentReviews reviews) {
    return execution -> reviews.close(reviewId(execution));
  }

  /** In the transaction that completes consolidateReviewComments: a bad line keeps it open. */
  @Bean
  JavaDelegate recordReviewResponsesDelegate(ReviewConsolidation reviews) {
    return execution ->
        reviews.respond(
            reviewId(execution),
            execution.getVariable(RESPONSES),
            ProcessVariables.currentUser(execution));
  }

  @Bean
  JavaDelegate publishCommentLogDelegate(ReviewConsolidation reviews) {
    return execution -> reviews.publish(reviewId(execution));
  }

  @Bean
  JavaDelegate emailCommentLogDelegate(ReviewConsolidation reviews) {
    return execution -> reviews.emailCommentLog(reviewId(execution));
  }

  /** In the transaction that completes reviewDocument: a bad line keeps it open (400). */
  @Bean
  JavaDelegate recordReviewAnswerDelegate(DocumentReviews reviews) {
    return execution ->
        reviews.answer(
            execution.getProcessInstanceId(),
            execution.getVariable(NO_COMMENTS),
            execution.getVariable(COMMENTS),
            ProcessVariables.currentUser(execution));
  }

  @Bean
  JavaDelegate remindReviewerDelegate(DocumentReviews reviews) {
    return execution -> reviews.remind(execution.getProcessInstanceId());
  }

  /**
   * Names the organisation's task "Review &lt;title&gt; v&lt;version&gt; by &lt;date&gt;", gives it
   * the deadline, and shows the document and the deadline on its form.
   */
  @Bean
  TaskListener reviewDocumentTaskListener(DocumentReviews reviews) {
    return task -> {
      DocumentReviews.Question question =
          reviews.questionOf(
              task.getExecution().getProcessBusinessKey(),
              (String) task.getVariable(ReviewVariables.PARTICIPANT_CODE));
      task.setName(question.taskName());
      task.setDueDate(Date.from(question.review().dueAt()));
      task.setVariableLocal(REVIEW_ID, question.review().id());
      task.setVariableLocal(PARTICIPANT_NAME, question.participantName());
      task.setVariableLocal(DOCUMENT, question.document());
      task.setVariableLocal(DEADLINE, question.deadline());
    };
  }

  /**
   * Shows the release managers every comment and the tally, and starts the responses with one
   * "noted" line per comment for them to change.
   */
  @Bean
  TaskListener consolidateReviewTaskListener(ReviewConsolidation reviews) {
    return task -> {
      ReviewConsolidation.Consolidation consolidation =
          reviews.consolidation(task.getExecution().getProcessBusinessKey());
      task.setName(
          "Consolidate review comments "
              + consolidation.review().id()
              + ": "
              + consolidation.review().title()
              + " v"
              + consolidation.review().version());
      task.setVariableLocal(REVIEW_ID, consolidation.review().id());
      task.setVariableLocal(REVIEW_TALLY, consolidation.tally());
      task.setVariableLocal(REVIEW_COMMENTS, consolidation.comments());
      if (consolidation.responses().length() <= ReviewLines.MAX_TEXT) {
        task.getExecution().setVariable(RESPONSES, consolidation.responses());
      }
    };
  }

  /**
   * However the review ends (published, or cancelled in Cockpit), no organisation is left with a
   * task about it.
   */
  @Bean
  ExecutionListener endReviewRequestsListener(DocumentReviews reviews) {
    return execution -> reviews.close(reviewId(execution));
  }

  private static String reviewId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static int group(DelegateExecution execution) {
    return (Integer) execution.getVariable(LOOP_COUNTER);
  }

  private static int groups(DelegateExecution execution) {
    return (Integer) execution.getVariable(NUMBER_OF_GROUPS);
  }
}
