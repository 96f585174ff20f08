package uk.ccmt.inforequest;

/**
 * Variable names of informationRequestCampaign and informationRequest, in one place. No id is kept
 * in a variable: an organisation's user can overwrite its request's variables, so the code goes by
 * business key (IR-3, and IR-3/NLE/SFTP_INFORMATION for one request).
 */
final class InformationRequestVariables {

  static final String PARTICIPANT_CODE = "participantCode";
  static final String REQUEST_TYPE = "requestType";

  /** The Camunda Form of provideInformation: information-request-&lt;type&gt;. */
  static final String REQUEST_FORM = "requestForm";

  static final String DUE_DATE = "dueDate";
  static final String REMINDER_DATE = "reminderDate";
  static final String ALL_REQUESTS_OPEN = "allRequestsOpen";
  static final String ALL_REQUESTS_ANSWERED = "allRequestsAnswered";

  /** Task-local, for the form to show: the organisation's name and the due date in words. */
  static final String PARTICIPANT_NAME = "participantName";

  static final String DUE_TEXT = "dueText";

  private InformationRequestVariables() {}
}
