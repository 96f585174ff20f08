package uk.ccmt.review;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.InvalidInputException;

/**
 * The consolidation of an industry review: what the release managers see when every comment is in,
 * their response to each comment, and the comment log published to every organisation asked.
 */
@Service
public class ReviewConsolidation {

  private final ReviewRepository reviews;
  private final ParticipantService participants;
  private final ReviewMailing mailing;
  private final Clock clock;
  private final DocumentReviews documentReviews;
  private final ReviewReading reading;

  ReviewConsolidation(
      ReviewRepository reviews,
      ParticipantService participants,
      ReviewMailing mailing,
      Clock clock,
      DocumentReviews documentReviews,
      ReviewReading reading) {
    this.reviews = reviews;
    this.participants = participants;
    this.mailing = mailing;
    this.clock = clock;
    this.documentReviews = documentReviews;
    this.reading = reading;
  }

  /** What the consolidation shows and starts from: every comment, and a response line for each. */
  public Consolidation consolidation(String reviewId) {
    Review review = documentReviews.review(reviewId);
    List<Review.Comment> comments = reviews.comments(review.number());
    List<String> log = new ArrayList<>();
    List<String> responses = new ArrayList<>();
    for (Review.Comment comment : comments) {
      log.add(
          comment.number()
              + ". "
              + comment.participantName()
              + " ("
              + comment.participantCode()
              + "), "
              + comment.reference()
              + ": "
              + comment.text());
      responses.add(comment.number() + ": noted");
    }
    ReviewReading.Status status = reading.status(reviewId, ReviewReading.Viewer.STAFF);
    String tally =
        counted(status.asked(), "organisation")
            + " asked; "
            + status.answered()
            + " answered ("
            + status.noComments()
            + " with no comments), "
            + status.notAnswered().size()
            + " did not answer; "
            + counted(status.comments(), "comment")
            + ".";
    return new Consolidation(
        review,
        documentReviews.taskName(review),
        tally,
        uk.ccmt.system.Excerpt.ofLines(log, "GET /api/reviews/" + reviewId + "/comments"),
        String.join("\n", responses));
  }

  /** The release managers' responses, every comment one; refused naming the line. */
  @Transactional
  public void respond(String reviewId, Object responses, String user) {
    Review review = documentReviews.review(reviewId);
    Map<Integer, ReviewLines.Answer> answers = checkResponses(review, responses);
    Instant now = clock.instant();
    answers.forEach(
        (comment, answer) ->
            reviews.respond(
                review.number(), comment, answer.response().name(), answer.reason(), user, now));
  }

  /** The responses read against the review's comments, or the refusal naming the line. */
  Map<Integer, ReviewLines.Answer> checkResponses(Review review, Object responses) {
    if (responses != null && !(responses instanceof String)) {
      throw new InvalidInputException("responses", "must be text, one response a line");
    }
    Set<Integer> numbers =
        reviews.comments(review.number()).stream()
            .map(Review.Comment::number)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return ReviewLines.responses((String) responses, numbers);
  }

  /** Queues the comment log to every organisation asked, and marks the review published. */
  @Transactional
  public void publish(String reviewId) {
    Review review = documentReviews.review(reviewId);
    List<Map<String, Object>> log =
        reviews.comments(review.number()).stream().map(ReviewConsolidation::logLine).toList();
    List<Review.Request> requests = reviews.requests(review.number());
    List<String> noComments = named(requests, "NO_COMMENTS");
    List<String> notAnswered = named(requests, "NO_ANSWER");
    for (Review.Request request : requests) {
      mailing.queueCommentLog(
          review, participants.get(request.participantCode()), log, noComments, notAnswered);
    }
    reviews.markPublished(review.number(), clock.instant());
  }

  public void emailCommentLog(String reviewId) {
    mailing.deliverCommentLogs(documentReviews.review(reviewId));
  }

  private static List<String> named(List<Review.Request> requests, String answer) {
    return requests.stream()
        .filter(request -> answer.equals(request.answer()))
        .map(request -> request.participantName() + " (" + request.participantCode() + ")")
        .toList();
  }

  private static Map<String, Object> logLine(Review.Comment comment) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("number", comment.number());
    line.put("organisation", comment.participantName() + " (" + comment.participantCode() + ")");
    line.put("reference", comment.reference());
    line.put("text", comment.text());
    line.put(
        "response",
        comment.response() == null
            ? "no response"
            : comment.response().toLowerCase(Locale.ROOT)
                + (comment.responseReason() == null ? "" : ": " + comment.responseReason()));
    return line;
  }

  private static String counted(long count, String thing) {
    return count + " " + thing + (count == 1 ? "" : "s");
  }

  record Consolidation(
      Review review, String taskName, String tally, String comments, String responses) {}
}
