package uk.ccmt.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The one place that talks to the mail server: an HTML message with a plain-text alternative. */
@Component
class MailDelivery {

  private final JavaMailSender sender;
  private final String from;

  MailDelivery(JavaMailSender sender, @Value("${ccmt.mail.from:CCMT Release Management <release-management@ccmt.example>}") String from) {
    this.sender = sender;
    this.from = from;
  }

  void send(OutboundEmail email) throws MailException, MessagingException {
    MimeMessage message = sender.createMimeMessage();
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
