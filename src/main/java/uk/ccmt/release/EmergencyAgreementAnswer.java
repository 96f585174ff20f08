package uk.ccmt.release;

import java.time.Instant;

/**
 * One organisation's answer in one round of stakeholder agreement.
 *
 * @param answer null while the question is open
 * @param comment the organisation's comment; its reason when it objects
 */
record EmergencyAgreementAnswer(
    String releaseId,
    int round,
    String participantCode,
    String participantName,
    String processInstanceId,
    Answer answer,
    String comment,
    String answeredBy,
    Instant answeredAt) {

  enum Answer {
    AGREED,
    OBJECTED,
    NO_ANSWER
  }
}
