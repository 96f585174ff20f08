package uk.ccmt.system;

import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text people send, through the product API, a CSV file or a task completion: no
 * NUL or other control characters (PostgreSQL refuses NUL in text; the others only hide what was
 * stored), and no more characters than the column or variable that keeps it holds. Multi-line text
 * may hold tab, line feed and carriage return; a single-line value (an id, a build) none.
 *
 * <p>{@link #maxLength(String)} is the one table of field lengths, taken from the columns in
 * db/migration, so the API and the task completions bound a field alike.
 */
public final class TextInput {

  /**
   * What a field holds when no column says otherwise: the engine keeps String variables to 4,000.
   */
  public static final int DEFAULT_MAX = 4_000;

  /** Field name → the length of the column (db/migration) or variable that keeps it. */
  private static final Map<String, Integer> MAX_LENGTHS =
      Map.ofEntries(
          Map.entry("buildVersion", 100),
          Map.entry("defectId", 64),
          Map.entry("defectTitle", 500),
          Map.entry("id", 64),
          Map.entry("title", 500),
          Map.entry("component", 200),
          Map.entry("raisedBy", 200),
          Map.entry("releaseId", 64),
          Map.entry("reason", 1_000),
          Map.entry("code", 20),
          Map.entry("name", 200),
          Map.entry("region", 100),
          Map.entry("email", 254),
          Map.entry("contactEmails", 254),
          Map.entry("pairChanges", 4_000),
          Map.entry("partneringDecision", 2_000),
          Map.entry("comment", 1_000));

  /**
   * Fields whose text may span lines (decisions, reasons, comments); every other field is one line.
   */
  private static final java.util.Set<String> MULTI_LINE =
      java.util.Set.of(
          "reason", "comment", "comments", "answer", "pairChanges", "partneringDecision", "title");

  private TextInput() {}

  /** Whether the field's text may span lines. */
  public static boolean isMultiLine(String field) {
    return MULTI_LINE.contains(field);
  }

  /** The most characters the field may hold. */
  public static int maxLength(String field) {
    return MAX_LENGTHS.getOrDefault(field, DEFAULT_MAX);
  }

  /** What is wrong with the text's characters, if anything. */
  public static Optional<String> characterProblem(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
      if (c == 0) {
        return Optional.of("must not contain the NUL character (U+0000)");
      }
      if ((c < 0x20 && !(multiLine && lineBreakOrTab)) || c == 0x7F) {
        return Optional.of(
            multiLine
                ? "must not contain control characters (U+" + String.format("%04X", (int) c) + ")"
                : "must be one line without control characters (found U+"
                    + String.format("%04X", (int) c)
                    + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * A required single-line value, stripped; refused with {@link InvalidInputException} naming the
   * field.
   */
  public static String line(String value, String field, int maxLength) {
    return required(value, field, maxLength, false);
  }

  /** A required single-line value bounded by {@link #maxLength(String)}. */
  public static String line(String value, String field) {
    return line(value, field, maxLength(field));
  }

  /** An optional single-line value: null stays null. */
  public static String optionalLine(String value, String field, int maxLength) {
    return value == null ? null : checked(value, field, maxLength, false);
  }

  /** A required text that may span lines. */
  public static String text(String value, String field, int maxLength) {
    return required(value, field, maxLength, true);
  }

  private static String required(String value, String field, int maxLength, boolean multiLine) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    return checked(value, field, maxLength, multiLine);
  }

  private static String checked(String value, String field, int maxLength, boolean multiLine) {
    characterProblem(value, multiLine)
        .ifPresent(
            reason -> {
              throw new InvalidInputException(field, reason);
            });
    String text = value.strip();
    if (text.length() > maxLength) {
      throw new InvalidInputException(
          field, "must be at most " + maxLength + " characters, this one has " + text.length());
    }
    return text;
  }
}
