package uk.ccmt.environment;

/** Variable names of the deployRelease model, in one place. */
final class DeployReleaseVariables {

  static final String RELEASE_ID = "releaseId";
  static final String ENVIRONMENT = "environment";
  static final String ROUTE_TO_LIVE_RESPECTED = "routeToLiveRespected";
  static final String ROUTE_TO_LIVE_VIOLATION = "routeToLiveViolation";
  static final String ENVIRONMENT_RESERVED = "environmentReserved";

  /** Deployment attempts this instance has started; part of each attempt's request key. */
  static final String DEPLOYMENT_ATTEMPTS = "deploymentAttempts";

  static final String DEPLOYMENT_SUCCEEDED = "deploymentSucceeded";
  static final String SMOKE_TESTS_PASSED = "smokeTestsPassed";
  static final String DEPLOYMENT_PROBLEM = "deploymentProblem";
  static final String INTERNAL_TEST_ENVIRONMENT = "internalTestEnvironment";
  static final String BUILD_VERSION = "buildVersion";
  static final String FAILED_DEFECTS = "failedDefects";

  /**
   * The build whose deployment or smoke tests failed: given back in correctReleaseErrors, it is
   * redeployed.
   */
  static final String FAILED_BUILD_VERSION = "failedBuildVersion";

  /** Whether fix forward redeploys the build that failed, rather than a corrected build. */
  static final String SAME_BUILD = "sameBuild";

  /** Set by a recorded rollback: the deployment may take the environment back to an older build. */
  static final String ROLLBACK = "rollback";

  /** Whether a freeze holds the environment now (the freeze's id is in freezeId). */
  static final String ENVIRONMENT_FROZEN = "environmentFrozen";

  /** When the freeze the deployment waits on ends: the wait's timer. */
  static final String FREEZE_ENDS = "freezeEnds";

  private DeployReleaseVariables() {}
}
