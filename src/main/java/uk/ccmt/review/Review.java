package uk.ccmt.review;

import java.time.Instant;

/**
 * One industry review of a document, known to people as DR-&lt;number&gt;.
 *
 * @param documentUrl the link to the document, or null when it was uploaded
 * @param organisations how many organisations were asked
 */
record Review(
    long number,
    String title,
    String version,
    String documentUrl,
    Instant dueAt,
    int organisations,
    State state,
    String startedBy,
    Instant createdAt,
    Instant closedAt,
    Instant publishedAt) {

  static final String PREFIX = "DR-";

  String id() {
    return PREFIX + number;
  }

  /** OPEN for comments, CONSOLIDATING once closed, PUBLISHED with its responses. */
  enum State {
    OPEN,
    CONSOLIDATING,
    PUBLISHED
  }

  /**
   * One organisation asked. answer is NO_COMMENTS, COMMENTS or NO_ANSWER, null while it is open.
   */
  record Request(
      String participantCode,
      String participantName,
      String processInstanceId,
      Instant openedAt,
      Instant remindedAt,
      String answer,
      String answeredBy,
      Instant answeredAt) {}

  /** One comment of an organisation, with the release managers' response once they gave one. */
  record Comment(
      int number,
      String participantCode,
      String participantName,
      String reference,
      String text,
      String response,
      String responseReason,
      String respondedBy,
      Instant respondedAt) {}

  /** The uploaded document. */
  record Document(String fileName, String contentType, long size, byte[] content) {}
}
