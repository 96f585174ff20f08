package uk.ccmt.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Days and moments as people read them in notes, emails, pages and refusals, in the calendar zone.
 */
@Component
public class ReadableDates {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", Locale.UK);
  private static final DateTimeFormatter MOMENT_IN_ZONE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm VV", Locale.UK);

  private static final DateTimeFormatter SHORT_MOMENT =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.UK);

  private final Clock clock;

  public ReadableDates(Clock clock) {
    this.clock = clock;
  }

  /** A day, such as "Thursday 3 December 2026". */
  public String describe(LocalDate day) {
    return DAY.format(day);
  }

  /** A moment in the calendar zone, such as "3 December 2026, 10:05 GMT". */
  public String describe(Instant moment) {
    return MOMENT.format(moment.atZone(clock.getZone()));
  }

  /**
   * A moment in the calendar zone, named, as a UK programme writes a deadline: such as "Thu 10 Dec
   * 2026 14:00 Europe/London" (day, month, year; 24-hour time).
   */
  public String describeInZone(Instant moment) {
    return MOMENT_IN_ZONE.format(moment.atZone(clock.getZone()));
  }

  /**
   * A moment in the calendar zone, short, for a row of a staff page: such as "Tue 1 Dec 2026 18:20
   * GMT".
   */
  public String describeShort(Instant moment) {
    return SHORT_MOMENT.format(moment.atZone(clock.getZone()));
  }
}
