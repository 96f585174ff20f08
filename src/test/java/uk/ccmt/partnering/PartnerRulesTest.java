package uk.ccmt.partnering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ccmt.partnering.Organisations.challenger;
import static uk.ccmt.partnering.Organisations.concat;
import static uk.ccmt.partnering.Organisations.gt;
import static uk.ccmt.partnering.Organisations.iAndC;
import static uk.ccmt.partnering.Organisations.igt;
import static uk.ccmt.partnering.Organisations.largeSupplier;
import static uk.ccmt.partnering.Organisations.notTakingPart;
import static uk.ccmt.partnering.Organisations.numbered;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import uk.ccmt.participant.Category;

class PartnerRulesTest {

  /** Three shippers and an iGT in a ring: everybody has 2 partners and every pair is allowed. */
  private static final List<Organisation> SMALL_PHASE =
      List.of(
          largeSupplier("NLE", "North West"),
          challenger("CWE", "South West"),
          iAndC("IND", "West Midlands"),
          igt("PIP", "Wales"),
          gt("NGT"),
          notTakingPart("GONE", Category.CHALLENGER));

  private static final List<Pair> RING =
      List.of(
          new Pair("NLE", "CWE"),
          new Pair("CWE", "IND"),
          new Pair("IND", "PIP"),
          new Pair("PIP", "NLE"));

  @Nested
  class Check {

    @Test
    void shouldFindNothingWrongWithPairsThatKeepEveryRule() {
      assertThat(PartnerRules.check(SMALL_PHASE, RING)).isEmpty();
    }

    @Test
    void shouldNameAnUnknownOrganisation() {
      assertThat(PartnerRules.check(SMALL_PHASE, with(new Pair("NLE", "ZZZ"))))
          .containsExactly(
              new RuleWarning(
                  MatchRule.KNOWN_ORGANISATIONS,
                  List.of("ZZZ"),
                  "ZZZ in pair NLE–ZZZ is not a registered participant"));
    }

    @Test
    void shouldNameAnOrganisationThatDoesNotTakePart() {
      assertThat(PartnerRules.check(SMALL_PHASE, with(new Pair("GONE", "NLE"))))
          .containsExactly(
              new RuleWarning(
                  MatchRule.ONLY_PARTICIPANTS,
                  List.of("GONE", "NLE"),
                  "GONE is paired with NLE but does not take part in this phase"));
    }

    @Test
    void shouldNameADuplicatePair() {
      assertThat(PartnerRules.check(SMALL_PHASE, with(new Pair("CWE", "NLE"))))
          .containsExactly(
              new RuleWarning(
                  MatchRule.NO_DUPLICATE_PAIRS,
                  List.of("CWE", "NLE"),
                  "CWE–NLE is listed 2 times"));
    }

    @Test
    void shouldNameAPartneredGt() {
      assertThat(PartnerRules.check(SMALL_PHASE, with(new Pair("NGT", "NLE"))))
          .containsExactly(
              new RuleWarning(
                  MatchRule.GTS_NOT_PARTNERED,
                  List.of("NGT", "NLE"),
                  "NGT is paired with NLE but is a GT: GTs do not switch supply points"));
    }

    @Test
    void shouldNameAnIgtPairedWithANonShipper() {
      List<Organisation> twoIgts = new ArrayList<>(SMALL_PHASE);
      twoIgts.add(igt("PIQ", "Wales"));

      assertThat(PartnerRules.check(twoIgts, List.of(new Pair("PIP", "PIQ"))))
          .contains(
              new RuleWarning(
                  MatchRule.IGTS_WITH_SHIPPERS,
                  List.of("PIP", "PIQ"),
                  "PIP is an iGT paired with PIQ, which is an iGT, not a shipper"),
              new RuleWarning(
                  MatchRule.IGTS_WITH_SHIPPERS,
                  List.of("PIQ", "PIP"),
                  "PIQ is an iGT paired with PIP, which is an iGT, not a shipper"));
    }

    @Test
    void shouldNameAnOrganisationWithOnePartnerWhenTwoArePossible() {
      assertThat(PartnerRules.check(SMALL_PHASE, RING.subList(0, 3)))
          .containsExactly(
              new RuleWarning(
                  MatchRule.MINIMUM_TWO_PARTNERS,
                  List.of("NLE"),
                  "NLE has only 1 partner (CWE), though 3 organisations could partner it"),
              new RuleWarning(
                  MatchRule.MINIMUM_TWO_PARTNERS,
                  List.of("PIP"),
                  "PIP has only 1 partner (IND), though 3 organisations could partner it"));
    }

    @Test
    void shouldNotAskForTwoPartnersWhenThePopulationHasOnlyOne() {
      List<Organisation> twoShippers =
          List.of(largeSupplier("NLE", null), challenger("CWE", null), gt("NGT"));

      assertThat(PartnerRules.check(twoShippers, List.of(new Pair("NLE", "CWE")))).isEmpty();
    }

