package uk.ccmt.partnering;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release managers' changes to a proposal, one per line: "+A-B" adds a pair, "-A-B" drops a
 * proposed one. Blank lines are skipped; a separator may be "-", "–", ",", "/" or a space, and a
 * trailing "(…)" is a comment. Pure: it knows the proposal, the pairs rejected in this round and
 * the organisations, and reads nothing else, so each refusal can be tested on its own.
 */
final class PairChanges {

  private static final Pattern PAIR_LINE =
      Pattern.compile("\\s*([A-Za-z0-9]+)\\s*[-–,/ ]\\s*([A-Za-z0-9]+)\\s*(\\(.*\\))?\\s*");

  private PairChanges() {}

  /**
   * The pairs approved once {@code text} is applied to {@code proposed}, in the order they were
   * proposed and then added. A line is refused, naming it, when it is no change, names an unknown
   * or non-participating organisation or pairs one with itself, drops a pair that is not proposed,
   * or adds one that was rejected in this round; the first refused line stops the whole change
   * list.
   */
  static Set<Pair> apply(
      String text, Set<Pair> proposed, Set<Pair> rejected, Map<String, Organisation> byCode) {
    Set<Pair> approved = new LinkedHashSet<>(proposed);
    String[] lines = (text == null ? "" : text).split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where =
          "line "
              + (i + 1)
              + " '"
              + (line.length() > 60 ? line.substring(0, 60) + "…" : line)
              + "'";
      char change = line.charAt(0);
      Matcher match = PAIR_LINE.matcher(line.substring(1));
      if ((change != '+' && change != '-') || !match.matches()) {
        throw new Refused(
            where
                + " is not a change: write +NLE-CWE to add a pair or -NLE-BRG to drop one, one per line");
      }
      String a = match.group(1).toUpperCase(Locale.ROOT);
      String b = match.group(2).toUpperCase(Locale.ROOT);
      for (String code : List.of(a, b)) {
        Organisation organisation = byCode.get(code);
        if (organisation == null) {
          throw new Refused(where + ": " + code + " is not a registered participant");
        }
        if (!organisation.takesPart()) {
          throw new Refused(where + ": " + code + " does not take part in this phase");
        }
      }
      if (a.equals(b)) {
        throw new Refused(where + ": " + a + " cannot be paired with itself");
      }
      Pair pair = new Pair(a, b);
      if (change == '-') {
        if (!approved.remove(pair)) {
          throw new Refused(
              where + ": " + pair.a() + "-" + pair.b() + " is not among the proposed pairs");
        }
      } else if (rejected.contains(pair)) {
        throw new Refused(
            where
                + ": "
                + pair.a()
                + "-"
                + pair.b()
                + " was rejected by one of the two organisations in this round");
      } else {
        approved.add(pair);
      }
    }
    return approved;
  }

  /** A change list refused at one of its lines; the message names the line and says why. */
  static final class Refused extends RuntimeException {

    Refused(String message) {
      super(message);
    }
  }
}
