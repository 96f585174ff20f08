package uk.ccmt.defect;

import java.util.List;

/**
 * What happened to defects that their defectFix processes hear about. Published by {@link
 * DefectService} inside the transaction that changes the register and heard synchronously by {@link
 * DefectFixProcess}, so the register and the process commit together or not at all.
 */
final class DefectFixEvents {

  private DefectFixEvents() {}

  /** Where a defect's work starts. */
  enum StartAt {
    /** A new defect: the development team analyses it. */
    ANALYSIS,
    /** Accepted, without a fix yet (an emergency deferred before its fix). */
    DELIVERY,
    /** With a fix already (a deferred emergency's fix): it waits for its release. */
    RELEASE
  }

  /** Start a defect's defectFix, once per defect. */
  record WorkStarts(String defectId, StartAt startAt) {}

  /** A fix was given over the API ({@code POST /api/defects/{id}/fix}). */
  record FixGiven(String defectId, String buildVersion) {}

  /** These defects failed internal testing in the release: back to the development team. */
  record FailedInternalTesting(List<String> defectIds, String releaseId) {}

  /** These defects run in CCMT with their release: the raiser confirms. */
  record Released(List<String> defectIds, String releaseId) {}
}
