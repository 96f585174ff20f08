package uk.ccmt.partnering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ccmt.partnering.Organisations.challenger;
import static uk.ccmt.partnering.Organisations.iAndC;
import static uk.ccmt.partnering.Organisations.largeSupplier;
import static uk.ccmt.partnering.Organisations.notTakingPart;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.ccmt.participant.Category;

/** The release managers' change list at review, read without Spring or a database. */
class PairChangesTest {

  private static final Map<String, Organisation> PHASE =
      List.of(
              largeSupplier("NLE", "North West"),
              largeSupplier("BRG", "North East"),
              challenger("CWE", "South West"),
              iAndC("IND", "West Midlands"),
              notTakingPart("GONE", Category.CHALLENGER))
          .stream()
          .collect(Collectors.toMap(Organisation::code, Function.identity()));

  /** What the matcher proposed: NLE–BRG and CWE–NLE. */
  private static final Set<Pair> PROPOSED =
      new LinkedHashSet<>(List.of(new Pair("NLE", "BRG"), new Pair("NLE", "CWE")));

  /** Rejected by one of its organisations earlier in this round. */
  private static final Set<Pair> REJECTED = Set.of(new Pair("CWE", "IND"));

  @Test
  void shouldKeepTheProposalWhenThereAreNoChanges() {
    assertThat(apply(null)).containsExactlyElementsOf(PROPOSED);
    assertThat(apply("")).containsExactlyElementsOf(PROPOSED);
  }

  @Test
  void shouldAddAndDropPairsLineByLine() {
    assertThat(apply("+NLE-IND\n-NLE-BRG"))
        .containsExactly(new Pair("CWE", "NLE"), new Pair("IND", "NLE"));
  }

  @Test
  void shouldLeaveTheProposalItWasGivenAlone() {
    Set<Pair> proposed = new LinkedHashSet<>(PROPOSED);

    PairChanges.apply("-NLE-BRG\n+BRG-IND", proposed, REJECTED, PHASE);

    assertThat(proposed).containsExactlyElementsOf(PROPOSED);
  }

  @Test
  void shouldSkipBlankLinesAndSurroundingWhitespace() {
    assertThat(apply("\n   \n  +nle – ind  \r\n\t-BRG / nle (too far apart)\n\n"))
        .containsExactly(new Pair("CWE", "NLE"), new Pair("IND", "NLE"));
  }

  @Test
  void shouldAcceptEverySeparatorAndAComment() {
    for (String separator : List.of("-", "–", ",", "/", " ")) {
      assertThat(apply("+NLE" + separator + "IND (agreed by phone)"))
          .contains(new Pair("IND", "NLE"));
    }
  }

  @Test
  void shouldTreatAPairInEitherOrderAsTheSamePair() {
    assertThat(apply("-BRG-NLE\n-CWE-NLE")).isEmpty();
  }

  @Test
  void shouldAddADuplicateOrAlreadyProposedPairOnlyOnce() {
    assertThat(apply("+NLE-BRG\n+IND-NLE\n+NLE-IND"))
        .containsExactly(new Pair("BRG", "NLE"), new Pair("CWE", "NLE"), new Pair("IND", "NLE"));
  }

  @Test
  void shouldAddAPairBackAfterDroppingIt() {
    assertThat(apply("-NLE-BRG\n+NLE-BRG")).containsExactlyInAnyOrderElementsOf(PROPOSED);
  }

  @Test
  void shouldRefuseALineThatIsNotAChangeAndNameIt() {
    assertRefused(
        "+NLE-IND\nNLE-BRG",
        "line 2 'NLE-BRG' is not a change: write +NLE-CWE to add a pair or"
            + " -NLE-BRG to drop one, one per line");
    assertRefused(
        "+NLE",
        "line 1 '+NLE' is not a change: write +NLE-CWE to add a pair or -NLE-BRG to drop one,"
            + " one per line");
    assertRefused(
        "*NLE-IND",
        "line 1 '*NLE-IND' is not a change: write +NLE-CWE to add a pair or -NLE-BRG to"
            + " drop one, one per line");
    assertRefused(
        "+NLE-IND-BRG",
        "line 1 '+NLE-IND-BRG' is not a change: write +NLE-CWE to add a pair or"
            + " -NLE-BRG to drop one, one per line");
  }

  @Test
  void shouldShortenALongLineInTheMessage() {
    String line = "+" + "N".repeat(70);
    assertRefused(
        line,
        "line 1 '"
            + line.substring(0, 60)
            + "…' is not a change: write +NLE-CWE to add a pair or"
            + " -NLE-BRG to drop one, one per line");
  }

  @Test
  void shouldRefuseAnUnknownOrganisation() {
    assertRefused("+NLE-ZZZ", "line 1 '+NLE-ZZZ': ZZZ is not a registered participant");
  }

  @Test
  void shouldRefuseAnOrganisationThatDoesNotTakePart() {
    assertRefused("+gone-NLE", "line 1 '+gone-NLE': GONE does not take part in this phase");
  }

  @Test
  void shouldRefuseAnOrganisationPairedWithItself() {
    assertRefused("+NLE-nle", "line 1 '+NLE-nle': NLE cannot be paired with itself");
  }

  @Test
  void shouldRefuseDroppingAPairThatIsNotProposed() {
    assertRefused("-CWE-BRG", "line 1 '-CWE-BRG': BRG-CWE is not among the proposed pairs");
  }

  @Test
  void shouldRefuseDroppingTheSamePairTwice() {
    assertRefused(
        "-NLE-BRG\n-BRG-NLE", "line 2 '-BRG-NLE': BRG-NLE is not among the proposed pairs");
  }

  @Test
  void shouldRefuseAddingAPairRejectedInThisRound() {
    assertRefused(
        "+IND-CWE",
        "line 1 '+IND-CWE': CWE-IND was rejected by one of the two organisations in this"
            + " round");
  }

  @Test
  void shouldStopAtTheFirstRefusedLine() {
    assertRefused("+NLE-ZZZ\nnonsense", "line 1 '+NLE-ZZZ': ZZZ is not a registered participant");
  }

  private static Set<Pair> apply(String changes) {
    return PairChanges.apply(changes, PROPOSED, REJECTED, PHASE);
  }

  private static void assertRefused(String changes, String message) {
    assertThatThrownBy(() -> apply(changes))
        .isInstanceOf(PairChanges.Refused.class)
        .hasMessage(message);
  }
}
