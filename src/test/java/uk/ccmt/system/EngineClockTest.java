package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineClockTest {

  private final EngineClock clock = new EngineClock(ZoneId.of("Europe/London"));

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldTellTheTimeTheEngineTells() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-03T23:30:00Z")));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-03T23:30:00Z"));
    assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(LocalDate.now(clock.withZone(ZoneId.of("Europe/Berlin"))))
        .isEqualTo(LocalDate.of(2026, 12, 4));
  }

  @Test
  void shouldWriteDaysAndMomentsAsPeopleReadThemInTheCalendarZone() {
    ReadableDates dates = new ReadableDates(clock);

    assertThat(dates.describe(LocalDate.of(2026, 12, 3))).isEqualTo("Thursday 3 December 2026");
    assertThat(dates.describe(Instant.parse("2026-12-03T10:05:00Z")))
        .isEqualTo("3 December 2026, 10:05 GMT");
    assertThat(dates.describe(Instant.parse("2026-07-02T09:00:00Z")))
        .isEqualTo("2 July 2026, 10:00 BST");
  }
}
