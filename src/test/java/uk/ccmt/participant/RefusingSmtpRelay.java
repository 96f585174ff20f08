package uk.ccmt.participant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real SMTP server (RFC 5321) for the bounce tests: it speaks the protocol over a socket,
 * takes every message, and answers RCPT TO for the addresses it is told to refuse with the reply
 * given, such as "550 5.1.1 no such user" (refused for good) or "451 4.3.0 try again later". What
 * it accepted is kept by recipient. GreenMail cannot refuse one recipient.
 */
final class RefusingSmtpRelay implements AutoCloseable {

  private final ServerSocket socket;
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private final List<String> rcptSeen = new CopyOnWriteArrayList<>();

  RefusingSmtpRelay() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "refusing-smtp-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** RCPT TO this address is answered with the reply, such as "550 5.1.1 no such user". */
  RefusingSmtpRelay refusing(String address, String reply) {
    refusals.put(address.toLowerCase(Locale.ROOT), reply);
    return this;
  }

  /** The recipients of the messages it accepted, in order. */
  List<String> delivered() {
    return List.copyOf(accepted);
  }

  /** Every address given in RCPT TO, accepted or refused. */
  List<String> attempted() {
    return List.copyOf(rcptSeen);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread session = new Thread(() -> converse(client), "refusing-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = client.getOutputStream();
      reply(out, "220 refusing-relay ESMTP");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO")) {
          reply(out, "250-refusing-relay\r\n250 8BITMIME");
        } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
          reply(out, "250 OK");
        } else if (command.startsWith("MAIL FROM")) {
          recipients.clear();
          reply(out, "250 2.1.0 OK");
        } else if (command.startsWith("RCPT TO")) {
          String address =
              line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
          rcptSeen.add(address);
          String refusal = refusals.get(address);
          if (refusal == null) {
            recipients.add(address);
            reply(out, "250 2.1.5 OK");
          } else {
            reply(out, refusal);
          }
        } else if (command.startsWith("DATA")) {
          if (recipients.isEmpty()) {
            reply(out, "554 5.5.1 no valid recipients");
            continue;
          }
          reply(out, "354 end data with <CR><LF>.<CR><LF>");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message itself is not kept
          }
          accepted.addAll(recipients);
          recipients.clear();
          reply(out, "250 2.0.0 queued");
        } else if (command.startsWith("RSET")) {
          recipients.clear();
          reply(out, "250 2.0.0 OK");
        } else if (command.startsWith("QUIT")) {
          reply(out, "221 2.0.0 bye");
          return;
        } else {
          reply(out, "502 5.5.2 command not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
