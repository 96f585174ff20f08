package uk.ccmt.participant;

import java.time.Instant;

/**
 * One contact address of an organisation and where it came from: the source (import, registration,
 * patch, IR-&lt;n&gt; for a contact-details answer), who gave or confirmed it and when. Only
 * CONFIRMED addresses are mailed.
 */
public record Contact(
    String email,
    State state,
    String source,
    String confirmedBy,
    Instant confirmedAt,
    Instant bouncedAt,
    String bounceReason) {

  public enum State {
    /** Given by one of the registry's sources: mailed. */
    CONFIRMED,
    /** Refused for good by the mail server: set aside, not mailed, until given again. */
    BOUNCED
  }
}
