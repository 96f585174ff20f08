package uk.ccmt.partnering;

import java.util.Objects;
import uk.ccmt.participant.Category;
import uk.ccmt.participant.Participant;

/**
 * What partner matching needs to know of a participant. {@code region} is free text and may be
 * null: an organisation without a region simply never counts as "same region".
 */
public record Organisation(String code, Category category, String region, boolean takesPart) {

  public Organisation {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("an organisation needs a code");
    }
    Objects.requireNonNull(category, () -> "organisation " + code + " needs a category");
  }

  public static Organisation of(Participant participant) {
    return new Organisation(
        participant.code(), participant.category(), participant.region(), participant.takesPart());
  }
}
