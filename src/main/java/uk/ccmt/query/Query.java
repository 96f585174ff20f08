package uk.ccmt.query;

import java.time.Instant;

/**
 * One participant's query, Q-&lt;number&gt;: what the organisation asked, and the programme's
 * answer once there is one.
 *
 * @param route where the release managers last sent it: answer, development or programme (null
 *     before they first looked at it)
 */
public record Query(
    String id,
    String participantCode,
    String subject,
    String text,
    String relatesTo,
    String raisedBy,
    Instant raisedAt,
    Instant targetAt,
    String route,
    String answer,
    String answeredBy,
    Instant answeredAt,
    boolean published) {

  static final String PREFIX = "Q-";

  /** OPEN until answered, then ANSWERED. */
  public String status() {
    return answeredAt == null ? "OPEN" : "ANSWERED";
  }

  /** A published question and its answer, as the public page shows it: nobody is named. */
  public record Published(
      String id, String subject, String text, String answer, Instant answeredAt) {}

  /** What the development team or the programme said about it. */
  public record Contribution(String route, String text, String givenBy, Instant givenAt) {}
}
