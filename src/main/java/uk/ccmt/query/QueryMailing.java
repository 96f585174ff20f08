package uk.ccmt.query;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.StaffContacts;

/**
 * The email of a query: its answer to the organisation's contacts (queued in the transaction that
 * answers it, delivered by the next step, once), and the reminder and the late notice to the
 * release managers (queued and delivered by their own step, once each whatever the retries).
 */
@Service
class QueryMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final ParticipantService participants;
  private final StaffContacts staff;
  private final ReadableDates dates;

  QueryMailing(
      Outbox outbox,
      MailTemplates templates,
      ParticipantService participants,
      StaffContacts staff,
      ReadableDates dates) {
    this.outbox = outbox;
    this.templates = templates;
    this.participants = participants;
    this.staff = staff;
    this.dates = dates;
  }

  @Transactional
  public void queueAnswer(Query query) {
    String subject = "Answer to your query " + query.id() + ": " + query.subject();
    Mail mail = templates.render("query-answer", variables(query, subject));
    outbox.queue(
        answerKey(query.id()),
        subject,
        mail,
        participants.get(query.participantCode()).contactEmails());
  }

  public void deliverAnswer(String id) {
    outbox.deliver(answerKey(id));
  }

  public void remind(Query query) {
    String subject = "Query " + query.id() + " is due for an answer";
    toReleaseManagers("query-reminder:" + query.id(), subject, "query-reminder", query);
  }

  public void escalate(Query query) {
    String subject = "Query " + query.id() + " was not answered in time";
    toReleaseManagers("query-overdue:" + query.id(), subject, "query-overdue", query);
  }

  private void toReleaseManagers(String key, String subject, String template, Query query) {
    List<String> recipients = staff.releaseManagers();
    outbox.queueNow(
        key, subject, templates.render(template, variables(query, subject)), recipients);
    outbox.deliver(key);
  }

  private Map<String, Object> variables(Query query, String subject) {
    return Map.of(
        "subject",
        subject,
        "queryId",
        query.id(),
        "querySubject",
        query.subject(),
        "text",
        query.text(),
        "relatesTo",
        query.relatesTo() == null ? "" : query.relatesTo(),
        "answer",
        query.answer() == null ? "" : query.answer(),
        "organisation",
        query.participantCode(),
        "due",
        dates.describe(query.targetAt()));
  }

  private static String answerKey(String id) {
    return "query-answer:" + id;
  }
}
