package uk.ccmt.release;

import java.util.Optional;

/**
 * What the live test environment runs, as the route to live records it. Implemented beside the
 * environments, so that releases can ask without depending on them.
 */
public interface RunningBuilds {

  Optional<RunningBuild> inLiveEnvironment();

  /** A build running in an environment, and the release that took it there. */
  record RunningBuild(String environment, String releaseId, String buildVersion) {}
}
