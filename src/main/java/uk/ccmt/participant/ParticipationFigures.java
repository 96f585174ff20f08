package uk.ccmt.participant;

import java.util.Map;

/**
 * One section of an organisation's participation KPIs (GET /api/participants/{code}/kpis). Each
 * area that asks something of organisations (information requests, document reviews, release note
 * acknowledgements, queries) offers its figures as a bean, so the KPIs depend on none of them.
 */
public interface ParticipationFigures {

  /** The section's name in the KPIs, such as {@code reviews}: a JSON key. */
  String section();

  /**
   * The organisation's figures, in the order to show them: JSON keys to numbers, or null where a
   * figure has no value yet (a median of no answers).
   */
  Map<String, Object> of(String participantCode);
}
