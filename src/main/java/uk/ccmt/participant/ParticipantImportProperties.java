package uk.ccmt.participant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.participants.import.*: the largest participant list one CSV import takes, in rows and in
 * bytes. A programme has hundreds of organisations, a thousand at most; anything far beyond is a
 * mistake or an attack, refused before it is read into memory or written.
 *
 * @param maxRows the most rows one import takes
 * @param maxSize the largest file one import takes
 */
@Validated
@ConfigurationProperties("ccmt.participants.import")
record ParticipantImportProperties(
    @DefaultValue("5000") @Positive int maxRows, @DefaultValue("2MB") @NotNull DataSize maxSize) {

  /** Bean Validation has no constraint for a {@link DataSize}; this one reads as max-size's. */
  @AssertTrue(message = "max-size must be positive")
  boolean isMaxSizePositive() {
    return maxSize == null || maxSize.toBytes() > 0;
  }
}
