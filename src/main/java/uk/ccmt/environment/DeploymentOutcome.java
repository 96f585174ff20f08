package uk.ccmt.environment;

/** Where one deployment attempt got to. */
public enum DeploymentOutcome {
  /** The deployment command is running (or was, when the application stopped). */
  DEPLOYING,
  DEPLOY_FAILED,
  /** Deployed; the smoke tests are running. */
  SMOKE_TESTING,
  SMOKE_TEST_FAILED,
  /** Deployed and smoke-tested: the environment runs the release. */
  PASSED,
  /** The application stopped while the deployment command ran: nobody knows what it did. */
  UNKNOWN;

  boolean deployed() {
    return this == SMOKE_TESTING || this == SMOKE_TEST_FAILED || this == PASSED;
  }
}
