package uk.ccmt.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real SMTP server of the shared test context: GreenMail on a loopback port that was free
 * when the JVM first asked, kept for the JVM, so that test runs side by side on one machine never
 * meet. Tests may stop it to play an outage and start it again on the same port.
 */
public final class TestMailServer {

  private static final int PORT = freePort();

  private static GreenMail server;

  private TestMailServer() {
  }

  public static synchronized void start() {
    if (server == null || !server.isRunning()) {
      server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  public static int port() {
    return PORT;
  }

  /** Points the application's mail sender at this server (spring.mail.port). */
  public static class PortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("spring.mail.port=" + port()).applyTo(context);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test mail server", e);
    }
  }

  public static synchronized void stop() {
    if (server != null) {
      server.stop();
    }
  }

  public static synchronized void purge() {
    start();
    server.reset();
  }

  public static synchronized List<MimeMessage> received() {
    start();
    return List.of(server.getReceivedMessages());
  }
}
