package uk.ccmt.inforequest;

/** Where one request stands, as the campaign view shows it. */
public enum RequestState {
  /** Asked, not yet answered, and not yet due. */
  OUTSTANDING,
  /** Answered and recorded. */
  RECEIVED,
  /** Not answered by its due date. */
  OVERDUE
}
