package uk.ccmt.release;

import java.time.Instant;

/**
 * One time the stakeholders of an emergency release were asked whether they agree to deploy at the
 * agreed time: every organisation taking part then, each with the same deadline.
 *
 * @param organisations how many organisations were asked
 * @param closedAt when the round was closed (every answer in, the window passed, or the release
 *     ended), or null while it is open
 */
record EmergencyAgreementRound(
    String releaseId,
    int round,
    Instant deploymentTime,
    Instant askedAt,
    Instant dueAt,
    int organisations,
    Instant closedAt) {}
