package uk.ccmt.defect;

/**
 * An S1 defect that stops testing was raised through the register. Published inside the raising
 * transaction and heard synchronously, so a listener that fails (the emergency release refused to
 * start) rolls the defect back with it.
 */
public record S1DefectRaised(String defectId) {}
