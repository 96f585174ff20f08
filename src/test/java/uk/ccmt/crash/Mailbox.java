package uk.ccmt.crash;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The programme's mail relay for a crash run: GreenMail on loopback, on one free port for the whole
 * run, that can be taken down and brought back (a new server each time). It keeps every message any
 * of its servers accepted, so nothing is forgotten across an outage.
 */
final class Mailbox {

  private final int port = AppProcess.freePort();
  private final List<Received> earlier = new ArrayList<>();
  private GreenMail server;

  int port() {
    return port;
  }

  synchronized void start() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  synchronized void stop() {
    if (server != null) {
      earlier.addAll(read(server));
      server.stop();
      server = null;
    }
  }

  /** Every message accepted so far, in the order accepted. */
  synchronized List<Received> received() {
    List<Received> all = new ArrayList<>(earlier);
    if (server != null) {
      all.addAll(read(server));
    }
    return all;
  }

  /** How many messages whose subject starts so were accepted so far: cheap enough to poll. */
  synchronized long countWithSubject(String subject) {
    long count = earlier.stream().filter(message -> message.subject().startsWith(subject)).count();
    if (server != null) {
      for (MimeMessage message : server.getReceivedMessages()) {
        try {
          if (message.getSubject() != null && message.getSubject().startsWith(subject)) {
            count++;
          }
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return count;
  }

  private static List<Received> read(GreenMail server) {
    List<Received> messages = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      try {
        messages.add(new Received(message.getMessageID(), message.getHeader("To", ","), message.getSubject()));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return messages;
  }

  record Received(String messageId, String recipient, String subject) {
  }
}
