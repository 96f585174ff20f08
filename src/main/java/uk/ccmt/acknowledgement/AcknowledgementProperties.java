package uk.ccmt.acknowledgement;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import uk.ccmt.note.NoteKind;

/**
 * ccmt.notes.* of acknowledgement (issue 16).
 *
 * @param acknowledge which notes each organisation taking part must acknowledge: none, emergency
 *     (emergency notes only, the default) or all (final and emergency notes)
 * @param acknowledgeWithin how long the organisations have before those that have not acknowledged
 *     are chased; an acknowledgement after it still counts, as late
 * @param acknowledgeLinkValidFor how long the one-time link in the email works
 */
@Validated
@ConfigurationProperties("ccmt.notes")
record AcknowledgementProperties(
    @DefaultValue("emergency") @NotNull Acknowledge acknowledge,
    @DefaultValue("P2D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration acknowledgeWithin,
    @DefaultValue("P14D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration acknowledgeLinkValidFor) {

  enum Acknowledge {
    NONE,
    EMERGENCY,
    ALL
  }

  /** Whether a note of this kind needs acknowledgement. */
  boolean requires(NoteKind kind) {
    return switch (acknowledge) {
      case NONE -> false;
      case EMERGENCY -> kind == NoteKind.EMERGENCY;
      case ALL -> kind == NoteKind.EMERGENCY || kind == NoteKind.FINAL;
    };
  }
}
