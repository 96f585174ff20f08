package uk.ccmt.query;

/** The variables of participantQuery (bpmn/participant-query.bpmn), in one place. */
final class QueryVariables {

  /** The query's id, Q-&lt;number&gt;, also the instance's business key. */
  static final String QUERY_ID = "queryId";

  /** The organisation that raised it; the instance is in its tenant. */
  static final String PARTICIPANT_CODE = "participantCode";

  static final String QUERY_SUBJECT = "querySubject";

  /** The target time to answer, answerQuery's due date. */
  static final String QUERY_DUE_AT = "queryDueAt";

  /** When the release managers are reminded, ahead of the target time. */
  static final String QUERY_REMINDER_AT = "queryReminderAt";

  /** answerQuery: answer, development or programme; answer when not given. */
  static final String ROUTE = "route";

  /** answerQuery: the answer to the organisation. */
  static final String ANSWER = "answer";

  /** answerQuery: whether to publish the question and answer on /releases. */
  static final String PUBLISH = "publish";

  /** The candidate group of contributeToQuery. */
  static final String CONTRIBUTOR_GROUP = "contributorGroup";

  /** contributeToQuery: what the development team or the programme says. */
  static final String CONTRIBUTION = "contribution";

  private QueryVariables() {}
}
