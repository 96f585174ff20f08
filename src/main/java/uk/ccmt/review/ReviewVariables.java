package uk.ccmt.review;

/** The names of documentReview's and documentReviewRequest's variables, in one place. */
final class ReviewVariables {

  static final String REVIEW_PROCESS = "documentReview";
  static final String REQUEST_PROCESS = "documentReviewRequest";
  static final String EVERY_ANSWER_MESSAGE = "documentReviewAnswered";

  /** Start variable of documentReviewRequest: the organisation asked (and its tenant). */
  static final String PARTICIPANT_CODE = "participantCode";

  static final String NO_COMMENTS = "noComments";
  static final String COMMENTS = "comments";
  static final String RESPONSES = "responses";
  static final String COMMENT = "comment";
  static final String EVERY_ORGANISATION_ANSWERED = "everyOrganisationAnswered";

  /** Task-local, shown read-only by the forms. */
  static final String REVIEW_ID = "reviewId";

  static final String DOCUMENT = "reviewDocumentLink";
  static final String DEADLINE = "reviewDeadline";
  static final String PARTICIPANT_NAME = "participantName";
  static final String REVIEW_COMMENTS = "reviewComments";
  static final String REVIEW_TALLY = "reviewTally";

  /** The multi-instance step's index and count. */
  static final String LOOP_COUNTER = "loopCounter";

  static final String NUMBER_OF_GROUPS = "nrOfInstances";

  private ReviewVariables() {}
}
