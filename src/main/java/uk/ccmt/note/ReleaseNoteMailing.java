package uk.ccmt.note;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.ParticipantService;

/**
 * Release notes by email to every participant contact. A note is queued in the transaction that
 * creates it, and delivered by the next step of the model, which retries on its own.
 */
@Service
public class ReleaseNoteMailing {

  private final Outbox outbox;
  private final ParticipantService participants;
  private final NoteRenderer renderer;

  ReleaseNoteMailing(Outbox outbox, ParticipantService participants, NoteRenderer renderer) {
    this.outbox = outbox;
    this.participants = participants;
    this.renderer = renderer;
  }

  /**
   * Queues the note for every contact of every organisation taking part; the subject is its title.
   */
  @Transactional
  public void queue(ReleaseNote note) {
    outbox.queueAbout(
        note.releaseId(),
        key(note.id()),
        note.title(),
        new MailTemplates.Mail(renderer.email(note), note.bodyText()),
        participants.contactEmails());
  }

  /** Sends what is still pending of the note; throws while any contact could not be reached. */
  public int deliver(long noteId) {
    return outbox.deliver(key(noteId));
  }

  static String key(long noteId) {
    return "release-note:" + noteId;
  }
}
