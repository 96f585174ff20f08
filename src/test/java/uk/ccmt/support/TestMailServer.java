package uk.ccmt.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * The real SMTP server of the shared test context: GreenMail on a fixed loopback port, started
 * once for the JVM. Tests may stop it to play an outage and start it again.
 */
public final class TestMailServer {

  public static final int PORT = 3925;

  private static GreenMail server;

  private TestMailServer() {
  }

  public static synchronized void start() {
    if (server == null || !server.isRunning()) {
      server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
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
