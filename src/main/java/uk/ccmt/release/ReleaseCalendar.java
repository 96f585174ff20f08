package uk.ccmt.release;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one place that knows the weekly timetable and its time zone. Deadlines are computed here as
 * instants in the calendar zone (so they follow daylight saving whatever the host's zone) and
 * handed to the BPMN timers as dates. What day it is comes from the application's {@link Clock},
 * which reads the engine's and runs in the calendar zone (ccmt.calendar.zone); telling the time and
 * writing dates for people are not its job.
 */
@Component("releaseCalendar")
public class ReleaseCalendar {

  private final CalendarProperties properties;
  private final Clock clock;

  ReleaseCalendar(CalendarProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  private LocalDate today() {
    return LocalDate.now(clock);
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
   * The first deployment slot at or after {@code moment}: the slot's time of day (10:00) on a
   * working day, Monday to Friday, in the calendar zone. The calendar knows no bank holidays: a
   * release manager moves a slot that falls on one.
   */
  public Instant firstSlotFrom(Instant moment) {
    ZonedDateTime local = moment.atZone(clock.getZone());
    LocalDate day = local.toLocalDate();
    while (true) {
      ZonedDateTime slot =
          ZonedDateTime.of(day, properties.deploymentSlot().time(), clock.getZone());
      boolean workingDay =
          day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
      if (workingDay && !slot.toInstant().isBefore(moment)) {
        return slot.toInstant();
      }
      day = day.plusDays(1);
    }
  }

  /** The deployment slot of the week after {@code week}. */
  public Instant nextWeeksSlot(ReleaseWeek week) {
    ReleaseWeek next = ReleaseWeek.containing(week.day(DayOfWeek.MONDAY).plusWeeks(1));
    return deadlines(next).deploymentSlot().toInstant();
  }

  /**
   * Spring's 6-field cron for the Monday start of the cycle. Camunda evaluates cron in the JVM's
   * default zone, which {@link CalendarZoneEnvironmentPostProcessor} sets to the calendar zone.
   */
  public String cycleStartCron() {
    Slot start = properties.cycleStart();
    return String.format(
        "0 %d %d * * %s",
        start.time().getMinute(),
        start.time().getHour(),
        start.day().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ENGLISH));
  }

  private Date at(ReleaseWeek week, Slot slot) {
    return Date.from(
        ZonedDateTime.of(week.day(slot.day()), slot.time(), clock.getZone()).toInstant());
  }

  /** The deadlines of one week, as the timers of weeklyRelease use them. */
  public record WeeklyDeadlines(
      Date cycleStart, Date provisionalNoteDue, Date internalTestingDue, Date deploymentSlot) {}
}
