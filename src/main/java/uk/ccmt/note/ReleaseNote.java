package uk.ccmt.note;

import java.time.Instant;

/**
 * One version of a release note, as it was communicated: rendered once when it was created, as HTML
 * (for the web page and the email) and as plain text (the email's text part). A later version of
 * the same release and kind supersedes an earlier one and never deletes it.
 *
 * @param summary one line for lists of notes
 * @param bodyHtml an HTML fragment (one {@code <article>}); null for notes written before notes
 *     were rendered
 */
public record ReleaseNote(
    long id,
    String releaseId,
    NoteKind kind,
    int version,
    String title,
    String summary,
    String bodyHtml,
    String bodyText,
    Instant createdAt) {

  /** The anchor of this note on its release's page, such as {@code provisional-2}. */
  public String anchor() {
    return anchor(kind, version);
  }

  static String anchor(NoteKind kind, int version) {
    return kind.template() + "-" + version;
  }
}
