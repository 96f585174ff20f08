package uk.ccmt.partnering;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * ccmt.partnering.confirmation-time ({@link PartneringProperties}): how long organisations have to
 * confirm their partners before the release managers chase them. Read by the partnering model's
 * timer, as an ISO-8601 duration.
 */
@Component("partneringSettings")
public class PartneringSettings {

  private final Duration confirmationTime;

  PartneringSettings(PartneringProperties properties) {
    this.confirmationTime = properties.confirmationTime();
  }

  public String confirmationTime() {
    return confirmationTime.toString();
  }
}
