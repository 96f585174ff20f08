package uk.ccmt.review;

import static uk.ccmt.review.ReviewVariables.EVERY_ANSWER_MESSAGE;
import static uk.ccmt.review.ReviewVariables.PARTICIPANT_CODE;
import static uk.ccmt.review.ReviewVariables.REQUEST_PROCESS;
import static uk.ccmt.review.ReviewVariables.REVIEW_PROCESS;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.DueDates;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.NumberedIds;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.TextInput;

/**
 * Industry reviews of documents: a release manager asks organisations to comment by a deadline;
 * each organisation answers in its own documentReviewRequest; the release managers give every
 * comment a response, and the comment log goes to every organisation asked. Who answers is found by
 * the instance, never by a variable an organisation's user could set.
 *
 * <p>Reading is ReviewReading, the consolidation ReviewConsolidation. This class stays over 300
 * lines because starting a review checks each of its fields here, next to the start they guard.
 */
@Service
public class DocumentReviews {

  private final ReviewRepository reviews;
  private final ParticipantService participants;
  private final ReviewMailing mailing;
  private final DocumentReviewProperties properties;
  private final RuntimeService runtime;
  private final Clock clock;
  private final ReadableDates dates;

  DocumentReviews(
      ReviewRepository reviews,
      ParticipantService participants,
      ReviewMailing mailing,
      DocumentReviewProperties properties,
      RuntimeService runtime,
      Clock clock,
      ReadableDates dates) {
    this.reviews = reviews;
    this.participants = participants;
    this.mailing = mailing;
    this.properties = properties;
    this.runtime = runtime;
    this.clock = clock;
    this.dates = dates;
  }

  /** What a release manager asks for: a link or an uploaded document, never both nor neither. */
  record NewReview(
      String title,
      String version,
      String documentUrl,
      String dueDate,
      List<String> participants) {}

  /**
   * Checks everything, then writes the review, its document and one request per organisation, and
   * starts documentReview, in one transaction: a refusal writes nothing.
   */
  @Transactional
  public String start(NewReview request, Review.Document document, String startedBy) {
    if (request == null) {
      throw new InvalidInputException("title", "is required");
    }
    String title = TextInput.line(request.title(), "title", 200);
    String version = TextInput.line(request.version(), "version", 50);
    String url = documentUrl(request.documentUrl(), document);
    Instant dueAt = dueAt(request.dueDate());
    List<String> organisations = participants.organisationsToAsk(request.participants());
    long number =
        reviews.insert(
            title, version, url, dueAt, organisations, startedBy, clock.instant(), document);
    String id = Review.PREFIX + number;
    runtime.startProcessInstanceByKey(REVIEW_PROCESS, id);
    return id;
  }

  /** Into how many asking steps the review's organisations fall. */
  public int groupsToAsk(String reviewId) {
    int organisations = review(reviewId).organisations();
    int perStep = properties.organisationsPerStep();
    return Math.max(1, (organisations + perStep - 1) / perStep);
  }

  /**
   * Asks one group: one documentReviewRequest per organisation, in its tenant, and one email queued
   * each. An organisation already asked (a retried step) is left alone.
   */
  @Transactional
  public void askGroup(String reviewId, int group, int groups) {
    Review review = review(reviewId);
    String deadline = describe(review.dueAt());
    for (String code : organisationsOf(review, group, groups)) {
      if (!reviews.unopened(review.number(), code)) {
        continue;
      }
      String processInstanceId =
          runtime
              .startProcessInstanceByKey(REQUEST_PROCESS, reviewId, Map.of(PARTICIPANT_CODE, code))
              .getId();
      reviews.markOpened(review.number(), code, processInstanceId, clock.instant());
      mailing.queueRequest(review, taskName(review), deadline, participants.get(code));
    }
  }

  public void emailGroup(String reviewId, int group, int groups) {
    Review review = review(reviewId);
    mailing.deliverRequests(review, organisationsOf(review, group, groups));
  }

  private List<String> organisationsOf(Review review, int group, int groups) {
    if (groups < 1 || group < 0 || group >= groups) {
      throw new IllegalArgumentException("group " + group + " of " + groups);
    }
    int size = (review.organisations() + groups - 1) / groups;
    return reviews.organisations(review.number(), group * size, size);
  }

  /** Under the review's row lock, as recording an answer is: the last answer is never missed. */
  @Transactional
  public boolean allAnswered(String reviewId) {
    Review review = review(reviewId);
    reviews.lock(review.number());
    return !reviews.anyOpen(review.number());
  }

  /**
   * Records an organisation's answer, found by its process instance: no comments, or comments, one
   * a line with its reference. The last answer tells the review.
   */
  @Transactional
  public void answer(
      String processInstanceId, Object noComments, Object comments, String answeredBy) {
    String[] asked = asked(processInstanceId);
    long number = Long.parseLong(asked[0]);
    boolean none = requiredBoolean(noComments);
    if (comments != null && !(comments instanceof String)) {
      throw new InvalidInputException("comments", "must be text, one comment a line");
    }
    List<ReviewLines.Comment> lines = ReviewLines.comments(none, (String) comments);
    reviews.lock(number);
    boolean recorded =
        reviews.answer(
            number, asked[1], none ? "NO_COMMENTS" : "COMMENTS", answeredBy, clock.instant());
    if (!recorded) {
      return;
    }
    reviews.insertComments(number, asked[1], lines);
    if (!reviews.anyOpen(number)) {
      runtime
          .createMessageCorrelation(EVERY_ANSWER_MESSAGE)
          .processInstanceBusinessKey(Review.PREFIX + number)
          .correlateAllWithResult();
    }
  }

