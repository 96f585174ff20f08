package uk.ccmt.review;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the document review models read from the product's tables rather than from process
 * variables: how many asking steps a review runs, its deadline and each organisation's reminder. An
 * organisation's user cannot move its own deadline by overwriting a variable.
 */
@Component("documentReviewModel")
public class DocumentReviewModel {

  private final DocumentReviews reviews;

  DocumentReviewModel(DocumentReviews reviews) {
    this.reviews = reviews;
  }

  public int groupsToAsk(DelegateExecution execution) {
    return reviews.groupsToAsk(execution.getProcessBusinessKey());
  }

  /** The comment deadline: the review's timer. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(reviews.dueAtOf(execution.getProcessBusinessKey()));
  }

  /** When an organisation that has not answered is reminded. */
  public Date reminderAt(DelegateExecution execution) {
    return Date.from(reviews.reminderAtOf(execution.getProcessBusinessKey()));
  }
}
