package uk.ccmt.environment;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Settings the deployRelease model reads as {@code ${deploymentSettings...}}. */
@Component("deploymentSettings")
public class DeploymentSettings {

  private final DeploymentCommandProperties deployment;

  /**
   * A job running a command keeps its lock for the job executor's lock time; a shorter lock would
   * let another node take over a deployment that is still running, so such a set-up is refused.
   *
   * <p>The lock time is Camunda's own key, bound and defaulted by Camunda (300000 ms, its default,
   * when unset); it is read here with {@code @Value} rather than re-declared in a product record,
   * which would list a key Camunda owns as ours in the configuration metadata.
   */
  DeploymentSettings(
      DeploymentCommandProperties deployment,
      SmokeTestProperties smokeTest,
      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
    this.deployment = deployment;
    Duration longest =
        deployment.timeout().compareTo(smokeTest.timeout()) > 0
            ? deployment.timeout()
            : smokeTest.timeout();
    if (Duration.ofMillis(jobLockMillis).compareTo(longest.plusMinutes(1)) < 0) {
      throw new IllegalStateException(
          "camunda.bpm.job-execution.lock-time-in-millis ("
              + jobLockMillis
              + " ms) must be at least a minute longer than the longest command time-out ("
              + longest
              + "): otherwise another node may take over a deployment that is still running");
    }
  }

  /**
   * How long to wait before asking again for an environment another deployment holds (ISO-8601).
   */
  public String getEnvironmentWait() {
    return deployment.environmentWait().toString();
  }
}
