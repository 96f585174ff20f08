package uk.ccmt.defect;

/**
 * RAISED → FIXED (a release candidate) → IN_RELEASE → RELEASED (running in CCMT); CLOSED ends it.
 */
public enum DefectStatus {
  RAISED,
  FIXED,
  IN_RELEASE,
  RELEASED,
  CLOSED
}
