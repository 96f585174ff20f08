package uk.ccmt.partnering;

import static uk.ccmt.partnering.Population.count;
import static uk.ccmt.partnering.Population.join;
import static uk.ccmt.partnering.Population.sameRegion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.ccmt.participant.Category;

/**
 * Proposes switching partners for a phase by <b>deterministic greedy least-loaded matching</b>,
 * with round-robin balancing of challengers across the large suppliers:
 *
 * <ol>
 *   <li><b>Keep</b> every agreed pair. One that has become impossible (a partner stopped taking
 *       part, or is a GT, or both are iGTs) is left out and reported.
 *   <li><b>Spread challengers</b>: each challenger without a large supplier goes to the allowed
 *       large supplier with the fewest challengers so far (ties: same region, then code).
 *       Challengers with the fewest allowed large suppliers go first. Like dealing cards, this
 *       keeps every two large suppliers within 1 challenger of each other, so each gets 4 to 5
 *       whenever there are 4 to 5 challengers per large supplier.
 *   <li><b>I&C with I&C</b>: each I&C organisation without an I&C partner gets the other I&C with
 *       the fewest partners, preferring one that has no I&C partner yet.
 *   <li><b>Top up to 2</b>: iGTs, then I&C, challengers and large suppliers, each in code order,
 *       receive partners until they have 2. The candidate is the first by: preferred kind of
 *       partner, least loaded (fewest partners; for a challenger choosing a large supplier, fewest
 *       challengers), same region, code. Preferred kinds keep the spread intact: a challenger's
 *       next partner is a challenger or an I&C, then an iGT, and a large supplier only as the last
 *       resort; I&C pair with I&C and large suppliers first; a large supplier takes an I&C, then
 *       another large supplier or an iGT, and a challenger last; an iGT takes any shipper. A large
 *       supplier-challenger pair that would unbalance the spread is taken only when nothing else is
 *       left.
 *   <li><b>Report</b>: the result is checked by {@link PartnerRules}; each rule it breaks is
 *       explained (rejected or kept pairs of earlier rounds), and so is each rule the numbers alone
 *       rule out ("only 1 I&C organisation takes part").
 * </ol>
 *
 * <p>Why greedy, not an optimiser (min-cost flow, integer programming): the rules are lower bounds
 * and one balance, with no upper limit on partners, so this greedy meets all of them whenever the
 * population allows and no earlier round constrains it (the property tests hold it to that). Each
 * pair is explained by one sentence ("the large supplier with the fewest challengers"), which an
 * optimiser's answer is not, and the same input in any order gives the same pairs: everything is
 * sorted by code, nothing depends on hash order or randomness. Least loaded first makes one new
 * pair serve two organisations that both still need a partner. The same region is only a tie-break,
 * so it never costs a rule or the balance of load.
 *
 * <p>When two rules collide, 2 partners for an organisation win over the spread of challengers:
 * being able to test at all matters more than an even share, and the proposal says which spread it
 * broke and why.
 *
 * <p>GTs do not hold supply points to switch, so they are never partnered; like organisations that
 * do not take part in the phase, they are listed as not partnered with that reason, which is an
 * explanation, not a failure.
 *
 * <p><b>Why one class of over 300 lines:</b> the five steps above share one working state (each
 * organisation's partners so far, challengers per large supplier, which pairs were forced), and the
 * report explains the result from that same state. Split into classes, every step would hand that
 * state on or expose it, and the order of the steps, which is the algorithm, would no longer read
 * top to bottom in one place. What needs no state is already elsewhere: {@link Population} (counts,
 * labels, order) and {@link PartnerRules} (the checks). It is pure (no Spring, no database), and
 * {@code PartnerMatcherPropertiesTest} holds it to its guarantees.
 */
public final class PartnerMatcher {

  private static final String AGREED =
      "agreed before this proposal (self-arranged, or accepted in an earlier round),"
          + " so it is kept";

