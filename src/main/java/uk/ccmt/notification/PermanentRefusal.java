package uk.ccmt.notification;

import jakarta.mail.MessagingException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.mail.MailSendException;

/**
 * Whether a failed delivery was a permanent refusal of the recipient: the server answered RCPT TO
 * with a 5xx code (RFC 5321, 4.2.1), such as "550 no such user". Only that counts: a 4xx answer, a
 * refused connection, a time-out or a refusal of the whole message is transient, and the delivery
 * is retried.
 */
final class PermanentRefusal {

  private PermanentRefusal() {}

  /** The server's answer, when the failure is a permanent refusal of the recipient. */
  static Optional<String> of(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    Throwable current = failure;
    while (current != null && seen.add(current)) {
      if (current instanceof SMTPAddressFailedException refused) {
        int code = refused.getReturnCode();
        return code >= 500 && code < 600
            ? Optional.of(code + " " + String.valueOf(refused.getMessage()).strip())
            : Optional.empty();
      }
      if (current instanceof MailSendException send) {
        for (Exception each : send.getFailedMessages().values()) {
          Optional<String> found = of(each);
          if (found.isPresent()) {
            return found;
          }
        }
      }
      current =
          current instanceof MessagingException messaging && messaging.getNextException() != null
              ? messaging.getNextException()
              : current.getCause();
    }
    return Optional.empty();
  }
}
