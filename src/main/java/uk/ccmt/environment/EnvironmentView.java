package uk.ccmt.environment;

import java.time.Instant;

/**
 * An environment of the route to live: what it runs, and who holds it. A deployment holds its
 * environment while it runs; the internal test environment stays held until the test team signs the
 * release off.
 */
public record EnvironmentView(
    String name,
    int position,
    String releaseId,
    String buildVersion,
    Instant deployedAt,
    String heldBy,
    Instant heldSince) {}
