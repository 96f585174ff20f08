package uk.ccmt.partnering;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ccmt.partnering.Organisations.challengersPerLargeSupplier;
import static uk.ccmt.partnering.Organisations.mayPair;
import static uk.ccmt.partnering.Organisations.partners;
import static uk.ccmt.partnering.Organisations.taking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import uk.ccmt.participant.Category;

/**
 * Every guarantee of partner matching, on random phases of 2 to 300 organisations of mixed
 * categories, regions and participation, in a first round and in later rounds with kept and
 * rejected pairs. The expected facts are worked out here from the rules as stated, not taken from
 * the code under test.
 */
class PartnerMatcherPropertiesTest {

  @Property(tries = 300)
  void shouldMeetEveryRuleTheNumbersAllowInAFirstRound(@ForAll("phases") List<Organisation> phase) {
    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));
    List<Pair> pairs = proposal.asPairs();
    Map<String, SortedSet<String>> partners = partners(pairs);

    assertThat(PartnerRules.check(phase, pairs)).isEmpty();
    for (Organisation organisation : partnerable(phase)) {
      int possible = (int) phase.stream().filter(other -> mayPair(organisation, other)).count();
      assertThat(partnersOf(partners, organisation))
          .as(organisation.code())
          .hasSizeGreaterThanOrEqualTo(Math.min(2, possible));
    }
    long largeSuppliers = taking(phase, Category.LARGE_SUPPLIER);
    long challengers = taking(phase, Category.CHALLENGER);
    Map<String, Integer> spread = challengersPerLargeSupplier(phase, pairs);
    if (largeSuppliers >= 2) {
      assertThat(Collections.max(spread.values()) - Collections.min(spread.values()))
          .isLessThanOrEqualTo(1);
    }
    if (4 * largeSuppliers <= challengers && challengers <= 5 * largeSuppliers) {
      assertThat(spread.values()).allSatisfy(n -> assertThat(n).isBetween(4, 5));
    }
    assertThat(proposal.unmet())
        .containsExactlyInAnyOrderElementsOf(unmetTheNumbersExplain(phase, proposal.unmet()));
  }

  @Property(tries = 300)
  void shouldKeepEveryGuaranteeOrSayWhyInAnyRound(@ForAll("rounds") PartneringInput input) {
    Proposal proposal = PartnerMatcher.propose(input);
    List<Pair> pairs = proposal.asPairs();
    Map<String, SortedSet<String>> partners = partners(pairs);
    Set<Pair> rejected = new HashSet<>(input.forbiddenPairs());

    assertThat(pairs)
        .doesNotHaveDuplicates()
        .allSatisfy(
            pair ->
                assertThat(mayPair(organisation(input, pair.a()), organisation(input, pair.b())))
                    .as(pair.toString())
                    .isTrue());
    assertThat(pairs).noneMatch(rejected::contains);
    for (Pair kept : input.keptPairs()) {
      if (mayPair(organisation(input, kept.a()), organisation(input, kept.b()))) {
        assertThat(proposal.pairs())
            .as("kept " + kept)
            .anyMatch(p -> p.pair().equals(kept) && p.rule() == MatchRule.KEEP_AGREED_PAIRS);
      } else {
        assertThat(proposal.unmet())
            .as("kept " + kept + " left out")
            .anyMatch(
                u ->
                    u.rule() == MatchRule.KEEP_AGREED_PAIRS
                        && u.reason().contains(kept.toString()));
      }
    }
    for (Organisation organisation : partnerable(input.organisations())) {
      int allowed =
          (int)
              input.organisations().stream()
                  .filter(
                      other ->
                          mayPair(organisation, other)
                              && !rejected.contains(new Pair(organisation.code(), other.code())))
                  .count();
      assertThat(partnersOf(partners, organisation))
          .as(organisation.code())
          .hasSizeGreaterThanOrEqualTo(Math.min(2, allowed));
    }
    assertThat(proposal.notPartnered())
        .extracting(NotPartnered::participant)
        .containsExactlyElementsOf(
            input.organisations().stream()
                .filter(o -> !o.takesPart() || o.category() == Category.GT)
                .map(Organisation::code)
                .sorted()
                .toList());
    for (RuleWarning warning : PartnerRules.check(input.organisations(), pairs)) {
      assertThat(proposal.unmet())
          .as("explains " + warning)
          .anyMatch(
              unmet ->
                  unmet.rule() == warning.rule()
                      && (unmet.participant() == null
                          || warning.organisations().contains(unmet.participant())));
    }
    assertThat(proposal.pairs()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
    assertThat(proposal.unmet())
        .allSatisfy(
            u ->
                assertThat(u.reason())
                    .isNotBlank()
                    .doesNotContain("the spread found no better way")
                    .doesNotContain("no allowed partner was left"));
  }

  @Property(tries = 150)
  void shouldGiveTheSameProposalForTheSameInputInAnyOrder(
      @ForAll("rounds") PartneringInput input, @ForAll Random random) {
    List<Organisation> organisations = new ArrayList<>(input.organisations());
    List<Pair> kept =
        new ArrayList<>(input.keptPairs().stream().map(p -> new Pair(p.b(), p.a())).toList());
    List<Pair> rejected = new ArrayList<>(input.forbiddenPairs());
    Collections.shuffle(organisations, random);
    Collections.shuffle(kept, random);
    Collections.shuffle(rejected, random);

    assertThat(PartnerMatcher.propose(new PartneringInput(organisations, kept, rejected)))
        .isEqualTo(PartnerMatcher.propose(input));
  }

  /**
   * The unmet rules that the population alone rules out, each reported once; the first round has no
   * others.
   */
  private static List<UnmetRule> unmetTheNumbersExplain(
      List<Organisation> phase, List<UnmetRule> unmet) {
    long largeSuppliers = taking(phase, Category.LARGE_SUPPLIER);
    long challengers = taking(phase, Category.CHALLENGER);
    List<UnmetRule> expected = new ArrayList<>();
    for (UnmetRule rule : unmet) {
      boolean explainedByNumbers =
          switch (rule.rule()) {
            case MINIMUM_TWO_PARTNERS ->
                phase.stream()
                    .filter(o -> o.code().equals(rule.participant()))
                    .allMatch(o -> phase.stream().filter(other -> mayPair(o, other)).count() < 2);
            case I_AND_C_WITH_EACH_OTHER -> taking(phase, Category.I_AND_C) == 1;
            case FOUR_TO_FIVE_CHALLENGERS ->
                rule.participant() == null
                    && largeSuppliers >= 1
                    && !(4 * largeSuppliers <= challengers && challengers <= 5 * largeSuppliers);
            case CHALLENGERS_SPREAD_EVENLY ->
                rule.participant() == null && largeSuppliers == 0 && challengers > 0;
            default -> false;
          };
      if (explainedByNumbers) {
        expected.add(rule);
      }
    }
    for (Organisation organisation : partnerable(phase)) {
      if (phase.stream().filter(other -> mayPair(organisation, other)).count() < 2) {
        assertThat(unmet)
            .as("reports " + organisation.code() + " cannot have 2 partners")
            .anyMatch(
                u ->
                    u.rule() == MatchRule.MINIMUM_TWO_PARTNERS
                        && organisation.code().equals(u.participant()));
      }
    }
    return expected;
  }

  @Provide
  Arbitrary<List<Organisation>> phases() {
    Arbitrary<Category> likeThePlan =
        Arbitraries.frequency(
            Tuple.of(10, Category.LARGE_SUPPLIER),
            Tuple.of(45, Category.CHALLENGER),
            Tuple.of(12, Category.I_AND_C),
            Tuple.of(10, Category.IGT),
            Tuple.of(4, Category.GT));
    Arbitrary<Category> anything = Arbitraries.of(Category.class);
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            organisations(likeThePlan)
                .list()
                .ofMinSize(2)
                .ofMaxSize(300)
                .withSizeDistribution(RandomDistribution.uniform())
                .uniqueElements(Organisation::code)),
        Tuple.of(
            2,
            organisations(anything)
                .list()
                .ofMinSize(2)
                .ofMaxSize(12)
                .uniqueElements(Organisation::code)));
  }

  /**
   * Kept and rejected pairs drawn at random, or a first round's pairs each accepted, rejected or
   * left open. Pairs and decisions are drawn as plain numbers and fitted to the phase afterwards:
   * arbitraries made per phase inside flatMap are memoised by jqwik and compared field by field,
   * which grows slower with every try.
   */
  @Provide
  Arbitrary<PartneringInput> rounds() {
    Arbitrary<List<List<Integer>>> pairIndices =
        Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(2).list().ofMaxSize(150);
    Arbitrary<PartneringInput> randomPairs =
        Combinators.combine(
                phases(), pairIndices, pairIndices, Arbitraries.integers().between(0, 60))
            .as(
                (phase, rejectedIndices, keptIndices, keptCount) -> {
                  List<Pair> kept =
                      pairsOf(
                          phase, keptIndices.subList(0, Math.min(keptCount, keptIndices.size())));
                  List<Pair> rejected =
                      pairsOf(phase, rejectedIndices).stream()
                          .filter(p -> !kept.contains(p))
                          .toList();
                  return new PartneringInput(phase, kept, rejected);
                });
    Arbitrary<PartneringInput> reviewedProposal =
        Combinators.combine(phases(), Arbitraries.integers().between(0, 2).list().ofSize(64))
            .as(
                (phase, decisions) -> {
                  List<Pair> proposed =
                      PartnerMatcher.propose(PartneringInput.firstRound(phase)).asPairs();
                  List<Pair> accepted = new ArrayList<>();
                  List<Pair> rejected = new ArrayList<>();
                  for (int i = 0; i < proposed.size(); i++) {
                    int decision = decisions.get(i % decisions.size());
                    (decision == 1 ? accepted : decision == 2 ? rejected : new ArrayList<Pair>())
                        .add(proposed.get(i));
                  }
                  return new PartneringInput(phase, accepted, rejected);
                });
    return Arbitraries.oneOf(randomPairs, reviewedProposal);
  }

  /** Two numbers to a pair of two different organisations of the phase. */
  private static List<Pair> pairsOf(List<Organisation> phase, List<List<Integer>> indices) {
    int n = phase.size();
    return indices.stream()
        .map(
            ij -> {
              int i = ij.get(0) % n;
              int step = 1 + ij.get(1) % (n - 1);
              return new Pair(phase.get(i).code(), phase.get((i + step) % n).code());
            })
        .toList();
  }

  private static Arbitrary<Organisation> organisations(Arbitrary<Category> categories) {
    Arbitrary<String> codes =
        Arbitraries.strings()
            .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            .ofMinLength(1)
            .ofMaxLength(5);
    Arbitrary<String> regions =
        Arbitraries.of("North West", "London", "Scotland", "Wales", "london ").injectNull(0.2);
    Arbitrary<Boolean> takesPart = Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false));
    return Combinators.combine(codes, categories, regions, takesPart).as(Organisation::new);
  }

  private static List<Organisation> partnerable(List<Organisation> organisations) {
    return organisations.stream()
        .filter(o -> o.takesPart() && o.category() != Category.GT)
        .toList();
  }

  private static SortedSet<String> partnersOf(
      Map<String, SortedSet<String>> partners, Organisation organisation) {
    return partners.getOrDefault(organisation.code(), new TreeSet<>());
  }

  private static Organisation organisation(PartneringInput input, String code) {
    return input.organisations().stream()
        .filter(o -> o.code().equals(code))
        .findFirst()
        .orElseThrow();
  }
}
