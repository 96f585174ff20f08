package uk.ccmt.system;

import java.util.List;

/**
 * Bounded texts for process and task variables. The engine keeps a String variable to 4,000
 * characters, and a form is no place for a whole list: a variable carries at most {@link #LIMIT}
 * characters, and a text cut short ends by saying how much is left out and where the whole is, for
 * example "… and 37 more: see GET /api/partnering/P-1". The whole stays in its table.
 */
public final class Excerpt {

  /** The most characters a text variable of this application carries. */
  public static final int LIMIT = 1_000;

  private Excerpt() {}

  /** The lines, one per line, as many whole ones as fit; then how many more there are and where. */
  public static String ofLines(List<String> lines, String whereTheWholeIs) {
    return of(lines, "\n", whereTheWholeIs);
  }

  /**
   * The items joined by the separator, as many whole ones as fit in {@link #LIMIT}; when some are
   * left out, the text ends with "… and N more: see " and where the whole list is.
   */
  public static String of(List<String> items, String separator, String whereTheWholeIs) {
    String whole = String.join(separator, items);
    if (whole.length() <= LIMIT) {
      return whole;
    }
    StringBuilder shown = new StringBuilder();
    int kept = 0;
    while (kept < items.size()) {
      String next = (kept == 0 ? "" : separator) + items.get(kept);
      String tail = separator + more(items.size() - kept - 1, whereTheWholeIs);
      if (shown.length() + next.length() + tail.length() > LIMIT) {
        break;
      }
      shown.append(next);
      kept++;
    }
    if (kept == 0 && items.size() == 1) {
      return of(items.get(0), whereTheWholeIs);
    }
    if (kept == 0) {
      // Not even the first item fits whole: show the start of it.
      String tail = "…" + separator + more(items.size() - 1, whereTheWholeIs);
      return cut(cut(items.get(0), LIMIT - tail.length()) + tail, LIMIT);
    }
    return cut(shown + separator + more(items.size() - kept, whereTheWholeIs), LIMIT);
  }

  /**
   * A free text kept whole if it fits; otherwise its start, cut at a line or word where one is
   * near, and a last line saying where the whole text is.
   */
  public static String of(String text, String whereTheWholeIs) {
    if (text == null || text.length() <= LIMIT) {
      return text;
    }
    String tail = "…\nThe whole text: see " + whereTheWholeIs;
    int room = Math.max(0, LIMIT - tail.length());
    int end = room;
    int lineEnd = text.lastIndexOf('\n', room);
    int wordEnd = text.lastIndexOf(' ', room);
    int boundary = Math.max(lineEnd, wordEnd);
    if (boundary > room * 3 / 4) {
      end = boundary;
    }
    return cut(cut(text, end).stripTrailing() + tail, LIMIT);
  }

  private static String more(int left, String whereTheWholeIs) {
    return "… and " + left + " more: see " + whereTheWholeIs;
  }

  /** The first characters of the text, never splitting a character the engine stores as two. */
  private static String cut(String text, int length) {
    if (text.length() <= length) {
      return text;
    }
    int end = Math.max(0, length);
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
