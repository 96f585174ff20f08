package uk.ccmt.acknowledgement;

/**
 * A one-time link that cannot acknowledge: unknown (forged, malformed, or replaced by a reminder's
 * link) is a 404; used or expired is a 410. Nothing is written.
 */
class LinkRefused extends RuntimeException {

  enum Reason {
    UNKNOWN,
    USED,
    EXPIRED
  }

  private final Reason reason;

  LinkRefused(Reason reason) {
    super("acknowledgement link " + reason.name().toLowerCase(java.util.Locale.ROOT));
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
