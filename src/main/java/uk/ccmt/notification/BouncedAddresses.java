package uk.ccmt.notification;

/**
 * Told of every address the mail server refused for good, in the transaction that marks the outbox
 * row BOUNCED, so the registry sets the address aside with it (uk.ccmt.participant implements this;
 * the outbox depends on no registry).
 */
public interface BouncedAddresses {

  /** The address was refused for good; reason is the server's answer. */
  void bounced(String address, String reason);
}
