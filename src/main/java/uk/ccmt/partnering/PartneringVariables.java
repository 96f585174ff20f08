package uk.ccmt.partnering;

/** Variable names of the partnering process, in one place. */
final class PartneringVariables {

  static final String MATCHES_APPROVED = "matchesApproved";

  /**
   * The release manager's changes to the proposal, one per line: +A-B adds a pair, -A-B drops one.
   */
  static final String PAIR_CHANGES = "pairChanges";

  static final String ACCEPT_RULE_WARNINGS = "acceptRuleWarnings";

  /** The element of the confirmPartnership multi-instance, "pair id:participant code". */
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

  private PartneringVariables() {}
}
