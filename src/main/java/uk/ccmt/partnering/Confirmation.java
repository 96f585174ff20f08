package uk.ccmt.partnering;

/**
 * One organisation's confirmation of one pair, as the multi-instance confirmPartnership task
 * iterates them: "&lt;pair id&gt;:&lt;participant code&gt;". Small and readable in Cockpit.
 */
final class Confirmation {

  private Confirmation() {}

  static String of(long pairId, String participantCode) {
    return pairId + ":" + participantCode;
  }

  static long pairOf(String confirmation) {
    return Long.parseLong(confirmation.substring(0, confirmation.indexOf(':')));
  }

  static String organisationOf(String confirmation) {
    return confirmation.substring(confirmation.indexOf(':') + 1);
  }
}
