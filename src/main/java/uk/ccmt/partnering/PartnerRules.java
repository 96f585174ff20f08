package uk.ccmt.partnering;

import static uk.ccmt.partnering.Population.count;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.ccmt.participant.Category;

/**
 * The partnering rules as checks, for pairs a release manager has edited by hand, and for a
 * self-arranged pair an organisation declares. {@link PartnerMatcher} reports through the same
 * checks, so a proposal and a check of it always agree.
 *
 * <p>A self pair never reaches {@link #check}: {@link Pair} refuses it when it is made, naming the
 * organisation.
 *
 * <p>About 300 lines: one method per rule of the plan, each with the wording it reports.
 */
public final class PartnerRules {

  private PartnerRules() {}

  /**
   * Every rule the pairs break, each naming the organisations concerned, in a fixed order: pairs
   * first (unknown or non-participating organisations, duplicates, GTs, iGTs with a non-shipper),
   * then each organisation (fewer than 2 partners though the population allows 2, an I&C
   * organisation without an I&C partner), then the large suppliers (challengers spread unevenly,
   * outside 4 to 5 when the numbers allow). Empty when all is well.
   */
  public static List<RuleWarning> check(List<Organisation> organisations, List<Pair> pairs) {
    return check(Population.of(organisations), pairs);
  }

  /**
   * The pair an organisation declares it arranged itself, or IllegalArgumentException saying which
   * organisation is wrong and why: unknown, not taking part, itself, a GT, or two iGTs. Codes are
   * taken as the registry writes them: trimmed and upper case.
   */
  public static Pair validateSelfArranged(
      List<Organisation> organisations, String declaringCode, String partnerCode) {
    Population population = Population.of(organisations);
    Organisation declaring = known(population, declaringCode, "declaring organisation");
    Organisation partner = known(population, partnerCode, "partner");
    if (declaring.code().equals(partner.code())) {
      throw new IllegalArgumentException(
          "partner " + partner.code() + " is the declaring organisation itself");
    }
    if (!declaring.takesPart()) {
      throw new IllegalArgumentException(
          "declaring organisation " + declaring.code() + " does not take part in this phase");
    }
    if (!partner.takesPart()) {
      throw new IllegalArgumentException(
          "partner " + partner.code() + " does not take part in this phase");
    }
    if (declaring.category() == Category.GT) {
      throw new IllegalArgumentException(
          "declaring organisation "
              + declaring.code()
              + " is a GT: GTs do not switch supply points, so they are not partnered");
    }
    if (partner.category() == Category.GT) {
      throw new IllegalArgumentException(
          "partner "
              + partner.code()
              + " is a GT: GTs do not switch supply points, so they are not partnered");
    }
    if (declaring.category() == Category.IGT && partner.category() == Category.IGT) {
      throw new IllegalArgumentException(
          "partner "
              + partner.code()
              + " is an iGT like "
              + declaring.code()
              + ": an iGT is paired with a shipper");
    }
    return new Pair(declaring.code(), partner.code());
  }

  static List<RuleWarning> check(Population population, Collection<Pair> pairs) {
    List<RuleWarning> warnings = new ArrayList<>();
    Map<Pair, Integer> times = new TreeMap<>(Population.PAIR_ORDER);
    pairs.forEach(pair -> times.merge(pair, 1, Integer::sum));
    Map<String, SortedSet<String>> partners = new TreeMap<>();
    times.forEach(
        (pair, n) -> {
          if (n > 1) {
            warnings.add(
                new RuleWarning(
                    MatchRule.NO_DUPLICATE_PAIRS,
                    List.of(pair.a(), pair.b()),
                    pair + " is listed " + n + " times"));
          }
          if (checkPair(population, pair, warnings)) {
            partners.computeIfAbsent(pair.a(), code -> new TreeSet<>()).add(pair.b());
            partners.computeIfAbsent(pair.b(), code -> new TreeSet<>()).add(pair.a());
          }
        });
    for (Organisation organisation : population.partnerable()) {
      SortedSet<String> own = partners.getOrDefault(organisation.code(), new TreeSet<>());
      checkTwoPartners(population, organisation, own, warnings);
      checkIAndCPartner(population, organisation, own, warnings);
    }
    checkChallengers(population, partners, warnings);
    return warnings;
  }

