package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The route to live and its commands bind to the documented defaults, and a bad value stops the
 * start.
 */
class RouteToLivePropertiesTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(RouteToLiveConfiguration.class);

  @Test
  void shouldBindTheDefaultsTheReadmeDocuments() {
    context.run(
        started -> {
          assertThat(started.getBean(RouteToLiveProperties.class))
              .isEqualTo(
                  new RouteToLiveProperties(
                      List.of("DEV1", "QAS1", "QAS2", "CCMT"), "QAS2", Path.of("data")));
          assertThat(started.getBean(DeploymentCommandProperties.class))
              .isEqualTo(
                  new DeploymentCommandProperties(
                      "scripts/deploy.sh", Duration.ofMinutes(15), Duration.ofMinutes(1)));
          assertThat(started.getBean(SmokeTestProperties.class))
              .isEqualTo(new SmokeTestProperties("scripts/smoke-test.sh", Duration.ofMinutes(10)));
        });
  }

  @Test
  void shouldKeepTheKeysOperatorsAlreadySet() {
    context
        .withPropertyValues(
            "ccmt.route-to-live=DEV1,QAS2,CCMT",
            "ccmt.internal-test-environment=DEV1",
            "ccmt.deployment.command=/opt/deploy",
            "ccmt.smoke-test.timeout=PT2M")
        .run(
            started -> {
              assertThat(started.getBean(RouteToLiveProperties.class).routeToLive())
                  .containsExactly("DEV1", "QAS2", "CCMT");
              assertThat(started.getBean(RouteToLiveProperties.class).internalTestEnvironment())
                  .isEqualTo("DEV1");
              assertThat(started.getBean(DeploymentCommandProperties.class).command())
                  .isEqualTo("/opt/deploy");
              assertThat(started.getBean(SmokeTestProperties.class).timeout())
                  .isEqualTo(Duration.ofMinutes(2));
            });
  }

  @Test
  void shouldRefuseToStartWithAnEmptyRouteToLive() {
    context
        .withPropertyValues("ccmt.route-to-live=")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ccmt.route-to-live")
                    .hasMessageContaining("must not be empty"));
  }

  @Test
  void shouldRefuseToStartWithANegativeDeploymentTimeout() {
    context
        .withPropertyValues("ccmt.deployment.timeout=-PT1M")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ccmt.deployment.timeout")
                    .hasMessageContaining("must be positive"));
  }

  @Test
  void shouldRefuseToStartWithABlankSmokeTestCommand() {
    context
        .withPropertyValues("ccmt.smoke-test.command= ")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ccmt.smoke-test.command")
                    .hasMessageContaining("must not be blank"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    RouteToLiveProperties.class,
    DeploymentCommandProperties.class,
    SmokeTestProperties.class
  })
  static class RouteToLiveConfiguration {}
}
