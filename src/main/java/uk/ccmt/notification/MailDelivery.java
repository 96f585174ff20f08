package uk.ccmt.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The one place that talks to the mail server: an HTML message with a plain-text alternative.
 *
 * <p>Each outbox row is sent with a Message-ID of its own that never changes. The outbox records a
 * message as sent right after the server accepted it; if the application dies in between, the retry
 * sends it again, and the unchanged Message-ID lets mail systems recognise the duplicate.
 */
@Component
class MailDelivery {

  private final JavaMailSenderImpl sender;
  private final String from;

  MailDelivery(JavaMailSenderImpl sender, MailSenderProperties properties) {
    this.sender = sender;
    this.from = properties.from();
  }

  void send(OutboundEmail email) throws MailException, MessagingException {
    String messageId = "<outbound-email-" + email.id() + "@ccmt-release-manager>";
    MimeMessage message =
        new MimeMessage(sender.getSession()) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(email.recipient());
    helper.setSubject(email.subject());
    if (email.bodyHtml() == null) {
      helper.setText(email.bodyText(), false);
    } else {
      helper.setText(email.bodyText(), email.bodyHtml());
    }
    sender.send(message);
  }
}
