package uk.ccmt.release;

public enum ReleaseStatus {
  PLANNED,
  IN_PROGRESS,
  DEPLOYED,
  NO_RELEASE,
  CANCELLED,
  DEFERRED,
  WITHDRAWN,
  /**
   * It ran in the live test environment until a recorded rollback took CCMT back to an earlier
   * release.
   */
  ROLLED_BACK;

  public boolean isFinished() {
    return this != PLANNED && this != IN_PROGRESS;
  }
}
