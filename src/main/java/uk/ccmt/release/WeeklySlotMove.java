package uk.ccmt.release;

import java.time.Instant;

/**
 * A weekly release's deployment slot moved from one moment to another, and why: a release manager's
 * move (movedBy names them) or a freeze of the live test environment (movedBy is null).
 */
public record WeeklySlotMove(
    String releaseId, Instant from, Instant to, String reason, String movedBy, Instant movedAt) {}
