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

  private EmergencyReleaseVariables() {}
}
