package uk.ccmt.inforequest;

/**
 * Variable names of informationRequestCampaign and informationRequest, in one place. No id is kept
 * in a variable: an organisation's user can overwrite its request's variables, so the code goes by
 * business key (IR-3, and IR-3/NLE/SFTP_INFORMATION for one request).
 */
final class InformationRequestVariables {

  /**
   * The one start variable of informationRequest, for its task's candidate group. The type, form
   * and deadlines are read from the request by business key (InformationRequestModel).
   */
  static final String PARTICIPANT_CODE = "participantCode";

  /** Camunda's, of the campaign's opening steps: the step's group, and how many groups. */
  static final String LOOP_COUNTER = "loopCounter";

  static final String NUMBER_OF_GROUPS = "nrOfInstances";

  static final String ALL_REQUESTS_ANSWERED = "allRequestsAnswered";

  /** Task-local, for the form to show: the organisation's name and the due date in words. */
  static final String PARTICIPANT_NAME = "participantName";

  static final String DUE_TEXT = "dueText";

  /** Task-local on the chase, for its form: what the organisation was asked for, in words. */
  static final String REQUEST_TYPE = "requestType";

  private InformationRequestVariables() {}
}
