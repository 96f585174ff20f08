package uk.ccmt.note;

public enum NoteKind {
  /** Shared with participants by Tuesday: the release's candidate defects. */
  PROVISIONAL,
  /** After the Thursday deployment: all changes since the last release. */
  FINAL,
  /** The week has no appropriate defects, so no release. */
  NO_RELEASE,
  EMERGENCY
}
