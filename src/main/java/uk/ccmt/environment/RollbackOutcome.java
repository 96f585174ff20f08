package uk.ccmt.environment;

/** Where a recorded rollback got to. */
public enum RollbackOutcome {
  /** Its deployment is running. */
  REQUESTED,
  /** The environment runs the earlier release again. */
  DONE,
  /** The route to live refused the deployment. */
  REFUSED,
  /** Its process was ended by an operator before the deployment finished. */
  CANCELLED
}