  private final PartneringInput input;
  private final Population population;
  // Hash maps and sets here are only looked up or reduced to a minimum, never iterated in order, so
  // hash order
  // cannot reach the result; they keep the top-up's many look-ups cheap for a phase of hundreds.
  private final Set<Pair> rejected;
  private final Map<String, SortedSet<String>> partners = new HashMap<>();
  private final Map<String, Integer> challengersOf = new HashMap<>();
  private final Map<String, Integer> keptChallengersOf = new TreeMap<>();
  private final Map<Pair, ProposedPair> proposed = new TreeMap<>(Population.PAIR_ORDER);
  private final List<UnmetRule> unmet = new ArrayList<>();
  private final List<String> withoutLargeSupplier = new ArrayList<>();
  private final List<String> forcedOntoLargeSuppliers = new ArrayList<>();

  private PartnerMatcher(PartneringInput input) {
    this.input = input;
    this.population = Population.of(input.organisations());
    this.rejected = new HashSet<>(input.forbiddenPairs());
    population.partnerable(Category.LARGE_SUPPLIER).forEach(ls -> challengersOf.put(ls.code(), 0));
  }

  public static Proposal propose(PartneringInput input) {
    return new PartnerMatcher(input).run();
  }

  private Proposal run() {
    List<NotPartnered> leftOut = leaveOut();
    keepAgreedPairs();
    spreadChallengers();
    pairIAndCWithEachOther();
    topUpToTwoPartners();
    report();
    return new Proposal(new ArrayList<>(proposed.values()), unmet, leftOut);
  }

  private List<NotPartnered> leaveOut() {
    List<NotPartnered> leftOut = new ArrayList<>();
    for (Organisation organisation : population.all()) {
      if (!organisation.takesPart()) {
        leftOut.add(
            new NotPartnered(
                organisation.code(),
                "not partnered: " + organisation.code() + " does not take part in this phase"));
      } else if (organisation.category() == Category.GT) {
        leftOut.add(
            new NotPartnered(
                organisation.code(), "not partnered: GTs do not switch supply points"));
      }
    }
    return leftOut;
  }

  private void keepAgreedPairs() {
    SortedSet<Pair> kept = new TreeSet<>(Population.PAIR_ORDER);
    kept.addAll(input.keptPairs());
    for (Pair pair : kept) {
      Organisation a = organisation(pair.a());
      Organisation b = organisation(pair.b());
      Optional<UnmetRule> impossible =
          whyImpossible(pair, a, b).or(() -> whyImpossible(pair, b, a));
      if (impossible.isPresent()) {
        unmet.add(impossible.get());
        continue;
      }
      add(a, b, MatchRule.KEEP_AGREED_PAIRS, pair + " was " + AGREED);
      largeSupplierOf(a, b).ifPresent(ls -> keptChallengersOf.merge(ls.code(), 1, Integer::sum));
    }
  }

  private static Optional<UnmetRule> whyImpossible(
      Pair pair, Organisation self, Organisation other) {
    String leftOut = "the kept pair " + pair + " is left out: ";
    if (!self.takesPart()) {
      return Optional.of(
          new UnmetRule(
              MatchRule.KEEP_AGREED_PAIRS,
              self.code(),
              leftOut + self.code() + " no longer takes part in this phase"));
    }
    if (self.category() == Category.GT) {
      return Optional.of(
          new UnmetRule(
              MatchRule.KEEP_AGREED_PAIRS,
              self.code(),
              leftOut + self.code() + " is a GT, and GTs do not switch supply points"));
    }
    if (self.category() == Category.IGT && other.category() == Category.IGT) {
      return Optional.of(
          new UnmetRule(
              MatchRule.KEEP_AGREED_PAIRS,
              self.code(),
              leftOut + "both are iGTs, and an iGT is paired with a shipper"));
    }
    return Optional.empty();
  }

