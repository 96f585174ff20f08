package uk.ccmt.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.Participant;
import uk.ccmt.system.StaffContacts;
import uk.ccmt.system.WebProperties;

/**
 * The emails of a document review, through the outbox: the request (one per organisation, queued
 * with its process and sent by the group's next step), the reminder, the release managers' list of
 * who did not answer, and the comment log. Each is queued under a key of its own, so a retried step
 * sends only what is still pending, never twice.
 */
@Service
class ReviewMailing {

  private static final int LISTED = 200;

  private final Outbox outbox;
  private final MailTemplates templates;
  private final WebProperties web;
  private final StaffContacts staff;

  ReviewMailing(Outbox outbox, MailTemplates templates, WebProperties web, StaffContacts staff) {
    this.outbox = outbox;
    this.templates = templates;
    this.web = web;
    this.staff = staff;
  }

  @Transactional
  void queueRequest(Review review, String taskName, String deadline, Participant participant) {
    String subject = "Document review " + review.id() + ": " + taskName;
    Mail mail =
        templates.render(
            "document-review-request",
            Map.of(
                "subject", subject,
                "organisation", participant.name(),
                "code", participant.code(),
                "title", review.title(),
                "version", review.version(),
                "deadline", deadline,
                "document", documentLink(review),
                "taskName", taskName,
                "tasklist", tasklist()));
    outbox.queue(
        requestKey(review) + participant.code(), subject, mail, participant.contactEmails());
  }

  /**
   * Delivers the pending requests of these organisations only, trying every one before it throws.
   */
  void deliverRequests(Review review, List<String> organisations) {
    outbox.deliverEach(requestKey(review), organisations);
  }

  void sendReminder(Review review, String deadline, Participant participant) {
    String key = "document-review-reminder:" + review.id() + ":" + participant.code();
    String subject =
        "Reminder: document review "
            + review.id()
            + ", "
            + review.title()
            + " v"
            + review.version()
            + ", comments due by "
            + deadline;
    Mail mail =
        templates.render(
            "document-review-reminder",
            Map.of(
                "subject", subject,
                "organisation", participant.name(),
                "title", review.title(),
                "version", review.version(),
                "deadline", deadline,
                "document", documentLink(review),
                "tasklist", tasklist()));
    outbox.queueNow(key, subject, mail, participant.contactEmails());
    outbox.deliver(key);
  }

  /** One email to the release managers listing every organisation that did not answer. */
  void reportSilence(Review review, String deadline, List<String> silent) {
    String key = "document-review-silence:" + review.id();
    String subject =
        "Document review "
            + review.id()
            + ", "
            + review.title()
            + " v"
            + review.version()
            + ": "
            + silent.size()
            + (silent.size() == 1 ? " organisation" : " organisations")
            + " did not answer by "
            + deadline;
    Mail mail =
        templates.render(
            "document-review-silence",
            Map.of(
                "subject", subject,
                "review", review.id(),
                "title", review.title(),
                "version", review.version(),
                "deadline", deadline,
                "lines", silent.stream().limit(LISTED).toList(),
                "more", Math.max(0, silent.size() - LISTED),
                "tasklist", tasklist()));
    outbox.queueNow(key, subject, mail, staff.releaseManagers());
    outbox.deliver(key);
  }

  /** The comment log with its responses, to one organisation asked. */
  @Transactional
  void queueCommentLog(
      Review review,
      Participant participant,
      List<Map<String, Object>> comments,
      List<String> noComments,
      List<String> notAnswered) {
    String subject =
        "Document review "
            + review.id()
            + ": comment log of "
            + review.title()
            + " v"
            + review.version()
            + " with the release managers' responses";
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("subject", subject);
    variables.put("organisation", participant.name());
    variables.put("title", review.title());
    variables.put("version", review.version());
    variables.put("comments", comments);
    variables.put("noComments", noComments);
    variables.put("notAnswered", notAnswered);
    variables.put("log", "GET /api/reviews/" + review.id() + "/comments");
    outbox.queue(
        logKey(review) + participant.code(),
        subject,
        templates.render("document-review-comment-log", variables),
        participant.contactEmails());
  }

  void deliverCommentLogs(Review review) {
    outbox.deliverAll(logKey(review));
  }

  private String documentLink(Review review) {
    return review.documentUrl() != null
        ? review.documentUrl()
        : UriComponentsBuilder.fromUri(web.baseUrl())
            .path("/api/reviews/{id}/document")
            .buildAndExpand(review.id())
            .toUriString();
  }

  private String tasklist() {
    return UriComponentsBuilder.fromUri(web.baseUrl())
        .path("/camunda/app/tasklist/")
        .build()
        .toUriString();
  }

  private static String requestKey(Review review) {
    return "document-review-request:" + review.id() + ":";
  }

  private static String logKey(Review review) {
    return "document-review-log:" + review.id() + ":";
  }
}
