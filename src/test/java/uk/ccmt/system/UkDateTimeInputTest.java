package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A date-time from a form or a REST client is read as a UK programme writes it, in London. */
class UkDateTimeInputTest {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Test
  void shouldReadADayMonthYearAnd24HourTimeInLondon() {
    assertThat(ProcessVariables.requiredDateTime("03/12/2026 10:00", "deploymentSchedule", LONDON))
        .isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    assertThat(ProcessVariables.requiredDateTime("3/6/2026, 14:30", "deploymentSchedule", LONDON))
        .as("British Summer Time")
        .isEqualTo(Instant.parse("2026-06-03T13:30:00Z"));
  }

  @Test
  void shouldKeepReadingIsoAsTheDatePickerAndTheApiSendIt() {
    assertThat(ProcessVariables.requiredDateTime("2026-06-03T14:30", "deploymentSchedule", LONDON))
        .isEqualTo(Instant.parse("2026-06-03T13:30:00Z"));
    assertThat(
            ProcessVariables.requiredDateTime(
                "2026-06-03T14:30:00+02:00", "deploymentSchedule", LONDON))
        .isEqualTo(Instant.parse("2026-06-03T12:30:00Z"));
  }

  @Test
  void shouldRefuseWhatIsNoDateInWordsThatNameTheUkForm() {
    assertThatThrownBy(
            () ->
                ProcessVariables.requiredDateTime("31/02/2026 10:00", "deploymentSchedule", LONDON))
        .hasMessageContaining("deploymentSchedule")
        .hasMessageContaining("such as 01/12/2026 14:00 (day/month/year, Europe/London time)");
    assertThatThrownBy(() -> ProcessVariables.requiredDateTime(" ", "deploymentSchedule", LONDON))
        .hasMessageContaining("is required: a day and a 24-hour time");
  }
}
