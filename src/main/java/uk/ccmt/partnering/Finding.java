package uk.ccmt.partnering;

/**
 * Something a matching round could not satisfy, or a rule a reviewed pairing breaks, with the
 * reason.
 */
record Finding(int matchingRound, Kind kind, String rule, String participant, String message) {

  enum Kind {
    /** A rule the proposal could not meet with this population. */
    UNMET,
    /** An organisation deliberately not partnered, such as a GT. */
    NOT_PARTNERED,
    /** A rule the release managers' reviewed pairing breaks, accepted by them. */
    WARNING
  }
}
