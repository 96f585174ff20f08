package uk.ccmt.environment;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseStatus;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;

/** A release manager's request to deploy a release to one environment, through deployRelease. */
@Service
class DeploymentRequests {

  static final String DEPLOY_RELEASE = "deployRelease";

  private final RouteToLive route;
  private final ReleaseService releases;
  private final DeploymentService deployments;
  private final RuntimeService runtime;

  DeploymentRequests(
      RouteToLive route,
      ReleaseService releases,
      DeploymentService deployments,
      RuntimeService runtime) {
    this.route = route;
    this.releases = releases;
    this.deployments = deployments;
    this.runtime = runtime;
  }

  @Transactional
  Map<String, String> request(String releaseId, String requestedEnvironment) {
    String environment =
        route
            .canonical(requestedEnvironment)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "environment",
                        (requestedEnvironment == null
                                ? "is required"
                                : "'" + requestedEnvironment + "' is not")
                            + " on the route to live "
                            + String.join(" → ", route.environments())));
    Release release = releases.get(releaseId);
    if (release.status().isFinished()
        && release.status() != ReleaseStatus.DEPLOYED
        && release.status() != ReleaseStatus.ROLLED_BACK) {
      throw new ConflictException(
          "Release finished",
          "release " + releaseId + " is " + release.status() + " and cannot be deployed");
    }
    deployments.checkRoute(releaseId, environment).ifPresent(DeploymentRequests::refuse);
    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            DEPLOY_RELEASE,
            releaseId,
            Map.of(
                DeployReleaseVariables.RELEASE_ID,
                releaseId,
                DeployReleaseVariables.ENVIRONMENT,
                environment));
    return Map.of(
        "releaseId", releaseId, "environment", environment, "processInstanceId", instance.getId());
  }

  /**
   * A route-to-live violation names the environment to pass first, or the newer build the
   * environment runs.
   */
  static void refuse(DeploymentService.RouteViolation violation) {
    if (violation.running() == null) {
      throw new ConflictException(
          "Route to live violated",
          violation.message(),
          Map.of(
              "environment",
              violation.environment(),
              "requiredEnvironment",
              violation.requiredEnvironment()));
    }
    throw new ConflictException(
        "Older build than the environment runs",
        violation.message(),
        Map.of(
            "environment", violation.environment(),
            "runningReleaseId", violation.running().releaseId(),
            "runningBuildVersion", violation.running().buildVersion()));
  }
}
