package uk.ccmt.release;

import java.time.Instant;

/** One build a release took: the build it replaced (none for its first) and why. */
public record BuildChange(String buildVersion, String replaces, String reason, Instant at) {}
