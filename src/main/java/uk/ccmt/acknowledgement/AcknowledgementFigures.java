package uk.ccmt.acknowledgement;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.participant.ParticipationFigures;

/**
 * The KPI section {@code acknowledgements} of an organisation: notes it was asked to acknowledge,
 * acknowledged, by link, in Tasklist, and after ccmt.notes.acknowledge-within.
 */
@Component
class AcknowledgementFigures implements ParticipationFigures {

  private final NoteAcknowledgements acknowledgements;

  AcknowledgementFigures(NoteAcknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @Override
  public String section() {
    return "acknowledgements";
  }

  @Override
  public Map<String, Object> of(String participantCode) {
    Map<String, Object> all = acknowledgements.figuresOf(participantCode);
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String key : new String[] {"asked", "acknowledged", "byLink", "inTasklist", "late"}) {
      ordered.put(key, all.get(key));
    }
    return ordered;
  }
}
