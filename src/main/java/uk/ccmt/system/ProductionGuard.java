package uk.ccmt.system;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The prod profile refuses to start without an administrator password from the environment.
 * Spring Boot binds an unresolvable placeholder as literal text, so without this check the
 * administrator would be created with the password "${CCMT_ADMIN_PASSWORD}". The check runs
 * before the engine exists, so nothing is created on the way to the refusal.
 */
class ProductionGuard implements EnvironmentPostProcessor, Ordered {

  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";

  /** After the configuration files are read, before defaults such as the embedded mail server are added. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    String password;
    try {
      password = environment.getProperty(ADMIN_PASSWORD);
    } catch (IllegalArgumentException unresolved) {
      password = null;
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException("The prod profile needs the administrator's password from the environment:"
          + " set CCMT_ADMIN_PASSWORD (" + ADMIN_PASSWORD + "). There is no default password in production.");
    }
    if (!environment.containsProperty("spring.mail.host")) {
      throw new IllegalStateException("The prod profile needs a real mail relay for participant email: set"
          + " spring.mail.host (and spring.mail.port). The embedded mail server is for the demo only.");
    }
    if (Boolean.parseBoolean(environment.getProperty("ccmt.demo.enabled", "false"))) {
      throw new IllegalStateException("The prod profile runs without demo data: ccmt.demo.enabled must be false");
    }
  }
}
