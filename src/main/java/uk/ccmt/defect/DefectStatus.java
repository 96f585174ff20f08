package uk.ccmt.defect;

/**
 * RAISED (analysed and fixed in its defectFix) → FIXED (a release candidate) → IN_RELEASE →
 * RELEASED (running in CCMT); CLOSED ends it, always with a closure reason: not a defect, a
 * duplicate of another, confirmed by its raiser, or released and not confirmed. A fix that fails
 * internal testing, and a released fix its raiser reopens, go back to RAISED.
 */
public enum DefectStatus {
  RAISED,
  FIXED,
  IN_RELEASE,
  RELEASED,
  CLOSED
}
