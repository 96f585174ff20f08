package uk.ccmt.release;

/** Variable names of the weeklyRelease model, in one place. */
final class WeeklyReleaseVariables {

  static final String WEEK = "week";
  static final String RELEASE_ID = "releaseId";
  static final String CYCLE_START = "cycleStart";
  static final String PROVISIONAL_NOTE_DUE = "provisionalNoteDue";
  static final String INTERNAL_TESTING_DUE = "internalTestingDue";
  static final String DEPLOYMENT_SLOT = "deploymentSlot";
  static final String RELEASE_ALREADY_REGISTERED = "releaseAlreadyRegistered";
  static final String APPROPRIATE_DEFECTS = "appropriateDefects";
  static final String DEFECTS_REMAINING = "defectsRemaining";
  static final String EXCLUDED_DEFECTS = "excludedDefects";
  static final String BUILD_VERSION = "buildVersion";
  static final String CONTENTS_CONFIRMED = "contentsConfirmed";

  /** What a freeze does to the deployment slot: FREE, MOVED or NO_RELEASE ({@link WeeklySlots}). */
  static final String SLOT_OUTCOME = "slotOutcome";

  /** Set by the route-to-live error boundaries: what the violation was. */
  static final String ROUTE_TO_LIVE_VIOLATION = "routeToLiveViolation";

  /**
   * Whether a note of the release went to the participants: false from the start, true once a
   * note's share step delivered it. A cancellation is announced only then.
   */
  static final String RELEASE_NOTE_SHARED = "releaseNoteShared";

  /** Task-local: the release's defects as options for a checklist in the task's form. */
  static final String DEFECT_CHOICES = "defectChoices";

  /** Task-local: the release's defects as text for the task's form. */
  static final String RELEASE_CONTENTS = "releaseContents";

  private WeeklyReleaseVariables() {}
}
