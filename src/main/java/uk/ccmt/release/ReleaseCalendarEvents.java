package uk.ccmt.release;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.ccmt.release.ReleaseCalendarRows.Row;
import uk.ccmt.system.CalendarEvent;
import uk.ccmt.system.CalendarEvents;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.WebProperties;

/**
 * The release calendar's entries for the public feed: each week's Thursday deployment slot (where a
 * move put it), the week's deadlines (the provisional note by Tuesday, internal testing by
 * Wednesday, as ccmt.calendar.* says), and every release at its deployment time. A cancelled
 * release, its slot and the deadlines after its cancellation stay in the feed marked cancelled.
 */
@Component
class ReleaseCalendarEvents implements CalendarEvents {

  /** How long a deployment shows in a calendar: a block to see, not a promise of its length. */
  static final Duration DEPLOYMENT_BLOCK = Duration.ofHours(1);

  private static final Set<ReleaseStatus> NOT_GOING_AHEAD =
      EnumSet.of(
          ReleaseStatus.CANCELLED,
          ReleaseStatus.NO_RELEASE,
          ReleaseStatus.WITHDRAWN,
          ReleaseStatus.DEFERRED);

  private final ReleaseCalendar calendar;
  private final ReleaseCalendarRows rows;
  private final WebProperties web;
  private final ReadableDates dates;
  private final Clock clock;

  ReleaseCalendarEvents(
      ReleaseCalendar calendar,
      ReleaseCalendarRows rows,
      WebProperties web,
      ReadableDates dates,
      Clock clock) {
    this.calendar = calendar;
    this.rows = rows;
    this.web = web;
    this.dates = dates;
    this.clock = clock;
  }

  @Override
  public List<CalendarEvent> between(Instant from, Instant to) {
    LocalDate firstDay = LocalDate.ofInstant(from, clock.getZone()).minusWeeks(1);
    LocalDate lastDay = LocalDate.ofInstant(to, clock.getZone()).plusWeeks(1);
    List<Row> releases = rows.around(firstDay, lastDay, from, to);
    Map<String, Row> byId =
        releases.stream().collect(Collectors.toMap(Row::id, Function.identity()));
    List<CalendarEvent> events = new ArrayList<>();
    for (ReleaseWeek week = ReleaseWeek.containing(firstDay);
        !week.day(DayOfWeek.MONDAY).isAfter(lastDay);
        week = ReleaseWeek.containing(week.day(DayOfWeek.MONDAY).plusWeeks(1))) {
      Row release = byId.get(week.releaseId());
      events.add(slot(week, release));
      events.addAll(deadlines(week, release));
    }
    for (Row release : releases) {
      releaseEvent(release).ifPresent(events::add);
    }
    return events.stream()
        .filter(event -> !event.start().isBefore(from) && event.start().isBefore(to))
        .toList();
  }

  private CalendarEvent slot(ReleaseWeek week, Row release) {
    Instant timetabled = calendar.deadlines(week).deploymentSlot().toInstant();
    Instant start = slotOf(week, release);
    boolean cancelled = release != null && NOT_GOING_AHEAD.contains(release.status());
    Instant lastChanged = release == null ? null : release.movedAt();
    if (cancelled) {
      lastChanged = latest(lastChanged, release.updatedAt());
    }
    String description =
        start.equals(timetabled)
            ? "The week's release, if it has one, goes to CCMT at this slot."
            : "Moved from " + dates.describe(timetabled) + ".";
    if (cancelled) {
      description = calledOff(release) + " " + description;
    }
    return new CalendarEvent(
        web.calendarUid("slot-" + week),
        "Deployment slot " + week + (start.equals(timetabled) ? "" : " (moved)"),
        description,
        start,
        start.plus(DEPLOYMENT_BLOCK),
        release == null ? web.releasesPage() : web.releasePage(release.id()),
        lastChanged,
        cancelled);
  }

  /** The week's slot where its latest move put it, unless the week ended without a release. */
  private Instant slotOf(ReleaseWeek week, Row release) {
    if (release != null
        && release.movedTo() != null
        && release.status() != ReleaseStatus.NO_RELEASE) {
      return release.movedTo();
    }
    return calendar.deadlines(week).deploymentSlot().toInstant();
  }

  private List<CalendarEvent> deadlines(ReleaseWeek week, Row release) {
    ReleaseCalendar.WeeklyDeadlines due = calendar.deadlines(week);
    URI page = release == null ? web.releasesPage() : web.releasePage(release.id());
    return List.of(
        deadline(
            "deadline-" + week + "-provisional-note",
            "Provisional release note due, " + week.releaseId(),
            "The release managers share the week's provisional release note by now.",
            due.provisionalNoteDue().toInstant(),
            page,
            release),
        deadline(
            "deadline-" + week + "-internal-testing",
            "Internal testing ends, " + week.releaseId(),
            "The week's release has passed internal testing by now, or its failed defects"
                + " leave it.",
            due.internalTestingDue().toInstant(),
            page,
            release));
  }

  /** A deadline after the week's release was called off is cancelled with it. */
  private CalendarEvent deadline(
      String name, String summary, String description, Instant at, URI page, Row release) {
    boolean cancelled =
        release != null
            && NOT_GOING_AHEAD.contains(release.status())
            && release.updatedAt().isBefore(at);
    return new CalendarEvent(
        web.calendarUid(name),
        summary,
        cancelled ? calledOff(release) : description,
        at,
        at,
        page,
        cancelled ? release.updatedAt() : null,
        cancelled);
  }

  /**
   * A release at its deployment time: when it went live, else when it is planned (a weekly
   * release's slot, an emergency's agreed time). A release without either has no entry yet.
   */
  private Optional<CalendarEvent> releaseEvent(Row release) {
    Instant start = release.deployedAt();
    if (start == null && release.type() == ReleaseType.REGULAR && release.week() != null) {
      start = slotOf(ReleaseWeek.parse(release.week()), release);
    }
    if (start == null) {
      start = release.agreedDeploymentAt();
    }
    if (start == null) {
      return Optional.empty();
    }
    boolean cancelled = NOT_GOING_AHEAD.contains(release.status());
    String description =
        release.cancellationReason() == null
            ? null
            : (release.type() == ReleaseType.EMERGENCY ? "Withdrawn" : "Cancelled")
                + " because "
                + release.cancellationReason().description()
                + ".";
    return Optional.of(
        new CalendarEvent(
            web.calendarUid("release-" + release.id()),
            kind(release.type()) + " " + release.id() + " (" + state(release) + ")",
            description,
            start,
            start.plus(DEPLOYMENT_BLOCK),
            web.releasePage(release.id()),
            latest(release.updatedAt(), release.movedAt()),
            cancelled));
  }

  private static String kind(ReleaseType type) {
    return switch (type) {
      case REGULAR -> "Weekly release";
      case EMERGENCY -> "Emergency release";
      case BASELINE -> "Baseline release";
    };
  }

  private static String state(Row release) {
    return switch (release.status()) {
      case PLANNED, IN_PROGRESS -> "planned";
      case DEPLOYED -> "deployed";
      case ROLLED_BACK -> "deployed, since rolled back";
      case NO_RELEASE -> "no release this week";
      default -> words(release.status());
    };
  }

  /** Why a week's slot or deadline does not go ahead, in words. */
  private static String calledOff(Row release) {
    return release.status() == ReleaseStatus.NO_RELEASE
        ? "No release this week (" + release.id() + ")."
        : release.id() + " is " + words(release.status()) + ".";
  }

  private static String words(ReleaseStatus status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
