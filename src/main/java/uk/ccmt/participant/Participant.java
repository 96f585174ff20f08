package uk.ccmt.participant;

import java.util.List;

/**
 * An organisation taking part in market trials, and the contacts that receive the programme's
 * email: contactEmails holds its confirmed addresses only, none bounced (every contact with its
 * state and source is in {@link ParticipantDetails}).
 */
public record Participant(
    String code,
    String name,
    Category category,
    String region,
    List<String> contactEmails,
    boolean takesPart) {}
