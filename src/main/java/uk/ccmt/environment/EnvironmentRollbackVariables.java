package uk.ccmt.environment;

/** Variable names of the environmentRollback model, beside those it shares with deployRelease. */
public final class EnvironmentRollbackVariables {

  public static final String ROLLBACK_ID = "rollbackId";

  /** Whether the rollback was in the live test environment, where participants are told. */
  static final String PARTICIPANTS_ENVIRONMENT = "participantsEnvironment";

  private EnvironmentRollbackVariables() {}
}