  /**
   * Adds a warning for each broken pair rule; true when the pair breaks none and so counts as a
   * partnership.
   */
  private static boolean checkPair(Population population, Pair pair, List<RuleWarning> warnings) {
    Optional<Organisation> a = population.find(pair.a());
    Optional<Organisation> b = population.find(pair.b());
    if (a.isEmpty() || b.isEmpty()) {
      for (String code : List.of(pair.a(), pair.b())) {
        if (population.find(code).isEmpty()) {
          warnings.add(
              new RuleWarning(
                  MatchRule.KNOWN_ORGANISATIONS,
                  List.of(code),
                  code + " in pair " + pair + " is not a registered participant"));
        }
      }
      return false;
    }
    boolean valid = true;
    for (Organisation[] sides :
        List.of(new Organisation[] {a.get(), b.get()}, new Organisation[] {b.get(), a.get()})) {
      Organisation self = sides[0];
      Organisation other = sides[1];
      List<String> codes = List.of(self.code(), other.code());
      if (!self.takesPart()) {
        warnings.add(
            new RuleWarning(
                MatchRule.ONLY_PARTICIPANTS,
                codes,
                self.code()
                    + " is paired with "
                    + other.code()
                    + " but does not take part in this phase"));
        valid = false;
      }
      if (self.category() == Category.GT) {
        warnings.add(
            new RuleWarning(
                MatchRule.GTS_NOT_PARTNERED,
                codes,
                self.code()
                    + " is paired with "
                    + other.code()
                    + " but is a GT: GTs do not switch supply points"));
        valid = false;
      }
      if (self.category() == Category.IGT && !Population.isShipper(other.category())) {
        warnings.add(
            new RuleWarning(
                MatchRule.IGTS_WITH_SHIPPERS,
                codes,
                self.code()
                    + " is an iGT paired with "
                    + other.code()
                    + ", which is "
                    + Population.withArticle(other.category())
                    + ", not a shipper"));
        valid = false;
      }
    }
    return valid;
  }

  private static void checkTwoPartners(
      Population population,
      Organisation organisation,
      SortedSet<String> own,
      List<RuleWarning> warnings) {
    if (own.size() >= 2 || !population.allowsTwoPartners(organisation)) {
      return;
    }
    String has = own.isEmpty() ? "has no partner" : "has only 1 partner (" + own.first() + ")";
    warnings.add(
        new RuleWarning(
            MatchRule.MINIMUM_TWO_PARTNERS,
            List.of(organisation.code()),
            organisation.code()
                + " "
                + has
                + ", though "
                + count(population.possiblePartners(organisation), "organisation")
                + " could partner it"));
  }

  private static void checkIAndCPartner(
      Population population,
      Organisation organisation,
      SortedSet<String> own,
      List<RuleWarning> warnings) {
    if (organisation.category() != Category.I_AND_C || !population.iAndCWithEachOtherApplies()) {
      return;
    }
    boolean hasIAndC =
        own.stream()
            .anyMatch(
                code ->
                    population.find(code).map(o -> o.category() == Category.I_AND_C).orElse(false));
    if (!hasIAndC) {
      warnings.add(
          new RuleWarning(
              MatchRule.I_AND_C_WITH_EACH_OTHER,
              List.of(organisation.code()),
              organisation.code()
                  + " has no I&C partner, though "
                  + population.count(Category.I_AND_C)
                  + " I&C organisations take part"));
    }
  }

  private static void checkChallengers(
      Population population, Map<String, SortedSet<String>> partners, List<RuleWarning> warnings) {
    Map<String, Integer> challengers = challengerCounts(population, partners);
    if (population.spreadApplies()) {
      // The map is in code order, so ties name the first large supplier by code.
      String most = null;
      String fewest = null;
      for (Map.Entry<String, Integer> entry : challengers.entrySet()) {
        if (most == null || entry.getValue() > challengers.get(most)) {
          most = entry.getKey();
        }
        if (fewest == null || entry.getValue() < challengers.get(fewest)) {
          fewest = entry.getKey();
        }
      }
      if (challengers.get(most) - challengers.get(fewest) >= 2) {
        warnings.add(
            new RuleWarning(
                MatchRule.CHALLENGERS_SPREAD_EVENLY,
                List.of(most, fewest),
                most
                    + " has "
                    + count(challengers.get(most), "challenger")
                    + " and "
                    + fewest
                    + " has "
                    + challengers.get(fewest)
                    + ": no large supplier should have 2 or more challengers more than another"));
      }
    }
    if (population.fourToFiveApplies()) {
      challengers.forEach(
          (code, n) -> {
            if (n < 4 || n > 5) {
              warnings.add(
                  new RuleWarning(
                      MatchRule.FOUR_TO_FIVE_CHALLENGERS,
                      List.of(code),
                      code
                          + " has "
                          + count(n, "challenger")
                          + ", not 4 to 5, though "
                          + count(population.count(Category.CHALLENGER), "challenger")
                          + " take part for "
                          + count(population.count(Category.LARGE_SUPPLIER), "large supplier")));
            }
          });
    }
  }

  /** Large supplier code to how many challengers it is paired with, in code order. */
  static Map<String, Integer> challengerCounts(
      Population population, Map<String, SortedSet<String>> partners) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Organisation largeSupplier : population.partnerable(Category.LARGE_SUPPLIER)) {
      counts.put(
          largeSupplier.code(),
          (int)
              partners.getOrDefault(largeSupplier.code(), new TreeSet<>()).stream()
                  .filter(
                      code ->
                          population
                              .find(code)
                              .map(o -> o.category() == Category.CHALLENGER)
                              .orElse(false))
                  .count());
    }
    return counts;
  }

  private static Organisation known(Population population, String code, String role) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException(role + " is required");
    }
    String normalised = code.strip().toUpperCase(Locale.ROOT);
    return population
        .find(normalised)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    role + " " + normalised + " is not a registered participant"));
  }
}
