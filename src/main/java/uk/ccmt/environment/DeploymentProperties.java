package uk.ccmt.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The route to live and the commands that deploy to and smoke-test its environments. */
@ConfigurationProperties("ccmt")
public record DeploymentProperties(
    @DefaultValue({"DEV1", "QAS1", "QAS2", "CCMT"}) List<String> routeToLive,
    @DefaultValue("QAS2") String internalTestEnvironment,
    @DefaultValue Deployment deployment,
    @DefaultValue SmokeTest smokeTest,
    @DefaultValue("data") Path dataDir) {

  /** {@code <command> <environment> <releaseId> <buildVersion>}; exit 0 = deployed. */
  public record Deployment(
      @DefaultValue("scripts/deploy.sh") String command,
      @DefaultValue("PT15M") Duration timeout,
      @DefaultValue("PT1M") Duration environmentWait) {
  }

  /** {@code <command> <environment> <releaseId>}; exit 0 = passed. */
  public record SmokeTest(
      @DefaultValue("scripts/smoke-test.sh") String command,
      @DefaultValue("PT10M") Duration timeout) {
  }
}
