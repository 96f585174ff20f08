package uk.ccmt.participant;

import java.time.Instant;

/** A contact address the mail server refused for good, for the release managers to replace. */
public record BouncedContact(
    String participantCode,
    String participantName,
    String email,
    Instant bouncedAt,
    String reason) {}
