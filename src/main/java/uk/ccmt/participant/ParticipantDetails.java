package uk.ccmt.participant;

import java.util.List;

/**
 * GET /api/participants/{code}: the participant, contactEmails being the addresses that are mailed,
 * every contact with its state and source, and the history of its changes.
 */
public record ParticipantDetails(
    String code,
    String name,
    Category category,
    String region,
    List<String> contactEmails,
    boolean takesPart,
    List<Contact> contacts,
    List<ParticipantChange> history) {}
