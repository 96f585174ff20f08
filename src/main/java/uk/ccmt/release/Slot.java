package uk.ccmt.release;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;

/**
 * A point in the week, in the calendar zone, written as "THURSDAY 10:00". A class of its own, not
 * nested in {@link CalendarProperties}, so that the configuration metadata lists each slot as one
 * key (ccmt.calendar.deployment-slot) rather than as .day and .time.
 */
public record Slot(DayOfWeek day, LocalTime time) {

  public static Slot valueOf(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a day and time such as THURSDAY 10:00");
    }
    return new Slot(
        DayOfWeek.valueOf(parts[0].toUpperCase(Locale.ROOT)), LocalTime.parse(parts[1]));
  }
}
