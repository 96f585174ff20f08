package uk.ccmt.release;

/**
 * Why a release ended without going live: a regular release that was cancelled, or an emergency
 * that was withdrawn. The description completes "The release is cancelled because …" and is what
 * participants read in the note and on the page.
 */
public enum CancellationReason {
  EVERY_DEFECT_LEFT_OUT_AT_REVIEW("every defect was left out at the release review"),
  EVERY_DEFECT_FAILED_INTERNAL_TESTING("every defect failed internal testing"),
  CONTENTS_NOT_CONFIRMED("the release managers did not confirm its contents"),
  ROUTE_TO_LIVE_VIOLATED("the route to live was violated"),
  STAKEHOLDERS_DID_NOT_AGREE("the stakeholders did not agree to the deployment");

  private final String description;

  CancellationReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
