package uk.ccmt.defect;

/**
 * An item of the register (a defect, or a configuration change), as the API reads it back. A
 * configuration change has no severity (null) and never stops testing; its {@code buildVersion} is
 * the build or package that carries it, and it may have a description. raisedByOrganisation is the
 * code of the organisation whose user raised it (null when the programme's staff raised or imported
 * it): a participant sees only its own organisation's.
 */
public record Defect(
    String id,
    String title,
    Severity severity,
    boolean stopsTesting,
    String component,
    String raisedBy,
    DefectStatus status,
    String buildVersion,
    String releaseId,
    ItemKind kind,
    String closureReason,
    String description,
    String raisedByOrganisation) {

  /** An item as the register writes it: not closed, without a description. */
  public Defect(
      String id,
      String title,
      Severity severity,
      boolean stopsTesting,
      String component,
      String raisedBy,
      DefectStatus status,
      String buildVersion,
      String releaseId,
      ItemKind kind) {
    this(
        id,
        title,
        severity,
        stopsTesting,
        component,
        raisedBy,
        status,
        buildVersion,
        releaseId,
        kind,
        null,
        null,
        null);
  }
}
