package uk.ccmt.note;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the organisations taking part to acknowledge a note, when its kind needs acknowledgement
 * (issue 16, ccmt.notes.acknowledge). Implemented by the acknowledgement package, so the notes
 * depend on none of it: called in the transaction that queues the note's email, it answers each
 * organisation's one-time link, which goes into that organisation's email only.
 */
public interface NoteAcknowledgementRequests {

  /**
   * The one-time acknowledgement link of each organisation asked, by organisation code; empty when
   * the note needs no acknowledgement, and then it is emailed as every other note is. Asking again
   * about a note already asked gives no links: its emails are queued already.
   */
  Optional<Map<String, URI>> ask(ReleaseNote note);
}
