package uk.ccmt.review;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.ccmt.system.CalendarEvent;
import uk.ccmt.system.CalendarEvents;
import uk.ccmt.system.WebProperties;

/**
 * The due date of each review still open for comments, for the public calendar feed: a deadline
 * (start = end), with a uid that stays the same for the review (on the programme's host, as the
 * feed's other entries), so calendar clients update it. The summary names the document only, never
 * who was asked.
 */
@Component
class ReviewCalendar implements CalendarEvents {

  private final ReviewRepository reviews;
  private final WebProperties web;

  ReviewCalendar(ReviewRepository reviews, WebProperties web) {
    this.reviews = reviews;
    this.web = web;
  }

  @Override
  public List<CalendarEvent> between(Instant from, Instant to) {
    return reviews.openDueBetween(from, to).stream()
        .map(
            review ->
                new CalendarEvent(
                    web.calendarUid("review-" + review.id() + "-due"),
                    "Review comments due: " + review.title() + " v" + review.version(),
                    "Comments on "
                        + review.title()
                        + " v"
                        + review.version()
                        + " are due from the organisations asked ("
                        + review.id()
                        + ").",
                    review.dueAt(),
                    review.dueAt(),
                    (URI) null,
                    review.createdAt()))
        .toList();
  }
}