  private void spreadChallengers() {
    List<Organisation> largeSuppliers = population.partnerable(Category.LARGE_SUPPLIER);
    if (largeSuppliers.isEmpty()) {
      return;
    }
    Map<String, List<Organisation>> allowed = new TreeMap<>();
    for (Organisation challenger : population.partnerable(Category.CHALLENGER)) {
      if (partnersOf(challenger).stream()
          .noneMatch(code -> category(code) == Category.LARGE_SUPPLIER)) {
        allowed.put(
            challenger.code(),
            largeSuppliers.stream().filter(ls -> !isRejected(challenger, ls)).toList());
      }
    }
    List<String> mostConstrainedFirst =
        allowed.keySet().stream()
            .sorted(
                Comparator.comparing((String code) -> allowed.get(code).size())
                    .thenComparing(code -> code))
            .toList();
    for (String code : mostConstrainedFirst) {
      Organisation challenger = organisation(code);
      Optional<Organisation> largeSupplier =
          allowed.get(code).stream()
              .min(
                  Comparator.comparing((Organisation ls) -> challengersOf.get(ls.code()))
                      .thenComparing(ls -> sameRegion(challenger, ls) ? 0 : 1)
                      .thenComparing(Organisation::code));
      if (largeSupplier.isEmpty()) {
        withoutLargeSupplier.add(code);
        continue;
      }
      Organisation ls = largeSupplier.get();
      add(
          challenger,
          ls,
          MatchRule.CHALLENGERS_SPREAD_EVENLY,
          code
              + " is a challenger and "
              + ls.code()
              + " the large supplier with the fewest challengers so far ("
              + challengersOf.get(ls.code())
              + ")"
              + regionNote(challenger, ls));
    }
  }

  private void pairIAndCWithEachOther() {
    if (!population.iAndCWithEachOtherApplies()) {
      return;
    }
    for (Organisation iAndC : population.partnerable(Category.I_AND_C)) {
      if (hasIAndCPartner(iAndC)) {
        continue;
      }
      population.partnerable(Category.I_AND_C).stream()
          .filter(other -> Population.mayPair(iAndC, other) && !isRejected(iAndC, other))
          .min(
              Comparator.comparing((Organisation other) -> hasIAndCPartner(other) ? 1 : 0)
                  .thenComparing(other -> degree(other))
                  .thenComparing(other -> sameRegion(iAndC, other) ? 0 : 1)
                  .thenComparing(Organisation::code))
          .ifPresent(
              other ->
                  add(
                      iAndC,
                      other,
                      MatchRule.I_AND_C_WITH_EACH_OTHER,
                      iAndC.code()
                          + " and "
                          + other.code()
                          + " are I&C organisations, so each tests with another I&C; "
                          + other.code()
                          + (hasIAndCPartner(other)
                              ? " had the fewest partners of the other I&C organisations ("
                              : " had no I&C partner yet and the fewest partners (")
                          + degree(other)
                          + ")"
                          + regionNote(iAndC, other)));
    }
  }

  private void topUpToTwoPartners() {
    List<Organisation> order =
        population.partnerable().stream()
            .sorted(
                Comparator.comparing((Organisation o) -> topUpOrder(o.category()))
                    .thenComparing(Organisation::code))
            .toList();
    for (Organisation organisation : order) {
      while (degree(organisation) < 2) {
        Optional<Candidate> best =
            population.partnerable().stream()
                .filter(
                    other ->
                        Population.mayPair(organisation, other)
                            && !isRejected(organisation, other)
                            && !partnersOf(organisation).contains(other.code()))
                .map(other -> candidate(organisation, other))
                .min(Candidate.ORDER);
        if (best.isEmpty()) {
          break;
        }
        addTopUp(organisation, best.get());
      }
    }
  }

  /**
   * iGTs have the narrowest choice, so they choose first; large suppliers mostly have their
   * challengers.
   */
  private static int topUpOrder(Category category) {
    return switch (category) {
      case IGT -> 0;
      case I_AND_C -> 1;
      case CHALLENGER -> 2;
      case LARGE_SUPPLIER -> 3;
      case GT -> 4;
    };
  }

