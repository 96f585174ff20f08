package uk.ccmt.participant;

import java.time.Instant;

/**
 * One change of a participant in its history: the field (name, category, region, contacts,
 * takesPart, or contactState for a bounce), its value before and after, the source of the change
 * (import, patch, IR-&lt;n&gt;, bounce), who made it and when. Contacts are written as their
 * addresses in order, separated by "; ".
 */
public record ParticipantChange(
    String field, String from, String to, String source, String user, Instant at) {}
