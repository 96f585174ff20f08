package uk.ccmt.environment;

import java.time.Instant;

/**
 * A recorded rollback: the environment went (or is going) back from one release's build to an
 * earlier one's.
 */
public record Rollback(
    long id,
    String environment,
    String releaseId,
    String buildVersion,
    String replacedReleaseId,
    String replacedBuildVersion,
    String reason,
    String requestedBy,
    Instant requestedAt,
    RollbackOutcome outcome,
    Instant endedAt,
    String processInstanceId) {}
