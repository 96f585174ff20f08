package uk.ccmt.environment;

import java.util.Optional;
import org.springframework.stereotype.Component;
import uk.ccmt.release.RunningBuilds;

/** What the live test environment runs, from the route to live's own record. */
@Component
class LiveEnvironmentBuild implements RunningBuilds {

  private final RouteToLive route;
  private final EnvironmentRepository environments;

  LiveEnvironmentBuild(RouteToLive route, EnvironmentRepository environments) {
    this.route = route;
    this.environments = environments;
  }

  @Override
  public Optional<RunningBuild> inLiveEnvironment() {
    return environments
        .find(route.liveEnvironment())
        .filter(live -> live.buildVersion() != null)
        .map(live -> new RunningBuild(live.name(), live.releaseId(), live.buildVersion()));
  }
}
