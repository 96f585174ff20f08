package uk.ccmt.environment;

/** Where one deployment attempt got to. */
public enum DeploymentOutcome {
  /** The deployment command is running (or was, when the application stopped). */
  DEPLOYING("deploying"),
  DEPLOY_FAILED("deployment failed"),
  /** Deployed; the smoke tests are running. */
  SMOKE_TESTING("deployed, smoke tests running"),
  SMOKE_TEST_FAILED("smoke tests failed"),
  /** Deployed and smoke-tested: the environment runs the release. */
  PASSED("deployed, smoke tests passed"),
  /** The application stopped while the deployment command ran: nobody knows what it did. */
  UNKNOWN("outcome unknown");

  private final String description;

  DeploymentOutcome(String description) {
    this.description = description;
  }

  /** How release notes and the web page tell participants the outcome. */
  public String description() {
    return description;
  }

  boolean deployed() {
    return this == SMOKE_TESTING || this == SMOKE_TEST_FAILED || this == PASSED;
  }
}
