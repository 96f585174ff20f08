package uk.ccmt.release;

public enum ReleaseType {
  /** The first release to an environment at the start of a test phase. */
  BASELINE,
  /** The weekly Thursday release. */
  REGULAR,
  /** An emergency code drop for an S1 defect that stops testing. */
  EMERGENCY
}
