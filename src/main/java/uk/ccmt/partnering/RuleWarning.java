package uk.ccmt.partnering;

import java.util.List;

/** A rule that a list of pairs breaks, the organisations it concerns, and a sentence saying how. */
public record RuleWarning(MatchRule rule, List<String> organisations, String message) {

  public RuleWarning {
    organisations = List.copyOf(organisations);
  }
}
