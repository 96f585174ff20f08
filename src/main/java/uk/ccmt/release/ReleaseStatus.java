package uk.ccmt.release;

public enum ReleaseStatus {
  PLANNED, IN_PROGRESS, DEPLOYED, NO_RELEASE, CANCELLED, DEFERRED, WITHDRAWN;

  public boolean isFinished() {
    return this != PLANNED && this != IN_PROGRESS;
  }
}
