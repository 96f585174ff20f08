package uk.ccmt.partnering;

import java.util.List;

/**
 * The proposed pairs, sorted by code; every rule they do not meet, with its reason; and the
 * organisations left out on purpose (GTs, organisations not taking part), with theirs.
 */
public record Proposal(
    List<ProposedPair> pairs, List<UnmetRule> unmet, List<NotPartnered> notPartnered) {

  public Proposal {
    pairs = List.copyOf(pairs);
    unmet = List.copyOf(unmet);
    notPartnered = List.copyOf(notPartnered);
  }

  /** The pairs alone, as {@link PartnerRules#check} and the next round's kept pairs take them. */
  public List<Pair> asPairs() {
    return pairs.stream().map(ProposedPair::pair).toList();
  }
}
