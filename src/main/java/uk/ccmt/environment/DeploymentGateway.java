package uk.ccmt.environment;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.environment.CommandRunner.CommandResult;

/** The one place that runs the operator's deployment and smoke-test commands. */
@Component
class DeploymentGateway {

  private final CommandRunner runner;
  private final DeploymentProperties properties;

  DeploymentGateway(CommandRunner runner, DeploymentProperties properties) {
    this.runner = runner;
    this.properties = properties;
  }

  CommandResult deploy(String environment, String releaseId, String buildVersion) {
    return runner.run(properties.deployment().command(), List.of(environment, releaseId, buildVersion),
        properties.deployment().timeout(), scriptEnvironment());
  }

  CommandResult smokeTest(String environment, String releaseId) {
    return runner.run(properties.smokeTest().command(), List.of(environment, releaseId),
        properties.smokeTest().timeout(), scriptEnvironment());
  }

  private Map<String, String> scriptEnvironment() {
    return Map.of("CCMT_DATA_DIR", properties.dataDir().toAbsolutePath().toString());
  }
}
