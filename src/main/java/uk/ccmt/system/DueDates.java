package uk.ccmt.system;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * A due date as a release manager gives it when asking organisations for something (information
 * requests, document reviews): a day, which means that day at the area's due time, or a date-time
 * with or without its offset, in the clock's zone. It must lie ahead, and within a year.
 */
public final class DueDates {

  private DueDates() {}

  /** The moment {@code given} means, or a refusal naming {@code dueDate} and why. */
  public static Instant parse(String given, LocalTime dueTime, Clock clock, ReadableDates dates) {
    if (given == null || given.isBlank()) {
      throw new InvalidInputException(
          "dueDate", "is required: a date such as 2026-12-10, or a date-time");
    }
    String text = given.strip();
    Instant dueAt;
    try {
      dueAt = LocalDate.parse(text).atTime(dueTime).atZone(clock.getZone()).toInstant();
    } catch (DateTimeException notADay) {
      try {
        dueAt = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException notWithOffset) {
        try {
          dueAt = LocalDateTime.parse(text).atZone(clock.getZone()).toInstant();
        } catch (DateTimeException notADateTime) {
          throw new InvalidInputException(
              "dueDate",
              "'" + text + "' is not a date such as 2026-12-10 or an ISO-8601 date-time");
        }
      }
    }
    if (!dueAt.isAfter(clock.instant())) {
      throw new InvalidInputException(
          "dueDate", "'" + text + "' (" + dates.describe(dueAt) + ") is in the past");
    }
    if (dueAt.isAfter(clock.instant().plus(Duration.ofDays(366)))) {
      throw new InvalidInputException("dueDate", "'" + text + "' is more than a year ahead");
    }
    return dueAt;
  }
}
