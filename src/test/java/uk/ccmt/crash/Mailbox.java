package uk.ccmt.crash;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The programme's mail relay for a crash run: GreenMail on loopback that can be taken down and
 * brought back (a new server each time), behind a small TCP relay on a port of its own, which is
 * the one the application uses. It keeps every message any of its servers accepted, so nothing is
 * forgotten across an outage.
 *
 * <p>The relay can play the README's one window for a duplicate: once armed, it passes the n-th
 * message on to GreenMail, which accepts and stores it, but withholds GreenMail's answer from the
 * application. A kill then leaves the outbox row unsent although the message was delivered.
 */
final class Mailbox {

  private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

  private final int serverPort = AppProcess.freePort();
  private final List<Received> earlier = new ArrayList<>();
  private final ServerSocket relay;
  private final AtomicInteger messagesUntilHold = new AtomicInteger(-1);
  private final AtomicBoolean holding = new AtomicBoolean();
  private GreenMail server;

  Mailbox() {
    try {
      relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::relayConnections, "crash-mail-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the application sends to. */
  int port() {
    return relay.getLocalPort();
  }

  synchronized void start() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(serverPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
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

  void close() {
    stop();
    try {
      relay.close();
    } catch (IOException e) {
      // nothing left to relay
    }
  }

  /** From now on, the n-th message reaches GreenMail but its answer never reaches the sender. */
  void holdTheAnswerToMessage(int n) {
    holding.set(false);
    messagesUntilHold.set(n);
  }

  /** Whether the armed message was accepted and its answer is being withheld. */
  boolean holdingAnAnswer() {
    return holding.get();
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
    return received().stream()
        .filter(message -> message.subject() != null && message.subject().startsWith(subject))
        .count();
  }

  private static List<Received> read(GreenMail server) {
    List<Received> messages = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      try {
        messages.add(
            new Received(
                message.getMessageID(), message.getHeader("To", ","), message.getSubject()));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return messages;
  }

  // --- the relay in front of GreenMail -----------------------------------------------------

  private void relayConnections() {
    while (!relay.isClosed()) {
      Socket client;
      try {
        client = relay.accept();
      } catch (IOException e) {
        return;
      }
      Socket upstream;
      try {
        upstream = new Socket(InetAddress.getLoopbackAddress(), serverPort);
      } catch (IOException down) {
        closeQuietly(client); // GreenMail is down: the sender sees the relay refuse
        continue;
      }
      AtomicBoolean withheld = new AtomicBoolean();
      pump(client, upstream, withheld, true);
      pump(upstream, client, withheld, false);
    }
  }

  /**
   * Copies one direction of a connection. From the sender, it counts ends of DATA and, for the
   * armed message, marks the connection withheld before passing the end on: so GreenMail's answer
   * to it, and everything after, is dropped.
   */
  private void pump(Socket from, Socket to, AtomicBoolean withheld, boolean fromSender) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              byte[] tail = new byte[END_OF_DATA.length];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  if (fromSender
                      && endsOfData(buffer, read, tail) > 0
                      && messagesUntilHold.get() > 0
                      && messagesUntilHold.decrementAndGet() == 0) {
                    withheld.set(true);
                    holding.set(true);
                  }
                  if (!fromSender && withheld.get()) {
                    continue;
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away (a kill, or GreenMail stopped): so does the other
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "crash-mail-relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** How many ends of DATA this chunk completes, the chunks before it kept in {@code tail}. */
  private static int endsOfData(byte[] buffer, int length, byte[] tail) {
    int found = 0;
    for (int i = 0; i < length; i++) {
      System.arraycopy(tail, 1, tail, 0, tail.length - 1);
      tail[tail.length - 1] = buffer[i];
      if (java.util.Arrays.equals(tail, END_OF_DATA)) {
        found++;
      }
    }
    return found;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  record Received(String messageId, String recipient, String subject) {}
}
