package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionGuardTest {

  private final ProductionGuard guard = new ProductionGuard();

  @Test
  void shouldRefuseProductionWithoutAnAdministratorPasswordFromTheEnvironment() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, "${CCMT_ADMIN_PASSWORD}"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("set CCMT_ADMIN_PASSWORD");
  }

  @Test
  void shouldRefuseProductionWithABlankPassword() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, " "));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("no default password");
  }

  @Test
  void shouldStartProductionWithThePasswordGiven() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, "${CCMT_ADMIN_PASSWORD}",
        "CCMT_ADMIN_PASSWORD", "s3cret-from-the-vault", "ccmt.demo.enabled", "false", "spring.mail.host", "relay.example"));

    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseProductionWithoutARealMailRelay() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, "s3cret-from-the-vault"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("set spring.mail.host");
  }

  @Test
  void shouldLeaveTheDemoAlone() {
    var environment = new StandardEnvironment();

    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  private static StandardEnvironment prod(Map<String, Object> properties) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    environment.setActiveProfiles("prod");
    return environment;
  }
}
