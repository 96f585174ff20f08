package uk.ccmt.partnering;

/**
 * A rule the proposal does not meet, and why, in plain English. {@code participant} is the
 * organisation it concerns, or null when it concerns the whole phase (such as too few challengers
 * for 4 to 5 each).
 */
public record UnmetRule(MatchRule rule, String participant, String reason) {}
