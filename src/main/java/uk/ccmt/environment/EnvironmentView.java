package uk.ccmt.environment;

import java.time.Instant;

/** An environment of the route to live and what it runs. */
public record EnvironmentView(String name, int position, String releaseId, String buildVersion, Instant deployedAt,
    boolean deploymentInProgress) {
}
