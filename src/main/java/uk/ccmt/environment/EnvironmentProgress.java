package uk.ccmt.environment;

import java.time.Instant;

/**
 * How far a release got in one environment: deployed (smoke tests passed) and passed (it may
 * go on along the route; in internal testing, once the test team signed it off).
 */
public record EnvironmentProgress(String environment, Instant deployedAt, Instant passedAt) {
}
