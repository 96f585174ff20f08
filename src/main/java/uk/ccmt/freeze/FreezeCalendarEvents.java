package uk.ccmt.freeze;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.ccmt.system.CalendarEvent;
import uk.ccmt.system.CalendarEvents;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.WebProperties;

/**
 * Freezes in the public calendar feed, from their start to their end, as the public page shows
 * them. A freeze lifted early ends when it was lifted; one lifted before it began is cancelled. A
 * freeze that began before the window and still holds within it is listed too: a participant
 * subscribing during the year-end freeze should see it.
 */
@Component
class FreezeCalendarEvents implements CalendarEvents {

  private final FreezeRepository freezes;
  private final WebProperties web;
  private final ReadableDates dates;

  FreezeCalendarEvents(FreezeRepository freezes, WebProperties web, ReadableDates dates) {
    this.freezes = freezes;
    this.web = web;
    this.dates = dates;
  }

  @Override
  public List<CalendarEvent> between(Instant from, Instant to) {
    return freezes.all().stream()
        .filter(freeze -> freeze.from().isBefore(to) && end(freeze).isAfter(from))
        .map(this::event)
        .toList();
  }

  private CalendarEvent event(Freeze freeze) {
    String environments = String.join(", ", freeze.environments());
    boolean neverBegan = freeze.lifted() && !freeze.liftedAt().isAfter(freeze.from());
    Instant end = end(freeze);
    String description =
        "No release is deployed to "
            + environments
            + " from "
            + dates.describe(freeze.from())
            + " to "
            + dates.describe(freeze.to())
            + " ("
            + freeze.subjectId()
            + ").";
    if (neverBegan) {
      description += " The freeze was lifted before it began.";
    } else if (freeze.lifted() && end.isBefore(freeze.to())) {
      description += " It was lifted early, on " + dates.describe(end) + ".";
    }
    return new CalendarEvent(
        web.calendarUid("freeze-" + freeze.id()),
        environments + " frozen: " + freeze.reason(),
        description,
        freeze.from(),
        neverBegan ? freeze.to() : end,
        web.releasesPage(),
        freeze.lifted() ? freeze.liftedAt() : freeze.declaredAt(),
        neverBegan);
  }

  /** When it stops holding: its end, or when it was lifted if that came first. */
  private static Instant end(Freeze freeze) {
    if (freeze.lifted() && freeze.liftedAt().isBefore(freeze.to())) {
      return freeze.liftedAt().isAfter(freeze.from()) ? freeze.liftedAt() : freeze.to();
    }
    return freeze.to();
  }
}
