package uk.ccmt.partnering;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.ProcessVariables;

/**
 * A round's proposals: the pairs {@link PartnerMatcher} proposes, with what it could not satisfy,
 * and the release managers' review of them. The pairs and findings live in the round's tables.
 */
@Service
class RoundProposals {

  private final PartneringRepository rounds;
  private final ParticipantService participants;

  RoundProposals(PartneringRepository rounds, ParticipantService participants) {
    this.rounds = rounds;
    this.participants = participants;
  }

  /**
   * Proposes partners for the round's current matching round. Kept: confirmed self-arranged pairs
   * and pairs confirmed earlier in this round. Never again: pairs rejected in this round.
   */
  @Transactional
  public void propose(String roundId) {
    PartneringRound round = rounds.round(roundId);
    List<RoundPair> existing = rounds.pairs(round.number());
    Set<Pair> kept = new LinkedHashSet<>(rounds.confirmedSelfArranged());
    existing.stream()
        .filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
        .map(RoundPair::pair)
        .forEach(kept::add);
    List<Pair> forbidden =
        existing.stream()
            .filter(pair -> pair.state() == RoundPair.State.REJECTED)
            .map(RoundPair::pair)
            .toList();
    Map<Pair, RoundPair> recorded =
        existing.stream().collect(Collectors.toMap(RoundPair::pair, Function.identity()));
    List<Organisation> organisations = organisations();
    Set<String> known =
        organisations.stream()
            .filter(Organisation::takesPart)
            .map(Organisation::code)
            .collect(Collectors.toSet());
    // A self-arranged pair whose organisation has since stopped taking part is not kept.
    kept.removeIf(pair -> !known.contains(pair.a()) || !known.contains(pair.b()));
    kept.removeAll(forbidden);

    Proposal proposal =
        PartnerMatcher.propose(new PartneringInput(organisations, List.copyOf(kept), forbidden));
    for (ProposedPair proposed : proposal.pairs()) {
      RoundPair already = recorded.get(proposed.pair());
      if (already == null) {
        boolean agreed = kept.contains(proposed.pair());
        rounds.insertPair(
            round.number(),
            proposed.pair(),
            proposed.rule().name(),
            proposed.reason(),
            agreed ? RoundPair.State.CONFIRMED : RoundPair.State.PROPOSED,
            round.matchingRound());
      } else if (already.state() == RoundPair.State.DROPPED) {
        // Dropped at an earlier review, proposed again: the release managers see it again.
        rounds.propose(
            already.id(), proposed.rule().name(), proposed.reason(), round.matchingRound());
      }
    }
    for (UnmetRule unmet : proposal.unmet()) {
      rounds.addFinding(
          round.number(),
          round.matchingRound(),
          Finding.Kind.UNMET,
          unmet.rule().name(),
          unmet.participant(),
          unmet.reason());
    }
    for (NotPartnered left : proposal.notPartnered()) {
      rounds.addFinding(
          round.number(),
          round.matchingRound(),
          Finding.Kind.NOT_PARTNERED,
          null,
          left.participant(),
          left.reason());
    }
    rounds.setState(round.number(), PartneringRound.State.REVIEWING);
  }

  /**
   * Applies the release managers' changes to the proposal (read by {@link PairChanges}). A pairing
   * that breaks a partnering rule is refused with the broken rules unless the release manager
   * accepts them, and the accepted warnings are kept with the round. The approved pairs are then
   * asked of both organisations.
   */
  @Transactional
  public void applyReview(String roundId, String changes, boolean acceptWarnings) {
    PartneringRound round = rounds.round(roundId);
    List<RoundPair> existing = rounds.pairs(round.number());
    List<Organisation> organisations = organisations();
    Map<String, Organisation> byCode =
        organisations.stream().collect(Collectors.toMap(Organisation::code, Function.identity()));
    Set<Pair> proposed =
        existing.stream()
            .filter(pair -> pair.state() == RoundPair.State.PROPOSED)
            .map(RoundPair::pair)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<Pair> rejected =
        existing.stream()
            .filter(pair -> pair.state() == RoundPair.State.REJECTED)
            .map(RoundPair::pair)
            .collect(Collectors.toSet());
    Set<Pair> approved;
    try {
      approved = PairChanges.apply(changes, proposed, rejected, byCode);
    } catch (PairChanges.Refused e) {
      throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, e.getMessage());
    }
    List<Pair> confirmed =
        existing.stream()
            .filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
            .map(RoundPair::pair)
            .toList();
    List<Pair> whole = new ArrayList<>(confirmed);
    approved.stream().filter(pair -> !confirmed.contains(pair)).forEach(whole::add);
    List<RuleWarning> warnings = PartnerRules.check(organisations, whole);
    List<Finding> expected =
        rounds.findings(round.number(), round.matchingRound()).stream()
            .filter(finding -> finding.kind() == Finding.Kind.UNMET)
            .toList();
    List<RuleWarning> news =
        warnings.stream().filter(warning -> !explainedBy(warning, expected)).toList();
    if (!news.isEmpty() && !acceptWarnings) {
      throw ProcessVariables.refused(
          PartneringVariables.PAIR_CHANGES,
          "these pairs break partnering rules: "
              + news.stream().map(RuleWarning::message).collect(Collectors.joining("; "))
              + ". Change the pairs, or tick \"Go ahead despite these warnings\"");
    }
    rounds.clearFindings(round.number(), round.matchingRound(), Finding.Kind.WARNING);
    news.forEach(
        warning ->
            rounds.addFinding(
                round.number(),
                round.matchingRound(),
                Finding.Kind.WARNING,
                warning.rule().name(),
                null,
                warning.message()));

    Map<Pair, RoundPair> recorded =
        existing.stream().collect(Collectors.toMap(RoundPair::pair, Function.identity()));
    for (RoundPair pair : existing) {
      if (pair.state() == RoundPair.State.PROPOSED && !approved.contains(pair.pair())) {
        rounds.setPairState(pair.id(), RoundPair.State.DROPPED);
      }
    }
    for (Pair pair : approved) {
      RoundPair already = recorded.get(pair);
      if (already == null) {
        rounds.insertPair(
            round.number(),
            pair,
            RoundPair.ADDED_AT_REVIEW,
            "added by the release managers at review",
            RoundPair.State.CONFIRMING,
            round.matchingRound());
      } else if (already.state() == RoundPair.State.PROPOSED
          || already.state() == RoundPair.State.DROPPED) {
        rounds.askToConfirm(already.id(), round.matchingRound());
      }
    }
    rounds.setState(round.number(), PartneringRound.State.CONFIRMING);
  }

  /**
   * A warning the proposal already reported as unavoidable, for the same rule and organisation, is
   * no news.
   */
  private static boolean explainedBy(RuleWarning warning, List<Finding> unmet) {
    return unmet.stream()
        .anyMatch(
            finding ->
                warning.rule().name().equals(finding.rule())
                    && (finding.participant() == null
                        || warning.organisations().contains(finding.participant())));
  }

  private List<Organisation> organisations() {
    return participants.list().stream().map(Organisation::of).toList();
  }
}
