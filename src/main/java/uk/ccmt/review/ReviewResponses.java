package uk.ccmt.review;

import static uk.ccmt.review.ReviewVariables.COMMENT;
import static uk.ccmt.review.ReviewVariables.RESPONSES;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;

/**
 * PUT /api/reviews/{id}/responses: the consolidation over the API. It completes the open
 * consolidateReviewComments task as the caller, so it is the same decision, recorded the same way,
 * as in Tasklist.
 */
@Service
class ReviewResponses {

  private final DocumentReviews reviews;
  private final ReviewConsolidation consolidation;
  private final TaskService tasks;
  private final IdentityService identity;

  ReviewResponses(
      DocumentReviews reviews,
      ReviewConsolidation consolidation,
      TaskService tasks,
      IdentityService identity) {
    this.reviews = reviews;
    this.consolidation = consolidation;
    this.tasks = tasks;
    this.identity = identity;
  }

  /** The responses as Tasklist takes them (text, one a line) or as a list; an optional comment. */
  record Given(Object responses, String comment) {}

  void give(String reviewId, Given given, String user, List<String> groups) {
    Review review = reviews.review(reviewId);
    String text = text(given == null ? null : given.responses());
    Task task =
        tasks
            .createTaskQuery()
            .processInstanceBusinessKey(review.id())
            .processDefinitionKey(ReviewVariables.REVIEW_PROCESS)
            .taskDefinitionKey("consolidateReviewComments")
            .singleResult();
    if (task == null) {
      throw new ConflictException(
          "Not consolidating",
          review.id() + " is not waiting for its consolidation (it is " + review.state() + ")");
    }
    consolidation.checkResponses(review, text);
    Map<String, Object> variables = new HashMap<>();
    variables.put(RESPONSES, text);
    if (given.comment() != null) {
      variables.put(COMMENT, given.comment());
    }
    identity.setAuthentication(user, groups);
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private static String text(Object responses) {
    if (responses == null) {
      throw new InvalidInputException("responses", "is required");
    }
    if (responses instanceof String text) {
      return text;
    }
    if (!(responses instanceof List<?> list)) {
      throw new InvalidInputException(
          "responses", "must be text, one a line, or a list of {comment, response, reason}");
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> item)
          || !(item.get("comment") instanceof Number number)
          || !(item.get("response") instanceof String response)) {
        throw new InvalidInputException(
            "responses[" + i + "]",
            "must be {\"comment\": number, \"response\": \"accepted\", \"rejected\" or \"noted\","
                + " \"reason\": text}");
      }
      Object reason = item.get("reason");
      if (reason != null && !(reason instanceof String)) {
        throw new InvalidInputException("responses[" + i + "].reason", "must be text");
      }
      lines
          .append(number.longValue())
          .append(": ")
          .append(response.replaceAll("\\R", " "))
          .append(reason == null ? "" : " " + ((String) reason).replaceAll("\\R", " "))
          .append('\n');
    }
    return lines.toString();
  }
}
