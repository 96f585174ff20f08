package uk.ccmt.partnering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ccmt.partnering.Organisations.challenger;
import static uk.ccmt.partnering.Organisations.challengersPerLargeSupplier;
import static uk.ccmt.partnering.Organisations.concat;
import static uk.ccmt.partnering.Organisations.gt;
import static uk.ccmt.partnering.Organisations.iAndC;
import static uk.ccmt.partnering.Organisations.igt;
import static uk.ccmt.partnering.Organisations.isShipper;
import static uk.ccmt.partnering.Organisations.largeSupplier;
import static uk.ccmt.partnering.Organisations.notTakingPart;
import static uk.ccmt.partnering.Organisations.numbered;
import static uk.ccmt.partnering.Organisations.partnersOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ccmt.participant.Category;

class PartnerMatcherTest {

  /**
   * The plan's full phase: the Big 6, 25 challengers, 4 I&C, 3 iGTs, a GT and one organisation
   * sitting out.
   */
  private static List<Organisation> fullPhase() {
    return concat(
        List.of(
            numbered(Category.LARGE_SUPPLIER, "LS", 6, "North West", "London", "Scotland"),
            numbered(
                Category.CHALLENGER,
                "CH",
                25,
                "London",
                "Wales",
                "Scotland",
                "North West",
                "Yorkshire"),
            numbered(Category.I_AND_C, "IC", 4, "Yorkshire", "London"),
            numbered(Category.IGT, "IGT", 3, "Wales"),
            List.of(gt("NGT"), notTakingPart("SITOUT", Category.CHALLENGER))));
  }

  @Test
  void shouldMeetEveryRuleInAFullPhase() {
    List<Organisation> phase = fullPhase();

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(proposal.unmet()).isEmpty();
    assertThat(PartnerRules.check(phase, proposal.asPairs())).isEmpty();
    assertThat(challengersPerLargeSupplier(phase, proposal.asPairs()))
        .containsOnlyKeys("LS01", "LS02", "LS03", "LS04", "LS05", "LS06")
        .allSatisfy((ls, challengers) -> assertThat(challengers).isBetween(4, 5));
    phase.stream()
        .filter(o -> o.takesPart() && o.category() != Category.GT)
        .forEach(
            o ->
                assertThat(partnersOf(proposal, o.code()))
                    .as(o.code())
                    .hasSizeGreaterThanOrEqualTo(2));
    for (String igt : List.of("IGT01", "IGT02", "IGT03")) {
      assertThat(partnersOf(proposal, igt))
          .allSatisfy(
              partner ->
                  assertThat(
                          isShipper(
                              phase.stream()
                                  .filter(o -> o.code().equals(partner))
                                  .findFirst()
                                  .orElseThrow()
                                  .category()))
                      .as(igt + " with " + partner)
                      .isTrue());
    }
    assertThat(proposal.notPartnered())
        .containsExactly(
            new NotPartnered("NGT", "not partnered: GTs do not switch supply points"),
            new NotPartnered("SITOUT", "not partnered: SITOUT does not take part in this phase"));
    assertThat(proposal.pairs()).allSatisfy(pair -> assertThat(pair.reason()).isNotBlank());
  }

