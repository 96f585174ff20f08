package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {

  private final DeploymentCommandProperties fifteenMinuteDeployments =
      new DeploymentCommandProperties(
          "scripts/deploy.sh", Duration.ofMinutes(15), Duration.ofMinutes(1));
  private final SmokeTestProperties tenMinuteSmokeTests =
      new SmokeTestProperties("scripts/smoke-test.sh", Duration.ofMinutes(10));

  @Test
  void shouldRefuseAJobLockShorterThanADeployment() {
    assertThatThrownBy(
            () ->
                new DeploymentSettings(
                    fifteenMinuteDeployments,
                    tenMinuteSmokeTests,
                    Duration.ofMinutes(5).toMillis()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lock-time-in-millis (300000 ms) must be at least a minute longer");
  }

  @Test
  void shouldHandTheEnvironmentWaitToTheModelAsAnIsoDuration() {
    var settings =
        new DeploymentSettings(
            fifteenMinuteDeployments, tenMinuteSmokeTests, Duration.ofMinutes(30).toMillis());

    assertThat(settings.getEnvironmentWait()).isEqualTo("PT1M");
  }
}
