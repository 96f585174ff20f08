package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import uk.ccmt.CcmtApplication;

class ProductionGuardTest {

  private final ProductionGuard guard = new ProductionGuard();

  @Test
  void shouldRefuseProductionWithoutAnAdministratorPasswordFromTheEnvironment() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, "${CCMT_ADMIN_PASSWORD}"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set CCMT_ADMIN_PASSWORD");
  }

  @Test
  void shouldRefuseProductionWithABlankPassword() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, " "));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("no default password");
  }

  @Test
  void shouldStartProductionWithThePasswordGiven() {
    var environment =
        prod(
            Map.of(
                ProductionGuard.ADMIN_PASSWORD,
                "${CCMT_ADMIN_PASSWORD}",
                "CCMT_ADMIN_PASSWORD",
                "s3cret-from-the-vault",
                "ccmt.demo.enabled",
                "false",
                "spring.mail.host",
                "relay.example"));

    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseProductionWithoutARealMailRelay() {
    var environment = prod(Map.of(ProductionGuard.ADMIN_PASSWORD, "s3cret-from-the-vault"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("set spring.mail.host");
  }

  @Test
  void shouldNameEveryMissingProductionSettingAtOnce() {
    // As application-prod.yaml names them, with no CCMT_* variable set.
    var environment =
        prod(
            Map.of(
                ProductionGuard.DATABASE_URL,
                "${CCMT_DATABASE_URL}",
                ProductionGuard.DATABASE_USERNAME,
                "${CCMT_DATABASE_USERNAME}",
                ProductionGuard.DATABASE_PASSWORD,
                "${CCMT_DATABASE_PASSWORD}",
                ProductionGuard.ADMIN_PASSWORD,
                "${CCMT_ADMIN_PASSWORD}",
                ProductionGuard.BASE_URL,
                "${CCMT_WEB_BASE_URL}"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set CCMT_DATABASE_URL (spring.datasource.url)")
        .hasMessageContaining("set CCMT_DATABASE_USERNAME")
        .hasMessageContaining("set CCMT_DATABASE_PASSWORD")
        .hasMessageContaining("set CCMT_ADMIN_PASSWORD")
        .hasMessageContaining("set spring.mail.host")
        .hasMessageContaining("set CCMT_WEB_BASE_URL");
  }

  @Test
  void shouldStartProductionWithEverySettingFromTheEnvironment() {
    var environment =
        prod(
            Map.ofEntries(
                Map.entry(ProductionGuard.DATABASE_URL, "${CCMT_DATABASE_URL}"),
                Map.entry(ProductionGuard.DATABASE_USERNAME, "${CCMT_DATABASE_USERNAME}"),
                Map.entry(ProductionGuard.DATABASE_PASSWORD, "${CCMT_DATABASE_PASSWORD}"),
                Map.entry(ProductionGuard.ADMIN_PASSWORD, "${CCMT_ADMIN_PASSWORD}"),
                Map.entry(ProductionGuard.BASE_URL, "${CCMT_WEB_BASE_URL}"),
                Map.entry(ProductionGuard.PASSWORD_POLICY.get(0), "true"),
                Map.entry("CCMT_DATABASE_URL", "jdbc:postgresql://db.example:5432/ccmt"),
                Map.entry("CCMT_DATABASE_USERNAME", "ccmt"),
                Map.entry("CCMT_DATABASE_PASSWORD", ""),
                Map.entry("CCMT_ADMIN_PASSWORD", "Vault-given-2026!"),
                Map.entry("CCMT_WEB_BASE_URL", "https://ccmt.example.org"),
                Map.entry("spring.mail.host", "relay.example")));

    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAnAdministratorPasswordThatBreaksThePasswordPolicy() {
    var environment =
        prod(
            Map.of(
                ProductionGuard.ADMIN_PASSWORD,
                "demo",
                ProductionGuard.PASSWORD_POLICY.get(0),
                "true",
                "spring.mail.host",
                "relay.example"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("does not match the password policy")
        .hasMessageContaining("at least 10 characters")
        .hasMessageContaining("upper-case")
        .hasMessageContaining("digit")
        .hasMessageContaining("special character");
  }

  @Test
  void shouldRefuseAnAdministratorPasswordHoldingTheAdministratorsName() {
    var environment =
        prod(
            Map.of(
                ProductionGuard.ADMIN_PASSWORD,
                "Admin-2026-secret!",
                ProductionGuard.PASSWORD_POLICY.get(1),
                "true",
                "spring.mail.host",
                "relay.example"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("not the user's id");
  }

  @Test
  void shouldRefuseLinksToLocalhostInProduction() {
    var environment =
        prod(
            Map.of(
                ProductionGuard.ADMIN_PASSWORD,
                "s3cret-from-the-vault",
                "spring.mail.host",
                "relay.example",
                ProductionGuard.BASE_URL,
                "http://localhost:8080"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("set CCMT_WEB_BASE_URL")
        .hasMessageContaining("not localhost");
  }

  /**
   * The application itself, as an operator starts it with the prod profile and no database: it
   * stops at once, saying so.
   */
  @Test
  void shouldStopTheApplicationWithAClearMessageWithoutADatabaseUrl() {
    var application =
        new SpringApplicationBuilder(CcmtApplication.class)
            .profiles("prod")
            .web(WebApplicationType.NONE)
            .properties(
                "CCMT_ADMIN_PASSWORD=Vault-given-2026!",
                "CCMT_DATABASE_USERNAME=ccmt",
                "CCMT_DATABASE_PASSWORD=x",
                "CCMT_WEB_BASE_URL=https://ccmt.example.org",
                "spring.mail.host=relay.example");

    assertThatThrownBy(() -> application.run().close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set CCMT_DATABASE_URL")
        .message()
        .doesNotContain("CCMT_ADMIN_PASSWORD", "spring.mail.host");
  }

  @Test
  void shouldLeaveTheDemoAlone() {
    var environment = new StandardEnvironment();

    assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .doesNotThrowAnyException();
  }

  private static StandardEnvironment prod(Map<String, Object> properties) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    environment.setActiveProfiles("prod");
    return environment;
  }
}
