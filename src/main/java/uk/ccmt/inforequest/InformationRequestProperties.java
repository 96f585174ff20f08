package uk.ccmt.inforequest;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ccmt.information-requests.*: when reminders go out, when a due date given as a day falls due,
 * and how many organisations one step of a campaign opens requests for.
 */
@ConfigurationProperties("ccmt.information-requests")
record InformationRequestProperties(
    @DefaultValue("P2D") Duration reminderBefore,
    @DefaultValue("17:00") LocalTime dueTime,
    @DefaultValue("20") int organisationsPerStep) {

  InformationRequestProperties {
    if (reminderBefore.isNegative() || reminderBefore.isZero()) {
      throw new IllegalArgumentException("ccmt.information-requests.reminder-before must be positive");
    }
    if (organisationsPerStep < 1) {
      throw new IllegalArgumentException("ccmt.information-requests.organisations-per-step must be at least 1");
    }
  }
}
