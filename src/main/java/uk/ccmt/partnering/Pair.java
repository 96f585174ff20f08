package uk.ccmt.partnering;

/**
 * Two organisations that test switching with each other. A pair has no direction, so it is stored
 * with the smaller code first: {@code new Pair("B", "A")} equals {@code new Pair("A", "B")}, and
 * duplicates are easy to see.
 */
public record Pair(String a, String b) {

  public Pair {
    if (a == null || a.isBlank() || b == null || b.isBlank()) {
      throw new IllegalArgumentException(
          "a pair needs two organisation codes, got " + a + " and " + b);
    }
    if (a.equals(b)) {
      throw new IllegalArgumentException(a + " cannot be paired with itself");
    }
    if (a.compareTo(b) > 0) {
      String first = b;
      b = a;
      a = first;
    }
  }

  public boolean involves(String code) {
    return a.equals(code) || b.equals(code);
  }

  /** The other organisation of the pair; {@code code} must be one of the two. */
  public String partnerOf(String code) {
    if (a.equals(code)) {
      return b;
    }
    if (b.equals(code)) {
      return a;
    }
    throw new IllegalArgumentException(code + " is not in the pair " + this);
  }

  /** "A–B", as messages show a pair. */
  @Override
  public String toString() {
    return a + "–" + b;
  }
}
