package uk.ccmt.defect;

/** A defect of the register, as the API reads it back. */
public record Defect(
    String id,
    String title,
    Severity severity,
    boolean stopsTesting,
    String component,
    String raisedBy,
    DefectStatus status,
    String buildVersion,
    String releaseId) {}
