package uk.ccmt.participant;

import org.springframework.stereotype.Component;
import uk.ccmt.notification.BouncedAddresses;

/** The outbox's bounces reach the registry: the address is set aside, with history. */
@Component
class ContactBounces implements BouncedAddresses {

  private final ParticipantService participants;

  ContactBounces(ParticipantService participants) {
    this.participants = participants;
  }

  @Override
  public void bounced(String address, String reason) {
    participants.bounced(address, reason);
  }
}
