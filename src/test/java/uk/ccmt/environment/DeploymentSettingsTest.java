package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ccmt.environment.DeploymentProperties.Deployment;
import uk.ccmt.environment.DeploymentProperties.SmokeTest;

class DeploymentSettingsTest {

  private final DeploymentProperties fifteenMinuteDeployments = new DeploymentProperties(
      List.of("DEV1", "QAS1", "QAS2", "CCMT"), "QAS2",
      new Deployment("scripts/deploy.sh", Duration.ofMinutes(15), Duration.ofMinutes(1)),
      new SmokeTest("scripts/smoke-test.sh", Duration.ofMinutes(10)), Path.of("data"));

  @Test
  void shouldRefuseAJobLockShorterThanADeployment() {
    assertThatThrownBy(() -> new DeploymentSettings(fifteenMinuteDeployments, Duration.ofMinutes(5).toMillis()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lock-time-in-millis (300000 ms) must be at least a minute longer");
  }

  @Test
  void shouldHandTheEnvironmentWaitToTheModelAsAnIsoDuration() {
    var settings = new DeploymentSettings(fifteenMinuteDeployments, Duration.ofMinutes(30).toMillis());

    assertThat(settings.getEnvironmentWait()).isEqualTo("PT1M");
  }
}
