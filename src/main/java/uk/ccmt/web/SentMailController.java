package uk.ccmt.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import uk.ccmt.notification.OutboundEmail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ReadableDates;

/**
 * Every email the programme sent, to participants and to its own staff, newest first, for the
 * release managers (SecurityConfig): in the demo this is where the email the embedded mail server
 * caught can be seen without installing anything. Filtered by recipient, subject and state; one
 * page per email with its headers and both parts: the HTML part rendered in a sandboxed frame of
 * its own, and its source as escaped text, never as markup of this page.
 */
@Controller
class SentMailController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final List<String> STATES = List.of("pending", "failed", "sent", "bounced");

  private final Outbox outbox;
  private final ReadableDates dates;

  SentMailController(Outbox outbox, ReadableDates dates) {
    this.outbox = outbox;
    this.dates = dates;
  }

  @GetMapping("/mail")
  String sentMail(
      @RequestParam(required = false) String recipient,
      @RequestParam(required = false) String subject,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String limit,
      Model model) {
    String recipientPart = part("recipient", recipient, 254);
    String subjectPart = part("subject", subject, 300);
    String stateWanted = state(state);
    int shown = limit(limit);
    List<Row> emails =
        outbox.matching(recipientPart, subjectPart, stateWanted, shown).stream()
            .map(this::row)
            .toList();
    model.addAttribute("emails", emails);
    model.addAttribute("shown", shown);
    model.addAttribute("states", STATES);
    model.addAttribute("recipient", recipientPart == null ? "" : recipientPart);
    model.addAttribute("subject", subjectPart == null ? "" : subjectPart);
    model.addAttribute("state", stateWanted == null ? "" : stateWanted);
    model.addAttribute(
        "filtered", recipientPart != null || subjectPart != null || stateWanted != null);
    return "mail";
  }

  /** One email's page for a browser; an unknown email gets a 404 page in the layout. */
  @GetMapping(value = "/mail/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView emailPage(@PathVariable String id) {
    Optional<OutboundEmail> email = outbox.find(number(id));
    if (email.isEmpty()) {
      return new ModelAndView("mail-not-found", Map.of("id", id), HttpStatus.NOT_FOUND);
    }
    return new ModelAndView("mail-email", Map.of("email", row(email.get())));
  }

  /** The same page for a script, whose unknown email is the API's problem JSON, not a page. */
  @GetMapping("/mail/{id}")
  ModelAndView email(@PathVariable String id) {
    return outbox
        .find(number(id))
        .map(email -> new ModelAndView("mail-email", Map.of("email", row(email))))
        .orElseThrow(() -> new NotFoundException("email", id));
  }

  /**
   * The HTML part on its own, for the sandboxed frame of its page: SecurityHeaders gives it a
   * policy that runs nothing and fetches nothing, and SecurityConfig lets only this application
   * frame it.
   */
  @GetMapping(value = "/mail/{id}/html", produces = "text/html;charset=UTF-8")
  @ResponseBody
  String htmlPart(@PathVariable String id) {
    return outbox
        .find(number(id))
        .map(OutboundEmail::bodyHtml)
        .orElseThrow(() -> new NotFoundException("HTML part of email", id));
  }

  /** The email's number: digits only, as SecurityHeaders reads the path for its policies. */
  private static long number(String id) {
    if (!id.matches("[0-9]{1,18}")) {
      throw new InvalidInputException("id", "is not the number of an email");
    }
    return Long.parseLong(id);
  }

  /** One email as the pages show it: its state as people say it and its times in the zone. */
  record Row(OutboundEmail email, String state, String queued, String sent) {}

  private Row row(OutboundEmail email) {
    return new Row(
        email,
        stateOf(email),
        dates.describeShort(email.createdAt()),
        email.sentAt() == null ? null : dates.describeShort(email.sentAt()));
  }

  /** A pending email whose last attempt failed is "failed": it is tried again at the next retry. */
  static String stateOf(OutboundEmail email) {
    if (email.state() == OutboundEmail.State.PENDING && email.lastError() != null) {
      return "failed";
    }
    return email.state().name().toLowerCase(Locale.ROOT);
  }

  private static String part(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      throw new InvalidInputException(field, "is longer than " + max + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(field, "contains control characters");
    }
    return trimmed;
  }

  private static String state(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String state = value.strip().toLowerCase(Locale.ROOT);
    if (!STATES.contains(state)) {
      throw new InvalidInputException("state", "must be one of pending, failed, sent or bounced");
    }
    return state;
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }
}
