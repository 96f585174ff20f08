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
 * The real SMTP server of the shared test context: GreenMail on loopback, started once for the JVM
 * on a free port, so two builds on one machine never collide. Tests may stop it to play an outage
 * and start it again: it comes back on the same port.
 */
public final class TestMailServer {

  private static GreenMail server;
  private static int port;

  private TestMailServer() {}

  public static synchronized void start() {
    if (server == null || !server.isRunning()) {
      if (port == 0) {
        port = freePort();
      }
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  public static synchronized int port() {
    start();
    return port;
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test mail server", e);
    }
  }

  /**
   * Points the application's mail at this server's port (the host, 127.0.0.1, is a test property).
   */
  public static class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("spring.mail.port=" + port()).applyTo(context);
    }
  }
}