  @Test
  void shouldExplainWhyTheOnlyIAndCHasNoIAndCPartnerAndStillGiveItTwoPartners() {
    List<Organisation> phase =
        concat(
            List.of(
                numbered(Category.LARGE_SUPPLIER, "LS", 2, "London"),
                numbered(Category.CHALLENGER, "CH", 9, "London"),
                List.of(iAndC("IND", "West Midlands"), igt("PIP", "Wales"))));

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(proposal.unmet())
        .containsExactly(
            new UnmetRule(
                MatchRule.I_AND_C_WITH_EACH_OTHER,
                "IND",
                "only 1 I&C organisation takes part, so IND has no other I&C to pair with; its partners are other "
                    + "shippers and iGTs instead"));
    assertThat(partnersOf(proposal, "IND")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(PartnerRules.check(phase, proposal.asPairs())).isEmpty();
  }

  @Test
  void shouldKeepSelfArrangedPairsAndAddOnlyWhatTwoPartnersEachNeed() {
    List<Organisation> phase =
        List.of(
            challenger("AAA", null),
            challenger("BBB", null),
            challenger("CCC", null),
            challenger("DDD", null));
    List<Pair> selfArranged = List.of(new Pair("BBB", "AAA"), new Pair("BBB", "CCC"));

    Proposal proposal = PartnerMatcher.propose(new PartneringInput(phase, selfArranged, List.of()));

    assertThat(proposal.pairs())
        .extracting(ProposedPair::pair, ProposedPair::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new Pair("AAA", "BBB"), MatchRule.KEEP_AGREED_PAIRS),
            org.assertj.core.groups.Tuple.tuple(
                new Pair("AAA", "DDD"), MatchRule.MINIMUM_TWO_PARTNERS),
            org.assertj.core.groups.Tuple.tuple(
                new Pair("BBB", "CCC"), MatchRule.KEEP_AGREED_PAIRS),
            org.assertj.core.groups.Tuple.tuple(
                new Pair("CCC", "DDD"), MatchRule.MINIMUM_TWO_PARTNERS));
    assertThat(proposal.pairs().get(1).reason())
        .isEqualTo(
            "AAA needed a second partner; of the challengers and"
                + " I&C organisations it may still pair with, DDD had the fewest partners (0)");
    assertThat(proposal.unmet())
        .containsExactly(
            new UnmetRule(
                MatchRule.CHALLENGERS_SPREAD_EVENLY,
                null,
                "no large supplier takes part, so the 4 challengers are paired with other organisations"));
  }

  @Test
  void shouldNeverProposeARejectedPairAgain() {
    List<Organisation> phase = fullPhase();
    Proposal first = PartnerMatcher.propose(PartneringInput.firstRound(phase));
    Pair rejectedPair =
        first.pairs().stream()
            .filter(p -> p.rule() == MatchRule.MINIMUM_TWO_PARTNERS)
            .findFirst()
            .orElseThrow()
            .pair();
    List<Pair> accepted = new ArrayList<>(first.asPairs());
    accepted.remove(rejectedPair);

    Proposal second =
        PartnerMatcher.propose(new PartneringInput(phase, accepted, List.of(rejectedPair)));

    assertThat(second.asPairs()).doesNotContain(rejectedPair).containsAll(accepted);
    assertThat(second.unmet()).isEmpty();
    assertThat(PartnerRules.check(phase, second.asPairs())).isEmpty();
  }

  @Test
  void shouldSayWhyChallengersAreUnevenWhenALargeSupplierLosesOneAndTheRestIsKept() {
    List<Organisation> phase =
        concat(
            List.of(
                numbered(Category.LARGE_SUPPLIER, "LS", 2),
                numbered(Category.CHALLENGER, "CH", 8)));
    Proposal first = PartnerMatcher.propose(PartneringInput.firstRound(phase));
    Pair rejectedPair = new Pair("CH01", "LS01");
    List<Pair> accepted = new ArrayList<>(first.asPairs());
    accepted.remove(rejectedPair);

    Proposal second =
        PartnerMatcher.propose(new PartneringInput(phase, accepted, List.of(rejectedPair)));

    assertThat(second.asPairs()).doesNotContain(rejectedPair).contains(new Pair("CH01", "LS02"));
    assertThat(second.unmet())
        .containsExactly(
            new UnmetRule(
                MatchRule.CHALLENGERS_SPREAD_EVENLY,
                null,
                "LS02 has 5 challengers and LS01 has 3: no large"
                    + " supplier should have 2 or more challengers more than another: pairs kept from earlier rounds give"
                    + " LS01 3 challengers and LS02 4 challengers; pairs of CH01 with some large suppliers were rejected in"
                    + " an earlier round"),
            new UnmetRule(
                MatchRule.FOUR_TO_FIVE_CHALLENGERS,
                "LS01",
                "LS01 has 3 challengers, not 4 to 5, though 8"
                    + " challengers take part for 2 large suppliers: pairs kept from earlier rounds give LS01 3 challengers"
                    + " and LS02 4 challengers; pairs of CH01 with some large suppliers were rejected in an earlier round"));
  }

