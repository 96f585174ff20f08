package uk.ccmt.notification;

import java.time.Instant;

/** One message to one recipient, as the outbox keeps it. */
public record OutboundEmail(
    long id,
    String messageKey,
    String recipient,
    String subject,
    String bodyHtml,
    String bodyText,
    State state,
    int attempts,
    String lastError,
    Instant createdAt,
    Instant sentAt) {

  public enum State {
    PENDING,
    SENT,
    /** The mail server refused the recipient for good (SMTP 5xx): never retried. */
    BOUNCED
  }
}
