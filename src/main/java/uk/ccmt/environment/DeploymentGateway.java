package uk.ccmt.environment;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.environment.CommandRunner.CommandResult;

/** The one place that runs the operator's deployment and smoke-test commands. */
@Component
class DeploymentGateway {

  private final CommandRunner runner;
  private final DeploymentCommandProperties deployment;
  private final SmokeTestProperties smokeTest;
  private final RouteToLiveProperties route;

  DeploymentGateway(
      CommandRunner runner,
      DeploymentCommandProperties deployment,
      SmokeTestProperties smokeTest,
      RouteToLiveProperties route) {
    this.runner = runner;
    this.deployment = deployment;
    this.smokeTest = smokeTest;
    this.route = route;
  }

  CommandResult deploy(String environment, String releaseId, String buildVersion) {
    return runner.run(
        deployment.command(),
        List.of(environment, releaseId, buildVersion),
        deployment.timeout(),
        scriptEnvironment());
  }

  CommandResult smokeTest(String environment, String releaseId) {
    return runner.run(
        smokeTest.command(),
        List.of(environment, releaseId),
        smokeTest.timeout(),
        scriptEnvironment());
  }

  private Map<String, String> scriptEnvironment() {
    return Map.of("CCMT_DATA_DIR", route.dataDir().toAbsolutePath().toString());
  }
}
