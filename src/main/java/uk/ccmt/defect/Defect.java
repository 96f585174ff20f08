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
    ItemKind kind) {}
