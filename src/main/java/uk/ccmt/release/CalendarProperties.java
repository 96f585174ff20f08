package uk.ccmt.release;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The weekly timetable of the Release Management Plan (ccmt.calendar.*). */
@ConfigurationProperties("ccmt.calendar")
public record CalendarProperties(
    @DefaultValue("Europe/London") ZoneId zone,
    @DefaultValue("MONDAY 09:00") Slot cycleStart,
    @DefaultValue("TUESDAY 12:00") Slot provisionalNoteDeadline,
    @DefaultValue("WEDNESDAY 17:00") Slot internalTestCutOff,
    @DefaultValue("THURSDAY 10:00") Slot deploymentSlot) {

  /** A point in the week, in the calendar zone, written as "THURSDAY 10:00". */
  public record Slot(DayOfWeek day, LocalTime time) {

    public static Slot valueOf(String text) {
      String[] parts = text.strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("'" + text + "' is not a day and time such as THURSDAY 10:00");
      }
      return new Slot(DayOfWeek.valueOf(parts[0].toUpperCase(Locale.ROOT)), LocalTime.parse(parts[1]));
    }
  }
}
