package uk.ccmt.partnering;

import java.time.Instant;

/** One partnering round, known to people as P-&lt;number&gt;. */
record PartneringRound(
    long number,
    State state,
    int matchingRound,
    String startedBy,
    String decision,
    Instant createdAt,
    Instant publishedAt) {

  static final String PREFIX = "P-";

  String id() {
    return PREFIX + number;
  }

  enum State {
    PROPOSING,
    REVIEWING,
    CONFIRMING,
    DECIDING,
    PUBLISHED,
    CANCELLED
  }
}