  private Candidate candidate(Organisation self, Organisation other) {
    int kind = preference(self.category(), other.category());
    boolean challengerChoosingLargeSupplier =
        self.category() == Category.CHALLENGER && other.category() == Category.LARGE_SUPPLIER;
    int load = challengerChoosingLargeSupplier ? challengersOf.get(other.code()) : degree(other);
    boolean unbalancing =
        largeSupplierOf(self, other).map(ls -> !spreadAllowsOneMore(ls.code())).orElse(false);
    return new Candidate(other, kind, unbalancing, load, sameRegion(self, other));
  }

  /** 0 is the most preferred kind of partner; see the class comment. */
  private static int preference(Category self, Category other) {
    return switch (self) {
      case IGT, GT -> 0;
      case I_AND_C -> other == Category.I_AND_C || other == Category.LARGE_SUPPLIER ? 0 : 1;
      case CHALLENGER ->
          switch (other) {
            case CHALLENGER, I_AND_C -> 0;
            case IGT -> 1;
            default -> 2;
          };
      case LARGE_SUPPLIER ->
          switch (other) {
            case I_AND_C -> 0;
            case LARGE_SUPPLIER, IGT -> 1;
            default -> 2;
          };
    };
  }

  private static String preferredKinds(Category self, int preference) {
    return switch (self) {
      case IGT, GT -> "shippers";
      case I_AND_C ->
          preference == 0 ? "I&C organisations and large suppliers" : "challengers and iGTs";
      case CHALLENGER ->
          List.of("challengers and I&C organisations", "iGTs", "large suppliers").get(preference);
      case LARGE_SUPPLIER ->
          List.of("I&C organisations", "large suppliers and iGTs", "challengers").get(preference);
    };
  }

  private boolean spreadAllowsOneMore(String largeSupplier) {
    int after = challengersOf.get(largeSupplier) + 1;
    if (population.fourToFiveApplies() && after > 5) {
      return false;
    }
    int fewest =
        challengersOf.entrySet().stream()
            .filter(e -> !e.getKey().equals(largeSupplier))
            .mapToInt(Map.Entry::getValue)
            .min()
            .orElse(after);
    return after - fewest <= 1;
  }

  private void addTopUp(Organisation self, Candidate candidate) {
    Organisation other = candidate.organisation();
    String nth = degree(self) == 0 ? "first" : "second";
    boolean challengerChoosingLargeSupplier =
        self.category() == Category.CHALLENGER && other.category() == Category.LARGE_SUPPLIER;
    String reason =
        self.code()
            + " needed a "
            + nth
            + " partner; of the "
            + preferredKinds(self.category(), candidate.preference())
            + " it may still pair with, "
            + other.code()
            + " had the fewest "
            + (challengerChoosingLargeSupplier ? "challengers" : "partners")
            + " ("
            + candidate.load()
            + ")"
            + regionNote(self, other);
    if (candidate.unbalancing()) {
      String largeSupplier = largeSupplierOf(self, other).orElseThrow().code();
      reason +=
          "; no other partner was left, so "
              + largeSupplier
              + " takes one challenger more than the spread"
              + " allows";
      forcedOntoLargeSuppliers.add(
          self.code()
              + " needed a "
              + nth
              + " partner and only "
              + preferredKinds(self.category(), candidate.preference())
              + " were left, so "
              + largeSupplier
              + " took one challenger more");
    }
    add(self, other, MatchRule.MINIMUM_TWO_PARTNERS, reason);
  }

