package uk.ccmt.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no spring.mail.host, participant email goes to an SMTP server inside the application (see
 * {@link EmbeddedMailServer}), on a port of its own, so the demo shows its email without anything
 * installed. Setting spring.mail.host points email at a real relay and no embedded server starts.
 */
class EmbeddedMailEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String EMBEDDED = "ccmt.mail.embedded";

  /** Last, so that the production guard sees whether a real relay was configured. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty("spring.mail.host")) {
      return;
    }
    int port = MailSenderProperties.embeddedPort(environment);
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "ccmtEmbeddedMail",
                Map.of(
                    "spring.mail.host",
                    "127.0.0.1",
                    "spring.mail.port",
                    port == 0 ? freePort() : port,
                    EMBEDDED,
                    true)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the embedded mail server", e);
    }
  }
}
