package uk.ccmt.release;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO week such as 2026-W49: the unit of the regular release cycle. */
public record ReleaseWeek(int year, int week) {

  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

  public ReleaseWeek {
    long weeksInYear =
        IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(LocalDate.of(year, 1, 4)).getMaximum();
    if (week < 1 || week > weeksInYear) {
      throw new IllegalArgumentException(
          year + " has no ISO week " + week + " (it has " + weeksInYear + ")");
    }
  }

  /** Parses "2026-W49"; the message of the exception says what is wrong. */
  public static ReleaseWeek parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required, as an ISO week such as 2026-W49");
    }
    Matcher matcher = FORMAT.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO week such as 2026-W49");
    }
    return new ReleaseWeek(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  public static ReleaseWeek containing(LocalDate date) {
    return new ReleaseWeek(
        date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public LocalDate day(DayOfWeek dayOfWeek) {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(ChronoField.DAY_OF_WEEK, dayOfWeek.getValue());
  }

  /** The business key and id of the week's regular release. */
  public String releaseId() {
    return "R-" + this;
  }

  @Override
  public String toString() {
    return String.format("%d-W%02d", year, week);
  }
}
