package uk.ccmt.partnering;

/** Variable names of the partnering process, in one place. */
final class PartneringVariables {

  static final String ROUND_ID = "roundId";
  static final String MATCHES_APPROVED = "matchesApproved";
  /** The pairs as the release manager leaves them on the review form, one "A-B" per line. */
  static final String REVIEWED_PAIRS = "reviewedPairs";
  static final String ACCEPT_RULE_WARNINGS = "acceptRuleWarnings";
  /** The multi-instance collection of confirmPartnership, and its element. */
  static final String CONFIRMATIONS = "confirmations";
  static final String CONFIRMATION = "confirmation";
  static final String PARTNERSHIP_ACCEPTED = "partnershipAccepted";
  static final String REJECTION_REASON = "rejectionReason";
  static final String ANY_PAIR_REJECTED = "anyPairRejected";
  static final String REMATCH = "rematch";
  static final String PARTNERING_DECISION = "partneringDecision";
  static final String ANYONE_UNPARTNERED = "anyoneUnpartnered";
  /** Task-local, for the forms to show. */
  static final String PROPOSAL = "proposal";
  static final String RULE_FINDINGS = "ruleFindings";
  static final String UNPARTNERED = "unpartnered";
  static final String PARTNER_NAME = "partnerName";
  static final String PARTNER_DETAILS = "partnerDetails";

  private PartneringVariables() {
  }
}