  @Test
  void shouldGiveAChallengerWhoseLargeSupplierWasRejectedAnotherOne() {
    List<Organisation> phase =
        List.of(
            largeSupplier("LS1", null),
            largeSupplier("LS2", null),
            challenger("CH1", null),
            challenger("CH2", null));

    Proposal proposal =
        PartnerMatcher.propose(
            new PartneringInput(phase, List.of(), List.of(new Pair("CH1", "LS1"))));

    assertThat(partnersOf(proposal, "CH1")).contains("LS2").doesNotContain("LS1");
    assertThat(partnersOf(proposal, "CH2")).contains("LS1");
  }

  @Test
  void shouldSayWhenRejectedPairsLeaveAnOrganisationOnePartner() {
    List<Organisation> phase =
        List.of(challenger("ACME", null), challenger("BETA", null), iAndC("CORE", null));

    Proposal proposal =
        PartnerMatcher.propose(
            new PartneringInput(phase, List.of(), List.of(new Pair("ACME", "CORE"))));

    assertThat(proposal.unmet())
        .contains(
            new UnmetRule(
                MatchRule.MINIMUM_TWO_PARTNERS,
                "ACME",
                "ACME has only 1 partner (BETA), though 2 organisations could partner it: its pair with CORE was rejected"
                    + " in an earlier round"));
  }

  @Test
  void shouldGiveTwoPartnersBeforeKeepingChallengersWithinFourToFiveAndSaySo() {
    List<Organisation> phase =
        concat(
            List.of(
                numbered(Category.LARGE_SUPPLIER, "LS", 2),
                numbered(Category.CHALLENGER, "CH", 10)));
    List<Pair> rejected =
        phase.stream()
            .filter(o -> o.category() == Category.CHALLENGER && !o.code().equals("CH01"))
            .map(o -> new Pair("CH01", o.code()))
            .toList();

    Proposal proposal = PartnerMatcher.propose(new PartneringInput(phase, List.of(), rejected));

    assertThat(partnersOf(proposal, "CH01")).containsExactly("LS01", "LS02");
    assertThat(challengersPerLargeSupplier(phase, proposal.asPairs()))
        .isEqualTo(Map.of("LS01", 5, "LS02", 6));
    assertThat(proposal.unmet())
        .containsExactly(
            new UnmetRule(
                MatchRule.FOUR_TO_FIVE_CHALLENGERS,
                "LS02",
                "LS02 has 6 challengers, not 4 to 5, though 10 challengers take part for 2 large suppliers: CH01 needed a"
                    + " second partner and only large suppliers were left, so LS02 took one challenger more"));
  }

  @Test
  void shouldPreferTheSameRegionWhenItCostsNothing() {
    List<Organisation> phase =
        List.of(
            largeSupplier("LSN", "North West"),
            largeSupplier("LSS", "South West"),
            challenger("CH1", "South West"),
            challenger("CH2", "North West"));

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(proposal.pairs())
        .filteredOn(p -> p.rule() == MatchRule.CHALLENGERS_SPREAD_EVENLY)
        .extracting(ProposedPair::pair)
        .containsExactly(new Pair("CH1", "LSS"), new Pair("CH2", "LSN"));
    assertThat(proposal.pairs())
        .filteredOn(p -> p.pair().equals(new Pair("CH1", "LSS")))
        .extracting(ProposedPair::reason)
        .containsExactly(
            "CH1 is a challenger and LSS the large supplier with the"
                + " fewest challengers so far (0), in the same region (South West)");
  }

  @Test
  void shouldNotLetTheSameRegionUnbalanceTheChallengers() {
    List<Organisation> phase =
        concat(
            List.of(
                List.of(largeSupplier("LSN", "North West"), largeSupplier("LSS", "South West")),
                numbered(Category.CHALLENGER, "CH", 8, "North West")));

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(challengersPerLargeSupplier(phase, proposal.asPairs()))
        .isEqualTo(Map.of("LSN", 4, "LSS", 4));
  }

