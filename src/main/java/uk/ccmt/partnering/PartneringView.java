package uk.ccmt.partnering;

import java.time.Instant;
import java.util.List;

/** GET /api/partnering/{id}: the round's pairs and their state, and what could not be met. */
record PartneringView(
    String id,
    String state,
    int matchingRound,
    List<PairView> pairs,
    List<String> unmet,
    String decision,
    Instant publishedAt) {

  record PairView(
      String a, String b, String reason, String state, int matchingRound, String rejectionReason) {}
}
