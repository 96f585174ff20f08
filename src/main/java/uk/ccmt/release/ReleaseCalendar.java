package uk.ccmt.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import uk.ccmt.release.CalendarProperties.Slot;

/**
 * The one place that knows the weekly timetable and its time zone. Deadlines are computed here
 * as instants in the calendar zone (so they follow daylight saving whatever the host's zone) and
 * handed to the BPMN timers as dates. "Now" is the engine's clock, so tests that move the engine
 * clock move the calendar with it.
 */
@Component("releaseCalendar")
public class ReleaseCalendar {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", Locale.UK);

  private final CalendarProperties properties;

  ReleaseCalendar(CalendarProperties properties) {
    this.properties = properties;
  }

  public ZoneId zone() {
    return properties.zone();
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LocalDate today() {
    return now().atZone(zone()).toLocalDate();
  }

  public ReleaseWeek currentWeek() {
    return ReleaseWeek.containing(today());
  }

  /** A week can still be started while its Thursday is today or later. */
  public boolean isPast(ReleaseWeek week) {
    return week.day(properties.deploymentSlot().day()).isBefore(today());
  }

  public WeeklyDeadlines deadlines(ReleaseWeek week) {
    return new WeeklyDeadlines(
        at(week, properties.cycleStart()),
        at(week, properties.provisionalNoteDeadline()),
        at(week, properties.internalTestCutOff()),
        at(week, properties.deploymentSlot()));
  }

  public LocalDate releaseDay(ReleaseWeek week) {
    return week.day(properties.deploymentSlot().day());
  }

  /**
   * Spring's 6-field cron for the Monday start of the cycle. Camunda evaluates cron in the JVM's
   * default zone, which {@link CalendarZoneEnvironmentPostProcessor} sets to the calendar zone.
   */
  public String cycleStartCron() {
    Slot start = properties.cycleStart();
    return String.format("0 %d %d * * %s", start.time().getMinute(), start.time().getHour(),
        start.day().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ENGLISH));
  }

  /** A day as participants read it, such as "Thursday 3 December 2026". */
  public String describe(LocalDate day) {
    return DAY.format(day);
  }

  /** A moment as participants read it, in the calendar zone, such as "3 December 2026, 10:05 GMT". */
  public String describe(Instant moment) {
    return MOMENT.format(moment.atZone(zone()));
  }

  private Date at(ReleaseWeek week, Slot slot) {
    return Date.from(ZonedDateTime.of(week.day(slot.day()), slot.time(), zone()).toInstant());
  }

  /** The deadlines of one week, as the timers of weeklyRelease use them. */
  public record WeeklyDeadlines(Date cycleStart, Date provisionalNoteDue, Date internalTestingDue,
      Date deploymentSlot) {
  }
}
