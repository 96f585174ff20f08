package uk.ccmt.inforequest;

import java.time.Instant;

/** One request: one kind of information from one organisation, in one campaign. */
record InformationRequest(
    long id,
    long campaignNumber,
    String participantCode,
    RequestType type,
    boolean received,
    Instant dueAt,
    Instant openedAt,
    Instant remindedAt,
    Instant escalatedAt,
    Instant answeredAt,
    String answeredBy) {

  String campaignId() {
    return InformationCampaign.id(campaignNumber);
  }

  /** The business key of its informationRequest process, such as IR-3/NLE/SFTP_INFORMATION. */
  String businessKey() {
    return campaignId() + "/" + participantCode + "/" + type.name();
  }

  RequestState state(Instant now) {
    if (received) {
      return RequestState.RECEIVED;
    }
    return now.isBefore(dueAt) ? RequestState.OUTSTANDING : RequestState.OVERDUE;
  }
}
