package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Deadlines as a UK programme writes them: day, month, year, 24-hour time, the zone named. */
class ReadableDatesTest {

  private final ReadableDates dates =
      new ReadableDates(Clock.fixed(Instant.EPOCH, ZoneId.of("Europe/London")));

  @Test
  void shouldNameTheZoneInWinterAndInSummer() {
    assertThat(dates.describeInZone(Instant.parse("2026-12-10T14:00:00Z")))
        .isEqualTo("Thu 10 Dec 2026 14:00 Europe/London");
    assertThat(dates.describeInZone(Instant.parse("2026-07-01T14:00:00Z")))
        .as("British Summer Time")
        .isEqualTo("Wed 1 Jul 2026 15:00 Europe/London");
  }

  @Test
  void shouldWriteAStaffPageMomentShortWithTheZonesAbbreviation() {
    assertThat(dates.describeShort(Instant.parse("2026-12-01T18:20:59.123Z")))
        .isEqualTo("Tue 1 Dec 2026 18:20 GMT");
    assertThat(dates.describeShort(Instant.parse("2026-07-01T14:00:00Z")))
        .isEqualTo("Wed 1 Jul 2026 15:00 BST");
  }
}
