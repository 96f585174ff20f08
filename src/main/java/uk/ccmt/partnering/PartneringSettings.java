package uk.ccmt.partnering;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * ccmt.partnering.confirmation-time: how long organisations have to confirm their partners before
 * the release managers chase them. Read by the partnering model's timer, as an ISO-8601 duration.
 */
@Component("partneringSettings")
public class PartneringSettings {

  private final Duration confirmationTime;

  PartneringSettings(@Value("${ccmt.partnering.confirmation-time:P5D}") Duration confirmationTime) {
    if (confirmationTime.isNegative() || confirmationTime.isZero()) {
      throw new IllegalArgumentException("ccmt.partnering.confirmation-time must be positive");
    }
    this.confirmationTime = confirmationTime;
  }

  public String confirmationTime() {
    return confirmationTime.toString();
  }
}
