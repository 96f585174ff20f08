package uk.ccmt.defect;

public enum Severity {
  S1,
  S2,
  S3,
  S4
}
