package uk.ccmt.partnering;

import java.time.Instant;
import java.util.List;

/** The partner pairs of the latest published round, as the CCMT web page lists them. */
public record PublishedSchedule(String roundId, Instant publishedAt, List<Partners> pairs) {

  public record Partners(String a, String aName, String b, String bName) {}
}
