package uk.ccmt.participant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * ccmt.participants.import.*: the largest participant list one CSV import takes, in rows and in
 * bytes. A programme has hundreds of organisations, a thousand at most; anything far beyond is a
 * mistake or an attack, refused before it is read into memory or written.
 */
@ConfigurationProperties("ccmt.participants.import")
record ParticipantImportProperties(
    @DefaultValue("5000") int maxRows,
    @DefaultValue("2MB") DataSize maxSize) {

  ParticipantImportProperties {
    if (maxRows < 1) {
      throw new IllegalArgumentException("ccmt.participants.import.max-rows must be at least 1");
    }
    if (maxSize.toBytes() < 1) {
      throw new IllegalArgumentException("ccmt.participants.import.max-size must be positive");
    }
  }
}
