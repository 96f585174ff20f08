package uk.ccmt.acknowledgement;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** One line per note of a release that needed acknowledgement, for the staff release page. */
@Component
public class AcknowledgementStatus {

  private final NoteAcknowledgements acknowledgements;

  AcknowledgementStatus(NoteAcknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  /** Such as "Final release note R-2026-W49: 2 of 3 acknowledged (1 late); not yet: SSE". */
  public List<String> linesOf(String releaseId) {
    if (!acknowledgements.anyRoundOf(releaseId)) {
      return List.of();
    }
    return acknowledgements.view(releaseId).stream()
        .map(
            note ->
                note.title()
                    + ": "
                    + note.acknowledged()
                    + " of "
                    + note.asked()
                    + " acknowledged"
                    + (note.late() > 0 ? " (" + note.late() + " late)" : "")
                    + (note.notAcknowledged().isEmpty()
                        ? ""
                        : "; not yet: "
                            + note.notAcknowledged().stream()
                                .limit(50)
                                .collect(Collectors.joining(", "))
                            + (note.notAcknowledged().size() > 50 ? ", …" : ""))
                    + (note.chasedAt() != null ? "; chased" : ""))
        .toList();
  }
}
