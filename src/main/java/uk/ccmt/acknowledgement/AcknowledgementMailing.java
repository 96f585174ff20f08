package uk.ccmt.acknowledgement;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.acknowledgement.NoteAcknowledgementRepository.Round;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.WebProperties;

/**
 * The reminder to an organisation that has not acknowledged a note, through the outbox: one message
 * per note and organisation, with a new one-time link, queued in the reminding step and sent by the
 * next, which retries without sending twice.
 */
@Service
class AcknowledgementMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final ParticipantService participants;
  private final WebProperties web;

  AcknowledgementMailing(
      Outbox outbox, MailTemplates templates, ParticipantService participants, WebProperties web) {
    this.outbox = outbox;
    this.templates = templates;
    this.participants = participants;
    this.web = web;
  }

  @Transactional
  void queueReminder(Round round, Participant participant, URI link, String dueText) {
    String subject = "Reminder: please acknowledge " + round.noteTitle();
    MailTemplates.Mail mail =
        templates.render(
            "note-acknowledgement-reminder",
            Map.of(
                "subject", subject,
                "organisation", participant.name(),
                "code", participant.code(),
                "note", round.noteTitle(),
                "due", dueText,
                "link", link.toString(),
                "releasePage", web.releasePage(round.releaseId()).toString()));
    outbox.queueAbout(
        round.releaseId(),
        key(round.noteId()) + participant.code(),
        subject,
        mail,
        participants.contactEmailsOf(participant.code()));
  }

  void deliverReminders(long noteId, List<String> organisations) {
    outbox.deliverEach(key(noteId), organisations);
  }

  private static String key(long noteId) {
    return "note-acknowledgement-reminder:" + noteId + ":";
  }
}
