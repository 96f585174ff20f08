package uk.ccmt.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Finds the plain-text and HTML alternatives of a received message, however they are nested. */
public final class MailParts {

  private MailParts() {}

  public static Alternative alternativeOf(MimeMessage message) throws Exception {
    Multipart alternative = find(message);
    if (alternative == null) {
      throw new AssertionError("no multipart/alternative in " + message.getContentType());
    }
    String text = null;
    String html = null;
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart part = alternative.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        text = part.getContent().toString();
      } else if (part.isMimeType("text/html")) {
        html = part.getContent().toString();
      }
    }
    return new Alternative(text, html);
  }

  /** The plain-text part of a message, wherever it is nested. */
  public static String textOf(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  private static Multipart find(Part part) throws Exception {
    if (!(part.getContent() instanceof Multipart multipart)) {
      return null;
    }
    if (part.isMimeType("multipart/alternative")) {
      return multipart;
    }
    for (int i = 0; i < multipart.getCount(); i++) {
      Multipart found = find(multipart.getBodyPart(i));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The two renderings of one message. */
  public record Alternative(String text, String html) {}
}