  /**
   * Reminds the organisation of its deadline, unless it has answered, or the review was started
   * later than ccmt.reviews.reminder-before before its deadline (it was asked just now).
   */
  public boolean remind(String processInstanceId) {
    String[] asked = asked(processInstanceId);
    Review review = review(Review.PREFIX + asked[0]);
    Review.Request request =
        reviews.request(review.number(), asked[1]).orElseThrow(IllegalStateException::new);
    Instant reminderAt = review.dueAt().minus(properties.reminderBefore());
    if (request.answer() != null || reminderAt.isBefore(review.createdAt())) {
      return false;
    }
    mailing.sendReminder(review, describe(review.dueAt()), participants.get(asked[1]));
    reviews.markReminded(review.number(), asked[1], clock.instant());
    return true;
  }

  /** When the organisation is reminded: the reminder timer of its request. */
  public Instant reminderAtOf(String reviewId) {
    Review review = review(reviewId);
    Instant reminderAt = review.dueAt().minus(properties.reminderBefore());
    return reminderAt.isBefore(review.createdAt()) ? review.dueAt() : reminderAt;
  }

  public Instant dueAtOf(String reviewId) {
    return review(reviewId).dueAt();
  }

  /** The deadline passed: one email to the release managers naming who did not answer. */
  public void reportSilence(String reviewId) {
    Review review = review(reviewId);
    List<String> silent =
        reviews.requests(review.number()).stream()
            .filter(request -> request.answer() == null || "NO_ANSWER".equals(request.answer()))
            .map(request -> request.participantName() + " (" + request.participantCode() + ")")
            .toList();
    if (!silent.isEmpty()) {
      mailing.reportSilence(review, describe(review.dueAt()), silent);
    }
  }

  /**
   * Closes the review for comments: whoever has not answered counts as "no answer", and their
   * processes end, their tasks with them.
   */
  @Transactional
  public void close(String reviewId) {
    Review review = review(reviewId);
    reviews.lock(review.number());
    List<String> open = reviews.closeOpen(review.number(), clock.instant());
    if (!open.isEmpty()) {
      runtime.deleteProcessInstancesIfExists(
          open, "Document review " + reviewId + " closed for comments", true, true, false);
    }
  }

  /**
   * The name of each organisation's task: "Review &lt;title&gt; v&lt;version&gt; by &lt;date&gt;".
   */
  String taskName(Review review) {
    return "Review " + review.title() + " v" + review.version() + " by " + describe(review.dueAt());
  }

  /**
   * What an organisation's task shows. Read when the task is created, in the transaction that
   * starts its process, from the start variable no user has touched yet.
   */
  Question questionOf(String reviewId, String code) {
    Review review = review(reviewId);
    Participant participant = participants.get(code);
    return new Question(
        review,
        taskName(review),
        participant.name() + " (" + participant.code() + ")",
        review.documentUrl() != null
            ? review.documentUrl()
            : "/api/reviews/" + review.id() + "/document",
        describe(review.dueAt()));
  }

  /** A moment as the programme reads it, such as "Thu 10 Dec 2026 17:00 Europe/London". */
  String describe(Instant moment) {
    return dates.describeInZone(moment);
  }

  Review review(String reviewId) {
    return NumberedIds.number(Review.PREFIX, reviewId).stream()
        .boxed()
        .findFirst()
        .flatMap(reviews::review)
        .orElseThrow(() -> new NotFoundException("Document review", reviewId));
  }

  private String[] asked(String processInstanceId) {
    return reviews
        .ofInstance(processInstanceId)
        .orElseThrow(() -> new NotFoundException("Document review request", processInstanceId));
  }

  private static boolean requiredBoolean(Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidInputException(
        "noComments",
        value == null
            ? "is required: true for \"no comments\", false when you give comments"
            : "must be true or false");
  }

  private static String documentUrl(String given, Review.Document document) {
    boolean hasUrl = given != null && !given.isBlank();
    if (hasUrl && document != null) {
      throw new InvalidInputException(
          "documentUrl", "give either a link or an uploaded document, not both");
    }
    if (!hasUrl) {
      if (document == null) {
        throw new InvalidInputException(
            "documentUrl", "is required: a link (http or https) to the document, or upload it");
      }
      return null;
    }
    String text = TextInput.line(given, "documentUrl", 2000);
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new InvalidInputException(
            "documentUrl", "must be an http or https link, such as https://example.org/plan.pdf");
      }
    } catch (URISyntaxException e) {
      throw new InvalidInputException("documentUrl", "is not a link: " + e.getReason());
    }
    return text;
  }

  /** A day means that day at ccmt.reviews.due-time in the calendar zone. */
  private Instant dueAt(String given) {
    if (given != null && !given.isBlank()) {
      TextInput.line(given, "dueDate", 40);
    }
    return DueDates.parse(given, properties.dueTime(), clock, dates);
  }

  record Question(
      Review review, String taskName, String participantName, String document, String deadline) {}
}
