package uk.ccmt.partnering;

/** An organisation deliberately left without partners, and why. An explanation, not a failure. */
public record NotPartnered(String participant, String reason) {}
