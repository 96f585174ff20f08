package uk.ccmt.system;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Ids people read, such as IR-3 or P-1: a prefix and the number of a table row. */
public final class NumberedIds {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private NumberedIds() {}

  /**
   * The number of an id with this prefix; empty for anything else, which callers answer as not
   * found.
   */
  public static OptionalLong number(String prefix, String id) {
    if (id == null
        || !id.startsWith(prefix)
        || !DIGITS.matcher(id.substring(prefix.length())).matches()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(id.substring(prefix.length())));
  }
}