    @Test
    void shouldNameTheLargeSuppliersWhenChallengersAreUneven() {
      List<Organisation> phase =
          concat(
              List.of(
                  numbered(Category.LARGE_SUPPLIER, "LS", 2),
                  numbered(Category.CHALLENGER, "CH", 3)));
      List<Pair> allOnOne =
          List.of(
              new Pair("LS01", "CH01"),
              new Pair("LS01", "CH02"),
              new Pair("LS01", "CH03"),
              new Pair("LS02", "CH01"),
              new Pair("LS02", "LS01"),
              new Pair("CH02", "CH03"));

      assertThat(PartnerRules.check(phase, allOnOne))
          .containsExactly(
              new RuleWarning(
                  MatchRule.CHALLENGERS_SPREAD_EVENLY,
                  List.of("LS01", "LS02"),
                  "LS01 has 3 challengers"
                      + " and LS02 has 1: no large supplier should have 2 or more challengers more than another"));
    }

    @Test
    void shouldNameALargeSupplierOutsideFourToFiveWhenTheNumbersAllowIt() {
      List<Organisation> phase =
          concat(
              List.of(
                  numbered(Category.LARGE_SUPPLIER, "LS", 1),
                  numbered(Category.CHALLENGER, "CH", 4)));
      List<Pair> three =
          List.of(
              new Pair("LS01", "CH01"),
              new Pair("LS01", "CH02"),
              new Pair("LS01", "CH03"),
              new Pair("CH04", "CH01"),
              new Pair("CH04", "CH02"),
              new Pair("CH03", "CH02"));

      assertThat(PartnerRules.check(phase, three))
          .containsExactly(
              new RuleWarning(
                  MatchRule.FOUR_TO_FIVE_CHALLENGERS,
                  List.of("LS01"),
                  "LS01 has 3 challengers, not 4 to"
                      + " 5, though 4 challengers take part for 1 large supplier"));
    }

    @Test
    void shouldNameAnIAndCWithoutAnIAndCPartner() {
      List<Organisation> phase =
          List.of(iAndC("IND", null), iAndC("MRC", null), largeSupplier("NLE", null));
      List<Pair> noIAndCPair = List.of(new Pair("IND", "NLE"), new Pair("MRC", "NLE"));

      assertThat(PartnerRules.check(phase, noIAndCPair))
          .containsExactly(
              new RuleWarning(
                  MatchRule.MINIMUM_TWO_PARTNERS,
                  List.of("IND"),
                  "IND has only 1 partner (NLE), though 2 organisations could partner it"),
              new RuleWarning(
                  MatchRule.I_AND_C_WITH_EACH_OTHER,
                  List.of("IND"),
                  "IND has no I&C partner, though 2 I&C organisations take part"),
              new RuleWarning(
                  MatchRule.MINIMUM_TWO_PARTNERS,
                  List.of("MRC"),
                  "MRC has only 1 partner (NLE), though 2 organisations could partner it"),
              new RuleWarning(
                  MatchRule.I_AND_C_WITH_EACH_OTHER,
                  List.of("MRC"),
                  "MRC has no I&C partner, though 2 I&C organisations take part"));
    }

    private static List<Pair> with(Pair extra) {
      List<Pair> pairs = new ArrayList<>(RING);
      pairs.add(extra);
      return pairs;
    }
  }

  @Nested
  class SelfArrangedDeclaration {

    @Test
    void shouldAcceptAPartnerTakingPartAndNormaliseThePair() {
      assertThat(PartnerRules.validateSelfArranged(SMALL_PHASE, "NLE", " cwe "))
          .isEqualTo(new Pair("CWE", "NLE"));
    }

    @Test
    void shouldRefuseAnUnknownPartner() {
      refusal("NLE", "ZZZ").hasMessage("partner ZZZ is not a registered participant");
    }

    @Test
    void shouldRefuseAnUnknownDeclaringOrganisation() {
      refusal("ZZZ", "NLE")
          .hasMessage("declaring organisation ZZZ is not a registered participant");
    }

    @Test
    void shouldRefuseAMissingPartner() {
      refusal("NLE", " ").hasMessage("partner is required");
    }

    @Test
    void shouldRefuseTheDeclaringOrganisationItself() {
      refusal("NLE", "NLE").hasMessage("partner NLE is the declaring organisation itself");
    }

    @Test
    void shouldRefuseAPartnerThatDoesNotTakePart() {
      refusal("NLE", "GONE").hasMessage("partner GONE does not take part in this phase");
    }

    @Test
    void shouldRefuseADeclaringOrganisationThatDoesNotTakePart() {
      refusal("GONE", "NLE")
          .hasMessage("declaring organisation GONE does not take part in this phase");
    }

    @Test
    void shouldRefuseAGt() {
      refusal("NLE", "NGT")
          .hasMessage(
              "partner NGT is a GT: GTs do not switch supply points, so they are not partnered");
    }

    @Test
    void shouldRefuseTwoIgts() {
      List<Organisation> twoIgts = new ArrayList<>(SMALL_PHASE);
      twoIgts.add(igt("PIQ", "Wales"));

      assertThatThrownBy(() -> PartnerRules.validateSelfArranged(twoIgts, "PIP", "PIQ"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("partner PIQ is an iGT like PIP: an iGT is paired with a shipper");
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> refusal(
        String declaring, String partner) {
      return assertThatThrownBy(
              () -> PartnerRules.validateSelfArranged(SMALL_PHASE, declaring, partner))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
