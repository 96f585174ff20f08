package uk.ccmt.partnering;

/**
 * A pair of the proposal, with the rule that made it and a sentence saying why these two. {@code a
 * < b}.
 */
public record ProposedPair(String a, String b, MatchRule rule, String reason) {

  public ProposedPair {
    Pair normalised = new Pair(a, b);
    a = normalised.a();
    b = normalised.b();
  }

  public Pair pair() {
    return new Pair(a, b);
  }
}
