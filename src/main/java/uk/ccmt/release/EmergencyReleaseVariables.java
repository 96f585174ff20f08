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
  static final String BUILD_VERSION = "buildVersion";
  static final String FIX_APPROVED = "fixApproved";
  static final String STAKEHOLDERS_AGREED = "stakeholdersAgreed";
  static final String ASK_STAKEHOLDERS_AGAIN = "askStakeholdersAgain";

  private EmergencyReleaseVariables() {
  }
}
