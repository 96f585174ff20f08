package uk.ccmt.partnering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One round of partner matching. {@code keptPairs} are confirmed self-arranged pairs and pairs
 * accepted in an earlier round: they are always kept. {@code forbiddenPairs} were rejected in an
 * earlier round and are never proposed again. The order of every list is irrelevant to the result.
 *
 * <p>Refused with IllegalArgumentException: an organisation code given twice, a pair naming an
 * organisation that is not in {@code organisations}, a pair both kept and forbidden.
 */
public record PartneringInput(
    List<Organisation> organisations, List<Pair> keptPairs, List<Pair> forbiddenPairs) {

  public PartneringInput {
    organisations = List.copyOf(Objects.requireNonNull(organisations, "organisations"));
    keptPairs = List.copyOf(Objects.requireNonNull(keptPairs, "keptPairs"));
    forbiddenPairs = List.copyOf(Objects.requireNonNull(forbiddenPairs, "forbiddenPairs"));
    Population population = Population.of(organisations);
    requireKnown(population, keptPairs, "kept");
    requireKnown(population, forbiddenPairs, "rejected");
    Set<Pair> kept = new HashSet<>(keptPairs);
    List<Pair> both =
        new ArrayList<>(forbiddenPairs.stream().filter(kept::contains).distinct().toList());
    both.sort(Population.PAIR_ORDER);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "pair " + both.get(0) + " is both kept and rejected: it can only be one");
    }
  }

  /** The first round of a phase: nothing agreed yet, nothing rejected yet. */
  public static PartneringInput firstRound(List<Organisation> organisations) {
    return new PartneringInput(organisations, List.of(), List.of());
  }

  private static void requireKnown(Population population, List<Pair> pairs, String kind) {
    pairs.stream()
        .sorted(Population.PAIR_ORDER)
        .forEach(
            pair -> {
              for (String code : List.of(pair.a(), pair.b())) {
                if (population.find(code).isEmpty()) {
                  throw new IllegalArgumentException(
                      kind
                          + " pair "
                          + pair
                          + " names "
                          + code
                          + ", which is not among the organisations");
                }
              }
            });
  }
}