  private void report() {
    for (Organisation organisation : population.partnerable()) {
      if (!population.allowsTwoPartners(organisation)) {
        unmet.add(
            new UnmetRule(
                MatchRule.MINIMUM_TWO_PARTNERS, organisation.code(), tooFewPossible(organisation)));
      }
    }
    int iAndCs = population.count(Category.I_AND_C);
    if (iAndCs == 1) {
      Organisation only = population.partnerable(Category.I_AND_C).get(0);
      unmet.add(
          new UnmetRule(
              MatchRule.I_AND_C_WITH_EACH_OTHER,
              only.code(),
              "only 1 I&C organisation takes part, so "
                  + only.code()
                  + " has no other I&C to pair with"
                  + (degree(only) > 0
                      ? "; its partners are other " + "shippers and iGTs instead"
                      : "")));
    }
    int largeSuppliers = population.count(Category.LARGE_SUPPLIER);
    int challengers = population.count(Category.CHALLENGER);
    if (largeSuppliers == 0 && challengers > 0) {
      unmet.add(
          new UnmetRule(
              MatchRule.CHALLENGERS_SPREAD_EVENLY,
              null,
              "no large supplier takes part, so the "
                  + count(challengers, "challenger")
                  + " are paired with other organisations"));
    }
    if (largeSuppliers > 0 && !population.fourToFiveApplies()) {
      unmet.add(
          new UnmetRule(
              MatchRule.FOUR_TO_FIVE_CHALLENGERS,
              null,
              count(challengers, "challenger")
                  + (challengers == 1 ? " takes" : " take")
                  + " part for "
                  + count(largeSuppliers, "large supplier")
                  + ": 4 to 5 each needs "
                  + 4 * largeSuppliers
                  + " to "
                  + 5 * largeSuppliers
                  + " challengers"));
    }
    for (RuleWarning warning : PartnerRules.check(population, proposed.keySet())) {
      unmet.add(explain(warning));
    }
    unmet.sort(
        Comparator.comparing(UnmetRule::rule)
            .thenComparing(UnmetRule::participant, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(UnmetRule::reason));
  }

  private String tooFewPossible(Organisation organisation) {
    SortedSet<String> own = partnersOf(organisation);
    String has = own.isEmpty() ? "has no partner" : "has only 1 partner (" + own.first() + ")";
    int possible = population.possiblePartners(organisation);
    String why;
    if (organisation.category() == Category.IGT) {
      why = possible == 0 ? "no shipper takes part" : "only 1 shipper takes part";
    } else {
      why =
          possible == 0
              ? "no other shipper or iGT takes part"
              : "only 1 other shipper or iGT takes part";
    }
    List<String> rejectedPartners = rejectedPartners(organisation, Optional.empty());
    return organisation.code()
        + " "
        + has
        + ": "
        + why
        + (rejectedPartners.isEmpty()
            ? ""
            : ", and its pair with "
                + join(rejectedPartners)
                + " was rejected in an earlier round");
  }

  /**
   * A rule the proposal breaks only because of earlier rounds; anything else would be a bug in this
   * class.
   */
  private UnmetRule explain(RuleWarning warning) {
    return switch (warning.rule()) {
      case MINIMUM_TWO_PARTNERS -> {
        Organisation organisation = organisation(warning.organisations().get(0));
        yield new UnmetRule(
            warning.rule(),
            organisation.code(),
            warning.message() + ": " + rejectedPairs(organisation, Optional.empty()));
      }
      case I_AND_C_WITH_EACH_OTHER -> {
        Organisation organisation = organisation(warning.organisations().get(0));
        yield new UnmetRule(
            warning.rule(),
            organisation.code(),
            warning.message() + ": " + rejectedPairs(organisation, Optional.of(Category.I_AND_C)));
      }
      case CHALLENGERS_SPREAD_EVENLY ->
          new UnmetRule(warning.rule(), null, warning.message() + ": " + whyChallengersAreUneven());
      case FOUR_TO_FIVE_CHALLENGERS ->
          new UnmetRule(
              warning.rule(),
              warning.organisations().get(0),
              warning.message() + ": " + whyChallengersAreUneven());
      default ->
          throw new IllegalStateException(
              "the proposal breaks a rule it must always keep: " + warning.message());
    };
  }

  private String rejectedPairs(Organisation organisation, Optional<Category> ofCategory) {
    List<String> codes = rejectedPartners(organisation, ofCategory);
    return codes.isEmpty()
        ? "no allowed partner was left"
        : (codes.size() == 1
                ? "its pair with " + join(codes) + " was"
                : "its pairs with " + join(codes) + " were")
            + " rejected in an earlier round";
  }

  private List<String> rejectedPartners(Organisation organisation, Optional<Category> ofCategory) {
    return population.partnerable().stream()
        .filter(other -> Population.mayPair(organisation, other) && isRejected(organisation, other))
        .filter(other -> ofCategory.map(category -> other.category() == category).orElse(true))
        .map(Organisation::code)
        .toList();
  }

  private String whyChallengersAreUneven() {
    List<String> causes = new ArrayList<>();
    List<String> kept =
        keptChallengersOf.entrySet().stream()
            .map(e -> e.getKey() + " " + count(e.getValue(), "challenger"))
            .toList();
    if (!kept.isEmpty()) {
      causes.add("pairs kept from earlier rounds give " + join(kept));
    }
    List<String> restricted =
        population.partnerable(Category.CHALLENGER).stream()
            .filter(challenger -> !withoutLargeSupplier.contains(challenger.code()))
            .filter(
                challenger ->
                    population.partnerable(Category.LARGE_SUPPLIER).stream()
                        .anyMatch(ls -> isRejected(challenger, ls)))
            .map(Organisation::code)
            .toList();
    if (!restricted.isEmpty()) {
      causes.add(
          "pairs of "
              + join(restricted)
              + " with some large suppliers were rejected in an earlier round");
    }
    if (!withoutLargeSupplier.isEmpty()) {
      causes.add(
          join(withoutLargeSupplier)
              + (withoutLargeSupplier.size() == 1 ? " has" : " have")
              + " no large supplier left: all those pairs were rejected in an earlier round");
    }
    causes.addAll(forcedOntoLargeSuppliers);
    if (causes.isEmpty()) {
      causes.add(
          "the spread found no better way for the challengers left free after earlier rounds");
    }
    return String.join("; ", causes);
  }

  private void add(Organisation x, Organisation y, MatchRule rule, String reason) {
    Pair pair = new Pair(x.code(), y.code());
    partners.computeIfAbsent(x.code(), code -> new TreeSet<>()).add(y.code());
    partners.computeIfAbsent(y.code(), code -> new TreeSet<>()).add(x.code());
    largeSupplierOf(x, y).ifPresent(ls -> challengersOf.merge(ls.code(), 1, Integer::sum));
    proposed.put(pair, new ProposedPair(pair.a(), pair.b(), rule, reason));
  }

  /**
   * The large supplier of a large supplier-challenger pair, whose challenger count the pair
   * changes.
   */
  private static Optional<Organisation> largeSupplierOf(Organisation x, Organisation y) {
    if (x.category() == Category.LARGE_SUPPLIER && y.category() == Category.CHALLENGER) {
      return Optional.of(x);
    }
    if (y.category() == Category.LARGE_SUPPLIER && x.category() == Category.CHALLENGER) {
      return Optional.of(y);
    }
    return Optional.empty();
  }

  private boolean hasIAndCPartner(Organisation organisation) {
    return partnersOf(organisation).stream().anyMatch(code -> category(code) == Category.I_AND_C);
  }

  private boolean isRejected(Organisation x, Organisation y) {
    return rejected.contains(new Pair(x.code(), y.code()));
  }

  private SortedSet<String> partnersOf(Organisation organisation) {
    return partners.getOrDefault(organisation.code(), new TreeSet<>());
  }

  private int degree(Organisation organisation) {
    return partnersOf(organisation).size();
  }

  private Organisation organisation(String code) {
    return population.find(code).orElseThrow();
  }

  private Category category(String code) {
    return organisation(code).category();
  }

  private static String regionNote(Organisation x, Organisation y) {
    return sameRegion(x, y) ? ", in the same region (" + y.region().strip() + ")" : "";
  }

  /** A possible partner in the top-up, ordered as the class comment says. */
  private record Candidate(
      Organisation organisation,
      int preference,
      boolean unbalancing,
      int load,
      boolean sameRegion) {

    static final Comparator<Candidate> ORDER =
        Comparator.comparingInt(Candidate::preference)
            .thenComparing(Candidate::unbalancing)
            .thenComparingInt(Candidate::load)
            .thenComparing(candidate -> candidate.sameRegion() ? 0 : 1)
            .thenComparing(candidate -> candidate.organisation().code());
  }
}
