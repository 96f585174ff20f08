package uk.ccmt.participant;

/**
 * The categories the partnering rules of the plan speak of. LARGE_SUPPLIER is the plan's "Big 6".
 */
public enum Category {
  LARGE_SUPPLIER,
  I_AND_C,
  CHALLENGER,
  IGT,
  GT
}
