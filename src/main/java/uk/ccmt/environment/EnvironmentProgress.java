package uk.ccmt.environment;

import java.time.Instant;

/**
 * How far one build of a release got in one environment: deployed (smoke tests passed) and passed
 * (it may go on along the route; in internal testing, once the test team signed it off). A
 * corrected build starts again from the first environment, so a release may list several builds.
 */
public record EnvironmentProgress(
    String environment, String buildVersion, Instant deployedAt, Instant passedAt) {}
