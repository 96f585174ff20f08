package uk.ccmt.note;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
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
  private final ObjectProvider<NoteAcknowledgementRequests> acknowledgements;

  ReleaseNoteMailing(
      Outbox outbox,
      ParticipantService participants,
      NoteRenderer renderer,
      ObjectProvider<NoteAcknowledgementRequests> acknowledgements) {
    this.outbox = outbox;
    this.participants = participants;
    this.renderer = renderer;
    this.acknowledgements = acknowledgements;
  }

  /**
   * Queues the note for every contact of every organisation taking part; the subject is its title.
   */
  @Transactional
  public void queue(ReleaseNote note) {
    NoteAcknowledgementRequests requests = acknowledgements.getIfAvailable();
    Optional<Map<String, URI>> links = requests == null ? Optional.empty() : requests.ask(note);
    if (links.isPresent()) {
      queueWithLinks(note, links.get());
      return;
    }
    outbox.queueAbout(
        note.releaseId(),
        key(note.id()),
        note.title(),
        new MailTemplates.Mail(renderer.email(note), note.bodyText()),
        participants.contactEmails());
  }

  /**
   * A note that needs acknowledgement (issue 16): one message per organisation, key {@code
   * release-note:<id>:<CODE>}, to its contacts, with its own one-time link.
   */
  private void queueWithLinks(ReleaseNote note, Map<String, URI> links) {
    links.forEach(
        (code, link) ->
            outbox.queueAbout(
                note.releaseId(),
                key(note.id()) + ":" + code,
                note.title(),
                new MailTemplates.Mail(
                    renderer.email(note, link.toString()),
                    note.bodyText()
                        + "\nPlease acknowledge that your organisation has read this note, with"
                        + " this link (it works once, no login needed), or in Camunda Tasklist:\n"
                        + link
                        + "\n"),
                participants.contactEmailsOf(code)));
  }

  /**
   * Sends what is still pending of the note, the per-organisation messages of a note that needs
   * acknowledgement included; throws while any contact could not be reached.
   */
  public int deliver(long noteId) {
    return outbox.deliver(key(noteId)) + outbox.deliverAll(key(noteId) + ":");
  }

  static String key(long noteId) {
    return "release-note:" + noteId;
  }
}
