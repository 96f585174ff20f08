package uk.ccmt.defect;

/** What a release item is: a defect fix, or a configuration change that is not a defect. */
public enum ItemKind {
  DEFECT,
  CONFIGURATION
}
