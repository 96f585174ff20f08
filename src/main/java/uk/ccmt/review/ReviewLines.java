package uk.ccmt.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.TextInput;

/**
 * The two texts a review is worked with in Tasklist, one item a line: an organisation's comments
 * ("3.2: The freeze window should …", each starting with its section or page reference), and the
 * release managers' responses ("4: rejected the plan fixes this", "5: accepted", "6: noted"). A
 * line that does not read so is refused with its number, so the person can find it.
 */
final class ReviewLines {

  /** The engine keeps a String variable to 4,000 characters. */
  static final int MAX_TEXT = TextInput.DEFAULT_MAX;

  static final int MAX_REFERENCE = 40;

  /**
   * A section or page reference: a number such as 3.2 or 4(b), optionally after a word such as
   * Section, Page, p., Annex, Table; or such a word with a letter or number (Annex A).
   */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?i)(?:(?:section|sect\\.|s\\.|§|page|pages|p\\.|pp\\.|paragraph|para\\.?|clause|table|figure|fig\\.|annex|appendix|chapter|step|row)\\s*)?"
              + "[0-9][0-9a-z.()\\-–]*"
              + "|(?i)(?:section|annex|appendix|table|figure|chapter)\\s+[a-z0-9][0-9a-z.()\\-–]*");

  private static final Pattern RESPONSE =
      Pattern.compile(
          "(?i)\\s*(\\d{1,6})\\s*[:.]\\s*(accepted|accept|rejected|reject|noted|note)\\b\\s*[:\\-–]?\\s*(.*)");

  private ReviewLines() {}

  record Comment(String reference, String text) {}

  enum Response {
    ACCEPTED,
    REJECTED,
    NOTED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  record Answer(Response response, String reason) {}

  /**
   * An organisation's answer: no comments, or comments, one a line. A blank line is skipped.
   * Refusals name {@code comments}.
   */
  static List<Comment> comments(boolean noComments, String text) {
    boolean blank = text == null || text.isBlank();
    if (noComments && !blank) {
      throw new InvalidInputException(
          "comments",
          "you answered \"no comments\" and gave comments: leave the comments empty, or answer"
              + " with comments");
    }
    if (noComments) {
      return List.of();
    }
    if (blank) {
      throw new InvalidInputException(
          "comments",
          "give at least one comment, one a line, each starting with its section or page reference"
              + " (such as \"3.2: The freeze window should …\"), or answer \"no comments\"");
    }
    TextInput.text(text, "comments", MAX_TEXT);
    List<Comment> comments = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String reference = colon < 0 ? "" : line.substring(0, colon).strip();
      String comment = colon < 0 ? "" : line.substring(colon + 1).strip();
      if (colon < 0
          || reference.length() > MAX_REFERENCE
          || !REFERENCE.matcher(reference).matches()) {
        throw new InvalidInputException(
            "comments",
            "line "
                + (i + 1)
                + " (\""
                + shortened(line)
                + "\") does not start with a section or page reference and a colon, such as"
                + " \"3.2: …\", \"p. 4: …\" or \"Annex A: …\"");
      }
      if (comment.isEmpty()) {
        throw new InvalidInputException(
            "comments", "line " + (i + 1) + " (\"" + shortened(line) + "\") has no comment");
      }
      comments.add(new Comment(reference, comment));
    }
    return List.copyOf(comments);
  }

  /**
   * The release managers' responses: exactly one line for each of the review's comment numbers.
   * Refusals name {@code responses}.
   */
  static Map<Integer, Answer> responses(String text, Set<Integer> commentNumbers) {
    Map<Integer, Answer> answers = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      if (commentNumbers.isEmpty()) {
        return answers;
      }
      throw new InvalidInputException(
          "responses",
          "give each comment a response, one a line: \"1: accepted\", \"2: rejected <reason>\" or"
              + " \"3: noted\"");
    }
    TextInput.text(text, "responses", MAX_TEXT);
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + (i + 1) + " (\"" + shortened(line) + "\")";
      Matcher matcher = RESPONSE.matcher(line);
      if (!matcher.matches()) {
        throw new InvalidInputException(
            "responses",
            where
                + " does not read \"<comment number>: accepted\", \"<comment number>: rejected"
                + " <reason>\" or \"<comment number>: noted\"");
      }
      int number = Integer.parseInt(matcher.group(1));
      if (!commentNumbers.contains(number)) {
        throw new InvalidInputException(
            "responses", where + ": this review has no comment " + number);
      }
      if (answers.containsKey(number)) {
        throw new InvalidInputException(
            "responses", where + ": comment " + number + " has a response already");
      }
      Response response =
          switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "accepted", "accept" -> Response.ACCEPTED;
            case "rejected", "reject" -> Response.REJECTED;
            default -> Response.NOTED;
          };
      String reason = matcher.group(3).strip();
      if (response == Response.REJECTED && reason.isEmpty()) {
        throw new InvalidInputException(
            "responses",
            where
                + ": a rejected comment needs its reason, such as \""
                + number
                + ": rejected the"
                + " plan covers this in 4.1\"");
      }
      if (reason.length() > 1_000) {
        throw new InvalidInputException(
            "responses", where + ": the reason is longer than 1,000 characters");
      }
      answers.put(number, new Answer(response, reason.isEmpty() ? null : reason));
    }
    List<Integer> missing =
        commentNumbers.stream().sorted().filter(number -> !answers.containsKey(number)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "responses",
          "comment"
              + (missing.size() == 1 ? " " : "s ")
              + missing.stream().limit(20).map(String::valueOf).toList()
              + (missing.size() == 1 ? " has" : " have")
              + " no response yet");
    }
    return answers;
  }

  private static String shortened(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "…";
  }
}
