package uk.ccmt.inforequest;

/**
 * Variable names of informationRequestCampaign and informationRequest, in one place. The ids are
 * there for operators reading an instance in Cockpit; the code never trusts them, as an
 * organisation's user can overwrite them (it goes by business key).
 */
final class InformationRequestVariables {

  static final String CAMPAIGN_ID = "campaignId";
  static final String REQUEST_ID = "requestId";
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

  private InformationRequestVariables() {
  }
}
