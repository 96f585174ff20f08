package uk.ccmt.system;

import java.util.regex.Pattern;

/**
 * The one rule for an email address that people give: participant contacts, organisation users and
 * the addresses of an information request's answer. Deliberately plain: one @, no spaces, a dot in
 * the domain, and none of the separators of an address list (comma, semicolon), so a trailing comma
 * that no mail server would take is refused here rather than by the relay. The mail server has the
 * last word on whether the address exists.
 */
public final class EmailAddress {

  /**
   * The longest address SMTP carries (RFC 5321 §4.5.3.1: a 256-octet path less its angle brackets).
   */
  public static final int MAX_LENGTH = 254;

  private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s.,;]+");

  private EmailAddress() {}

  /** Whether the text, as given (strip it first), is one email address. */
  public static boolean isValid(String text) {
    return text != null && text.length() <= MAX_LENGTH && ADDRESS.matcher(text).matches();
  }
}
