package uk.ccmt.release;

/** Variable names of the emergencyRelease model, in one place. */
final class EmergencyReleaseVariables {

  static final String DEFECT_ID = "defectId";

  /** Start form only: the defect a release manager raises from Tasklist. */
  static final String DEFECT_TITLE = "defectTitle";

  static final String DEFECT_COMPONENT = "defectComponent";
  static final String RELEASE_ID = "releaseId";
  static final String REVIEW_DUE = "reviewDue";
  static final String IMMEDIATE_DEPLOYMENT = "immediateDeployment";
  static final String DEPLOYMENT_SCHEDULE = "deploymentSchedule";

  /** The agreed deployment time in words, in the calendar zone, for the forms that show it. */
  static final String AGREED_DEPLOYMENT_TIME = "agreedDeploymentTime";

  /** Routing: the agreed time had passed when the stakeholders' agreement came. */
  static final String AGREED_TIME_PASSED = "agreedTimePassed";

  static final String BUILD_VERSION = "buildVersion";
  static final String FIX_APPROVED = "fixApproved";

  /**
   * How many distinct release managers must approve the fix (ccmt.emergency.approvals-required when
   * the release was registered): the approval task comes that many times, unless the fix is
   * refused.
   */
  static final String APPROVALS_REQUIRED = "approvalsRequired";

  static final String STAKEHOLDERS_AGREED = "stakeholdersAgreed";
  static final String ASK_STAKEHOLDERS_AGAIN = "askStakeholdersAgain";

  /** Set by the route-to-live error boundaries: what the violation was. */
  static final String ROUTE_TO_LIVE_VIOLATION = "routeToLiveViolation";

  /**
   * False from the start, true once a note's share step delivered it: a withdrawal is announced
   * only then.
   */
  static final String RELEASE_NOTE_SHARED = "releaseNoteShared";

  /** Which round of stakeholder agreement is open: 1 for the first, one more each time asked. */
  static final String AGREEMENT_ROUND = "agreementRound";

  /** How many organisations the round asks (a number). */
  static final String ORGANISATIONS_ASKED = "organisationsAsked";

  /** When the round's window closes: the release's timer. */
  static final String AGREEMENT_DUE = "agreementDue";

  /** The same in words, with its zone, for the forms. */
  static final String AGREEMENT_DEADLINE = "agreementDeadline";

  /** Routing: every organisation asked had answered when the last group was asked. */
  static final String EVERY_ORGANISATION_ANSWERED = "everyOrganisationAnswered";

  /** The tally on confirmStakeholderAgreement: a summary line. */
  static final String AGREEMENT_TALLY = "agreementTally";

  static final String ORGANISATIONS_AGREED = "organisationsAgreed";
  static final String ORGANISATIONS_OBJECTED = "organisationsObjected";
  static final String ORGANISATIONS_NOT_ANSWERED = "organisationsNotAnswered";

  /** Who agreed, one per line, at most Excerpt.LIMIT characters. */
  static final String AGREED_ORGANISATIONS = "agreedOrganisations";

  /** Who objected, and why, one per line, at most Excerpt.LIMIT characters. */
  static final String OBJECTIONS = "objections";

  /** Who did not answer, one per line, at most Excerpt.LIMIT characters. */
  static final String UNANSWERED_ORGANISATIONS = "unansweredOrganisations";

  /**
   * The one start variable of emergencyDeploymentAgreement: the organisation asked, for its task's
   * candidate group and its instance's tenant (participant.OrganisationTenants).
   */
  static final String PARTICIPANT_CODE = "participantCode";

  /** The organisation's answer on agreeEmergencyDeployment. */
  static final String AGREED = "agreed";

  /** Its comment: required when it does not agree. */
  static final String COMMENT = "comment";

  /** The multi-instance counters of the asking steps: which group, of how many. */
  static final String LOOP_COUNTER = "loopCounter";

  static final String NUMBER_OF_GROUPS = "nrOfInstances";

  private EmergencyReleaseVariables() {}
}
