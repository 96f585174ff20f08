package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.ccmt.system.EngineClock;

class ReleaseCalendarTest {

  private final ReleaseCalendar calendar =
      new ReleaseCalendar(
          new CalendarProperties(
              Slot.valueOf("MONDAY 09:00"),
              Slot.valueOf("TUESDAY 12:00"),
              Slot.valueOf("WEDNESDAY 17:00"),
              Slot.valueOf("THURSDAY 10:00")),
          new EngineClock(ZoneId.of("Europe/London")));

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldPlaceTheFirstSlotAfterAFreezeAtTenOnTheNextWorkingDay() {
    assertThat(calendar.firstSlotFrom(Instant.parse("2026-12-03T15:00:00Z")))
        .as("Thursday afternoon: Friday 10:00")
        .isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
    assertThat(calendar.firstSlotFrom(Instant.parse("2026-12-03T08:00:00Z")))
        .as("a freeze ending before 10:00 leaves that day's slot")
        .isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    assertThat(calendar.firstSlotFrom(Instant.parse("2026-12-03T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    assertThat(calendar.firstSlotFrom(Instant.parse("2026-12-04T12:00:00Z")))
        .as("Friday afternoon: past the weekend to Monday")
        .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(calendar.firstSlotFrom(Instant.parse("2026-07-03T12:00:00Z")))
        .as("10:00 BST")
        .isEqualTo(Instant.parse("2026-07-06T09:00:00Z"));
  }

  @Test
  void shouldKnowNextWeeksSlot() {
    assertThat(calendar.nextWeeksSlot(ReleaseWeek.parse("2026-W49")))
        .isEqualTo(Instant.parse("2026-12-10T10:00:00Z"));
    assertThat(calendar.nextWeeksSlot(ReleaseWeek.parse("2026-W53")))
        .isEqualTo(Instant.parse("2027-01-07T10:00:00Z"));
  }

  @Test
  void shouldPlaceAWinterWeeksDeadlinesInGreenwichMeanTime() {
    var deadlines = calendar.deadlines(ReleaseWeek.parse("2026-W49"));

    assertThat(deadlines.cycleStart().toInstant()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    assertThat(deadlines.provisionalNoteDue().toInstant())
        .isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(deadlines.internalTestingDue().toInstant())
        .isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));
    assertThat(deadlines.deploymentSlot().toInstant())
        .isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
  }

  @Test
  void shouldFollowBritishSummerTime() {
    var deadlines = calendar.deadlines(ReleaseWeek.parse("2026-W27"));

    assertThat(deadlines.deploymentSlot().toInstant())
        .as("10:00 BST")
        .isEqualTo(Instant.parse("2026-07-02T09:00:00Z"));
  }

  @Test
  void shouldFollowTheClockChangeInTheWeekItHappens() {
    // British Summer Time ends on Sunday 25 October 2026: Monday of week 44 is GMT.
    var before = calendar.deadlines(ReleaseWeek.parse("2026-W43"));
    var after = calendar.deadlines(ReleaseWeek.parse("2026-W44"));

    assertThat(before.cycleStart().toInstant()).isEqualTo(Instant.parse("2026-10-19T08:00:00Z"));
    assertThat(after.cycleStart().toInstant()).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
  }

  @Test
  void shouldStartTheCycleByCronOnMondayMorning() {
    assertThat(calendar.cycleStartCron()).isEqualTo("0 0 9 * * MON");
  }

  @Test
  void shouldRefuseAWeekWhoseThursdayHasPassed() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-03T23:30:00Z")));

    assertThat(calendar.isPast(ReleaseWeek.parse("2026-W49"))).as("Thursday itself").isFalse();
    assertThat(calendar.isPast(ReleaseWeek.parse("2026-W48"))).isTrue();
    assertThat(calendar.currentWeek()).isEqualTo(ReleaseWeek.parse("2026-W49"));
  }

  @Test
  void shouldReadWeeksAndSlotsOrSayWhatIsWrong() {
    assertThat(ReleaseWeek.parse("2026-W49").day(DayOfWeek.THURSDAY))
        .isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(ReleaseWeek.parse("2026-W53").releaseId()).isEqualTo("R-2026-W53");
    assertThat(ReleaseWeek.containing(LocalDate.of(2027, 1, 1)))
        .isEqualTo(ReleaseWeek.parse("2026-W53"));
    assertThatThrownBy(() -> ReleaseWeek.parse("2027-W53"))
        .hasMessageContaining("2027 has no ISO week 53");
    assertThatThrownBy(() -> ReleaseWeek.parse("2026-49"))
        .hasMessageContaining("is not an ISO week");
    assertThat(Slot.valueOf("thursday 10:30"))
        .isEqualTo(new Slot(DayOfWeek.THURSDAY, LocalTime.of(10, 30)));
  }
}
