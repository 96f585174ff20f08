package uk.ccmt.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's SMTP server (GreenMail, inside the application) that catches all participant email.
 */
@Component
@ConditionalOnProperty(EmbeddedMailEnvironment.EMBEDDED)
class EmbeddedMailServer implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

  private final GreenMail server;

  EmbeddedMailServer(@Value("${spring.mail.port}") int port) {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    LOG.info(
        "Participant email goes to the embedded SMTP server on 127.0.0.1:{} (set spring.mail.host for a real relay)",
        port);
  }

  @Override
  public void destroy() {
    server.stop();
  }
}
