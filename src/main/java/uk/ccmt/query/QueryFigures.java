package uk.ccmt.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.participant.ParticipationFigures;

/**
 * The "queries" section of an organisation's KPIs: how many it raised, were answered, published.
 */
@Component
class QueryFigures implements ParticipationFigures {

  private final Queries queries;

  QueryFigures(Queries queries) {
    this.queries = queries;
  }

  @Override
  public String section() {
    return "queries";
  }

  @Override
  public Map<String, Object> of(String participantCode) {
    long[] figures = queries.figures(participantCode);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("raised", figures[0]);
    section.put("answered", figures[1]);
    section.put("published", figures[2]);
    return section;
  }
}
