package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * ccmt.emergency.* binds to the documented defaults (one approval), takes two approvals when an
 * operator asks for them, and refuses to start with none.
 */
class EmergencyPropertiesTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(EmergencyConfiguration.class);

  @Test
  void shouldNeedOneApprovalByDefault() {
    context.run(
        started ->
            assertThat(started.getBean(EmergencyProperties.class))
                .isEqualTo(new EmergencyProperties(Duration.ofHours(4), 1, Duration.ofHours(4))));
  }

  @Test
  void shouldNeedTwoApprovalsWhenTheOperatorSaysSo() {
    context
        .withPropertyValues("ccmt.emergency.approvals-required=2")
        .run(
            started ->
                assertThat(started.getBean(EmergencyProperties.class).approvalsRequired())
                    .isEqualTo(2));
  }

  @Test
  void shouldRefuseToStartWithoutAnyApproval() {
    context
        .withPropertyValues("ccmt.emergency.approvals-required=0")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ccmt.emergency.approvals-required")
                    .hasMessageContaining("must be greater than or equal to 1"));
  }

  @Test
  void shouldGiveTheStakeholdersTheWindowTheOperatorSets() {
    context
        .withPropertyValues("ccmt.emergency.agreement-window=PT2H")
        .run(
            started ->
                assertThat(started.getBean(EmergencyProperties.class).agreementWindow())
                    .isEqualTo(Duration.ofHours(2)));
  }

  @Test
  void shouldRefuseToStartWithAnAgreementWindowThatIsNotPositive() {
    context
        .withPropertyValues("ccmt.emergency.agreement-window=PT0S")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ccmt.emergency.agreement-window")
                    .hasMessageContaining("must be positive"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(EmergencyProperties.class)
  static class EmergencyConfiguration {}
}
