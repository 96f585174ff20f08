package uk.ccmt.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * The prod profile refuses to start without the settings production needs, and names every one that
 * is missing in one message. Spring Boot binds an unresolvable placeholder as literal text, or
 * fails later with a bean-creation error that names neither the setting nor the environment
 * variable: without this check the administrator would be created with the password
 * "${CCMT_ADMIN_PASSWORD}", and a missing database URL would surface as a datasource error. The
 * check runs before the engine exists, so nothing is created on the way to the refusal.
 */
class ProductionGuard implements EnvironmentPostProcessor, Ordered {

  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
  static final String DATABASE_URL = "spring.datasource.url";
  static final String DATABASE_USERNAME = "spring.datasource.username";
  static final String DATABASE_PASSWORD = "spring.datasource.password";
  static final String MAIL_HOST = "spring.mail.host";
  static final String BASE_URL = "ccmt.web.base-url";

  /** Camunda's generic property, as application-prod.yaml spells it, and its other spelling. */
  static final List<String> PASSWORD_POLICY =
      List.of(
          "camunda.bpm.generic-properties.properties.enablePasswordPolicy",
          "camunda.bpm.generic-properties.properties.enable-password-policy");

  private static final Set<String> LOCAL_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0");

  /**
   * After the configuration files are read, before defaults such as the embedded mail server are
   * added.
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    List<String> missing = new ArrayList<>();
    // application-prod.yaml always names the database through CCMT_DATABASE_*; a setting left
    // unresolved is missing. (A password may be empty, for a database that trusts the host.)
    if (environment.containsProperty(DATABASE_URL) && isBlank(value(environment, DATABASE_URL))) {
      missing.add(
          "the database: set CCMT_DATABASE_URL ("
              + DATABASE_URL
              + "), the JDBC URL of the PostgreSQL database,"
              + " such as jdbc:postgresql://db.example:5432/ccmt.");
    }
    if (environment.containsProperty(DATABASE_USERNAME)
        && isBlank(value(environment, DATABASE_USERNAME))) {
      missing.add("the database user: set CCMT_DATABASE_USERNAME (" + DATABASE_USERNAME + ").");
    }
    if (environment.containsProperty(DATABASE_PASSWORD)
        && value(environment, DATABASE_PASSWORD) == null) {
      missing.add(
          "the database user's password: set CCMT_DATABASE_PASSWORD ("
              + DATABASE_PASSWORD
              + "), empty if the database needs none.");
    }
    String password = value(environment, ADMIN_PASSWORD);
    if (isBlank(password)) {
      missing.add(
          "The prod profile needs the administrator's password from the environment:"
              + " set CCMT_ADMIN_PASSWORD ("
              + ADMIN_PASSWORD
              + "). There is no default password in production.");
    } else if (passwordPolicyOn(environment)) {
      List<String> broken =
          PasswordRules.broken(
              new DefaultPasswordPolicyImpl(), password, administrator(environment));
      if (!broken.isEmpty()) {
        missing.add(
            "the administrator's password (CCMT_ADMIN_PASSWORD) does not match the password policy: it needs "
                + String.join(", ", broken)
                + ".");
      }
    }
    if (isBlank(value(environment, MAIL_HOST))) {
      missing.add(
          "The prod profile needs a real mail relay for participant email: set"
              + " spring.mail.host (and spring.mail.port). The embedded mail server is for the demo only.");
    }
    if (environment.containsProperty(BASE_URL) && !isPublicAddress(value(environment, BASE_URL))) {
      missing.add(
          "the address participants reach the CCMT web page at, which notes and emails link to: set"
              + " CCMT_WEB_BASE_URL ("
              + BASE_URL
              + "), such as https://ccmt.example.org, not localhost.");
    }
    if (Boolean.parseBoolean(environment.getProperty("ccmt.demo.enabled", "false"))) {
      missing.add("The prod profile runs without demo data: ccmt.demo.enabled must be false");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The prod profile cannot start. It needs:\n  - " + String.join("\n  - ", missing));
    }
  }

  /** The setting, or null when a placeholder in it names nothing that is set. */
  private static String value(ConfigurableEnvironment environment, String key) {
    try {
      return environment.getProperty(key);
    } catch (IllegalArgumentException unresolved) {
      return null;
    }
  }

  private static boolean isBlank(String value) {
    return !StringUtils.hasText(value);
  }

  private static boolean passwordPolicyOn(ConfigurableEnvironment environment) {
    return PASSWORD_POLICY.stream().anyMatch(key -> Boolean.parseBoolean(value(environment, key)));
  }

  /**
   * The administrator as Camunda's admin-user properties create it, for the policy's user-data
   * rule.
   */
  private static UserEntity administrator(ConfigurableEnvironment environment) {
    String id = environment.getProperty("camunda.bpm.admin-user.id", "admin");
    String capitalised =
        id.isEmpty() ? id : id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    UserEntity user = new UserEntity(id);
    user.setFirstName(environment.getProperty("camunda.bpm.admin-user.first-name", capitalised));
    user.setLastName(environment.getProperty("camunda.bpm.admin-user.last-name", capitalised));
    return user;
  }

  private static boolean isPublicAddress(String url) {
    if (isBlank(url)) {
      return false;
    }
    try {
      String host = URI.create(url.strip()).getHost();
      return host != null && !LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notAUri) {
      return false;
    }
  }
}
