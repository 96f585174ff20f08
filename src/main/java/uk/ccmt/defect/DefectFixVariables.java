package uk.ccmt.defect;

/** The variables of defectFix (bpmn/defect-fix.bpmn). */
final class DefectFixVariables {

  private DefectFixVariables() {}

  static final String DEFECT_ID = "defectId";

  /** ANALYSIS, DELIVERY or RELEASE: where the work starts (DefectFixEvents.StartAt). */
  static final String START_AT = "startAt";

  /** The target time to the delivered fix, by severity (ccmt.defects.target.*). */
  static final String FIX_DUE = "fixDueAt";

  /** ISO-8601 duration the raiser has to confirm (ccmt.defects.confirm-within). */
  static final String CONFIRM_WITHIN = "confirmWithin";

  /** The organisation of an organisation's raiser: the instance's tenant. */
  static final String PARTICIPANT_CODE = "participantCode";

  /** The raiser's group: more information and the confirmation are its tasks. */
  static final String RAISER_GROUP = "raiserGroup";

  static final String OUTCOME = "outcome";
  static final String DUPLICATE_OF = "duplicateOf";
  static final String BUILD_VERSION = "buildVersion";
  static final String FIX_CONFIRMED = "fixConfirmed";

  /** Whether the work ended with the defect closed (not a defect, a duplicate). */
  static final String DEFECT_CLOSED = "defectClosed";

  /** The release whose internal testing the fix failed last. */
  static final String FAILED_IN = "failedInRelease";

  /** The release that took the fix to CCMT. */
  static final String RELEASE_ID_OF_FIX = "releasedIn";
}
