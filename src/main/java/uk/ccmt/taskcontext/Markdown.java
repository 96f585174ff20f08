package uk.ccmt.taskcontext;

/**
 * Text from people (defect titles, comments, command output) inside the Markdown of a form's text
 * component: every character Markdown or the form's templating would read is escaped, so a title
 * shows as typed and never as formatting, a link or a template.
 */
final class Markdown {

  private static final String SPECIAL = "\\`*_{}[]()<>#+-.!|~=";

  private Markdown() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        escaped.append(' ');
      } else if (c < ' ') {
        // control characters have no place in a form
        continue;
      } else {
        if (SPECIAL.indexOf(c) >= 0) {
          escaped.append('\\');
        }
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
