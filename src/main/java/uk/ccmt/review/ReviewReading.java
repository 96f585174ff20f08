package uk.ccmt.review;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import uk.ccmt.system.NotFoundException;

/**
 * The reading side of the industry reviews: the list, a review's status, its comment log and its
 * uploaded document, each as the viewer may read it. The programme's staff read everything; an
 * organisation reads only the reviews it was asked to answer.
 */
@Service
public class ReviewReading {

  private final ReviewRepository reviews;
  private final DocumentReviews documentReviews;

  ReviewReading(ReviewRepository reviews, DocumentReviews documentReviews) {
    this.reviews = reviews;
    this.documentReviews = documentReviews;
  }

  /** Who reads: the programme's staff everything, an organisation what it was asked. */
  public record Viewer(boolean staff, List<String> organisations) {
    static final Viewer STAFF = new Viewer(true, List.of());

    boolean reads(Review review, ReviewRepository reviews) {
      return staff || reviews.isAsked(review.number(), organisations);
    }
  }

  public List<Summary> list(Viewer viewer) {
    return reviews.reviews(viewer.staff() ? null : viewer.organisations()).stream()
        .map(
            review ->
                new Summary(
                    review.id(),
                    review.title(),
                    review.version(),
                    review.dueAt(),
                    review.state().name()))
        .toList();
  }

  public Status status(String reviewId, Viewer viewer) {
    Review review = readable(reviewId, viewer);
    List<Review.Request> requests = reviews.requests(review.number());
    List<Answered> answered =
        requests.stream()
            .filter(
                request ->
                    "NO_COMMENTS".equals(request.answer()) || "COMMENTS".equals(request.answer()))
            .filter(
                request ->
                    viewer.staff()
                        || viewer.organisations().contains(request.participantCode())
                        || review.state() == Review.State.PUBLISHED)
            .map(
                request ->
                    new Answered(
                        request.participantCode(),
                        request.participantName(),
                        request.answer().equals("NO_COMMENTS"),
                        request.answeredBy(),
                        request.answeredAt()))
            .toList();
    List<String> notAnswered =
        requests.stream()
            .filter(request -> request.answer() == null || "NO_ANSWER".equals(request.answer()))
            .filter(
                request ->
                    viewer.staff() || viewer.organisations().contains(request.participantCode()))
            .map(Review.Request::participantCode)
            .toList();
    long answeredCount =
        requests.stream()
            .filter(r -> "NO_COMMENTS".equals(r.answer()) || "COMMENTS".equals(r.answer()))
            .count();
    long noComments = requests.stream().filter(r -> "NO_COMMENTS".equals(r.answer())).count();
    return new Status(
        review.id(),
        review.title(),
        review.version(),
        review.documentUrl() != null
            ? review.documentUrl()
            : "/api/reviews/" + review.id() + "/document",
        review.dueAt(),
        review.state().name(),
        requests.size(),
        answeredCount,
        noComments,
        reviews.comments(review.number()).size(),
        answered,
        notAnswered);
  }

  /**
   * The comment log: to the staff at any time; to an organisation asked, its own comments until the
   * log is published, and every organisation's, attributed, once it is.
   */
  public List<LogEntry> comments(String reviewId, Viewer viewer) {
    Review review = readable(reviewId, viewer);
    boolean everyone = viewer.staff() || review.state() == Review.State.PUBLISHED;
    return reviews.comments(review.number()).stream()
        .filter(c -> everyone || viewer.organisations().contains(c.participantCode()))
        .map(
            c ->
                new LogEntry(
                    c.number(),
                    c.participantCode(),
                    c.participantName(),
                    c.reference(),
                    c.text(),
                    c.response() == null ? null : c.response().toLowerCase(Locale.ROOT),
                    c.responseReason()))
        .toList();
  }

  public Review.Document document(String reviewId, Viewer viewer) {
    Review review = readable(reviewId, viewer);
    return reviews
        .document(review.number())
        .orElseThrow(() -> new NotFoundException("Document of review", reviewId));
  }

  private Review readable(String reviewId, Viewer viewer) {
    Review review = documentReviews.review(reviewId);
    if (!viewer.reads(review, reviews)) {
      throw new NotFoundException("Document review", reviewId);
    }
    return review;
  }

  public record Summary(String id, String title, String version, Instant dueDate, String state) {}

  public record Answered(
      String code, String name, boolean noComments, String answeredBy, Instant answeredAt) {}

  public record Status(
      String id,
      String title,
      String version,
      String document,
      Instant dueDate,
      String state,
      int asked,
      long answered,
      long noComments,
      int comments,
      List<Answered> answeredBy,
      List<String> notAnswered) {}

  public record LogEntry(
      int number,
      String organisation,
      String organisationName,
      String reference,
      String text,
      String response,
      String responseReason) {}
}
