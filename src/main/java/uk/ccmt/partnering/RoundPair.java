package uk.ccmt.partnering;

/**
 * A pair of a round as it stands: proposed, being confirmed, confirmed, rejected or dropped at
 * review.
 */
record RoundPair(
    long id,
    String a,
    String b,
    String rule,
    String reason,
    State state,
    int matchingRound,
    Boolean aAccepted,
    Boolean bAccepted,
    String rejectionReason) {

  /** The rule column of a pair a release manager added at review. */
  static final String ADDED_AT_REVIEW = "ADDED_AT_REVIEW";

  Pair pair() {
    return new Pair(a, b);
  }

  boolean involves(String code) {
    return a.equals(code) || b.equals(code);
  }

  String partnerOf(String code) {
    return a.equals(code) ? b : a;
  }

  /** The pair and organisation one confirmation branch of the partnering process asks. */
  record Branch(long pairId, String participantCode) {}

  enum State {
    /** Proposed, waiting for the release managers' review. */
    PROPOSED,
    /** Approved at review; both organisations are asked to confirm it. */
    CONFIRMING,
    CONFIRMED,
    /** One organisation said no: the pair is never proposed again in this round. */
    REJECTED,
    /** Taken out by the release managers at review. */
    DROPPED
  }
}
