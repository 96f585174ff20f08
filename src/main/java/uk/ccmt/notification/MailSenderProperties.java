package uk.ccmt.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.mail.*: the product's mail settings; the relay itself is Spring's spring.mail.*.
 *
 * @param from the sender of every email
 * @param embeddedPort the port of the demo's embedded SMTP server, used only while spring.mail.host
 *     is unset; 0 takes any free port
 */
@Validated
@ConfigurationProperties("ccmt.mail")
record MailSenderProperties(
    @DefaultValue("CCMT Release Management <release-management@ccmt.example>") @NotBlank
        String from,
    @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort) {

  /**
   * The embedded port as bound before the application context exists (an environment post processor
   * decides whether the embedded server runs), checked by the same rule.
   */
  static int embeddedPort(Environment environment) {
    int port = Binder.get(environment).bind("ccmt.mail.embedded-port", Integer.class).orElse(0);
    if (port < 0 || port > 65535) {
      throw new IllegalStateException(
          "ccmt.mail.embedded-port must be between 0 and 65535, not " + port);
    }
    return port;
  }
}
