package uk.ccmt.inforequest;

import java.time.Instant;
import java.util.List;

/** One round of asking participants for information, known to people as IR-&lt;number&gt;. */
record InformationCampaign(
    long number, List<RequestType> types, Instant dueAt, String startedBy, Instant createdAt) {

  static final String PREFIX = "IR-";

  String id() {
    return PREFIX + number;
  }

  static String id(long number) {
    return PREFIX + number;
  }
}