  @Test
  void shouldSpreadTooManyChallengersEvenlyAndSayWhyFourToFiveCannotHold() {
    List<Organisation> phase =
        concat(
            List.of(
                numbered(Category.LARGE_SUPPLIER, "LS", 2),
                numbered(Category.CHALLENGER, "CH", 13)));

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(challengersPerLargeSupplier(phase, proposal.asPairs()))
        .isEqualTo(Map.of("LS01", 7, "LS02", 6));
    assertThat(proposal.unmet())
        .containsExactly(
            new UnmetRule(
                MatchRule.FOUR_TO_FIVE_CHALLENGERS,
                null,
                "13 challengers take part for 2 large suppliers: 4 to 5 each needs 8 to 10 challengers"));
  }

  @Test
  void shouldPairIgtsOnlyWithShippersAndSayWhenThereAreTooFew() {
    List<Organisation> phase =
        List.of(largeSupplier("NLE", null), igt("PIP", null), igt("PIQ", null), gt("NGT"));

    Proposal proposal = PartnerMatcher.propose(PartneringInput.firstRound(phase));

    assertThat(proposal.asPairs()).containsExactly(new Pair("NLE", "PIP"), new Pair("NLE", "PIQ"));
    assertThat(proposal.unmet())
        .extracting(UnmetRule::participant, UnmetRule::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "PIP", "PIP has only 1 partner (NLE): only 1 shipper takes part"));
  }

  @Test
  void shouldLeaveOutAKeptPairWhoseOrganisationNoLongerTakesPart() {
    List<Organisation> phase =
        List.of(
            challenger("AAA", null),
            challenger("BBB", null),
            challenger("CCC", null),
            notTakingPart("GONE", Category.CHALLENGER));

    Proposal proposal =
        PartnerMatcher.propose(
            new PartneringInput(phase, List.of(new Pair("AAA", "GONE")), List.of()));

    assertThat(proposal.asPairs()).noneMatch(pair -> pair.involves("GONE"));
    assertThat(proposal.unmet())
        .contains(
            new UnmetRule(
                MatchRule.KEEP_AGREED_PAIRS,
                "GONE",
                "the kept pair AAA–GONE is left out: GONE no longer takes part in this phase"));
  }

  @Test
  void shouldGiveTheSameProposalForTheSameInputInAnyOrder() {
    List<Organisation> phase = new ArrayList<>(fullPhase());
    Proposal inCodeOrder = PartnerMatcher.propose(PartneringInput.firstRound(phase));
    Collections.shuffle(phase, new Random(7));

    assertThat(PartnerMatcher.propose(PartneringInput.firstRound(phase))).isEqualTo(inCodeOrder);
  }

  @Test
  void shouldRefuseASelfPairNamingTheOrganisation() {
    assertThatThrownBy(() -> new Pair("ACME", "ACME"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ACME cannot be paired with itself");
  }

  @Test
  void shouldRefuseAPairNamingAnUnknownOrganisation() {
    List<Organisation> phase = List.of(challenger("ACME", null), challenger("BETA", null));

    assertThatThrownBy(
            () -> new PartneringInput(phase, List.of(new Pair("ACME", "ZZZ")), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kept pair ACME–ZZZ names ZZZ, which is not among the organisations");
    assertThatThrownBy(
            () -> new PartneringInput(phase, List.of(), List.of(new Pair("XYZ", "BETA"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rejected pair BETA–XYZ names XYZ, which is not among the organisations");
  }

  @Test
  void shouldRefuseAPairThatIsBothKeptAndRejected() {
    List<Organisation> phase = List.of(challenger("ACME", null), challenger("BETA", null));

    assertThatThrownBy(
            () ->
                new PartneringInput(
                    phase, List.of(new Pair("ACME", "BETA")), List.of(new Pair("BETA", "ACME"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pair ACME–BETA is both kept and rejected: it can only be one");
  }

  @Test
  void shouldRefuseAnOrganisationCodeGivenTwice() {
    assertThatThrownBy(
            () ->
                PartneringInput.firstRound(List.of(challenger("ACME", null), iAndC("ACME", null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("organisation code ACME is given more than once");
  }
}
