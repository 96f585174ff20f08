package uk.ccmt.partnering;

/**
 * The partnering rules, in the words of the plan. A proposed pair names the rule that made it; a
 * broken or unmet rule is reported under the rule it breaks. The order is the order in which
 * reports list them.
 */
public enum MatchRule {
  KEEP_AGREED_PAIRS(
      "Confirmed self-arranged pairs and pairs accepted in an earlier round are kept"),
  KNOWN_ORGANISATIONS("Every paired organisation is a registered participant"),
  ONLY_PARTICIPANTS("Only organisations that take part in this phase are paired"),
  NO_DUPLICATE_PAIRS("Each pair is listed once"),
  GTS_NOT_PARTNERED("GTs are not partnered: they do not switch supply points"),
  IGTS_WITH_SHIPPERS(
      "iGTs are paired only with shippers: large suppliers, I&C organisations and challengers"),
  CHALLENGERS_SPREAD_EVENLY(
      "Challengers are spread evenly across the large suppliers: none has 2 or more challengers more than another"),
  FOUR_TO_FIVE_CHALLENGERS("Each large supplier has 4 to 5 challengers when the numbers allow"),
  I_AND_C_WITH_EACH_OTHER(
      "Each I&C organisation has another I&C organisation as a partner when 2 or more take part"),
  MINIMUM_TWO_PARTNERS("Every organisation has at least 2 partners when the population allows it");

  private final String description;

  MatchRule(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
