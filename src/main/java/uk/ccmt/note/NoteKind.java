package uk.ccmt.note;

import java.util.Locale;

public enum NoteKind {
  /** Shared with participants by Tuesday: the release's candidate defects. */
  PROVISIONAL("Provisional release note"),
  /** After the Thursday deployment: all changes since the last release. */
  FINAL("Final release note"),
  /** The week has no appropriate defects, so no release. */
  NO_RELEASE("No release this week –"),
  /** An emergency code drop for an S1 defect; the next final note folds it in. */
  EMERGENCY("Emergency release note"),
  /** A release cancelled after participants were told of it, and why. */
  CANCELLED("Release cancelled"),
  /** An emergency release withdrawn after its emergency note was shared, and why. */
  WITHDRAWN("Emergency release withdrawn"),
  /** A release manager took the live test environment back to this earlier release. */
  ROLLBACK("Rollback notice"),
  /** A weekly release's deployment slot moved: past a freeze, or by a release manager. */
  SLOT_MOVED("Deployment slot moved");

  private final String heading;

  NoteKind(String heading) {
    this.heading = heading;
  }

  /**
   * The title participants see on the page and in the email's subject. A superseding version says
   * which version it is, so it never looks like the note it replaces.
   */
  String title(String releaseId, int version) {
    return heading + " " + releaseId + (version > 1 ? ", version " + version : "");
  }

  /** The name of the note's templates under templates/notes/. */
  String template() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
