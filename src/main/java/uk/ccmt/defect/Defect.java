package uk.ccmt.defect;

/** An item of the register (a defect, or a configuration change), as the API reads it back. */
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
    String closureReason) {

  /** An item as the register writes it: not closed. */
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
        null);
  }
}
