package uk.ccmt.environment;

import java.time.Instant;

/** One attempt to deploy a release to an environment, with what its commands said. */
public record DeploymentAttempt(
    String environment,
    int attempt,
    String buildVersion,
    Integer exitCode,
    String output,
    Integer smokeTestExitCode,
    String smokeTestOutput,
    DeploymentOutcome outcome,
    Instant startedAt,
    Instant finishedAt) {}
