package uk.ccmt.partnering;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.NotFoundException;

/**
 * Both organisations of every approved pair confirm it, each in its own branch: a pair is confirmed
 * by both, and rejected by either. Answers are recorded against the branch that asked, never
 * against a variable an organisation's task could set.
 */
@Service
class RoundConfirmations {

  private final PartneringRepository rounds;
  private final ParticipantService participants;

  RoundConfirmations(PartneringRepository rounds, ParticipantService participants) {
    this.rounds = rounds;
    this.participants = participants;
  }

  /**
   * The confirmations the round asks for now: one per organisation of each pair being confirmed.
   */
  public List<String> confirmationsToAsk(String roundId) {
    List<String> confirmations = new ArrayList<>();
    for (RoundPair pair : rounds.pairs(rounds.round(roundId).number())) {
      if (pair.state() == RoundPair.State.CONFIRMING) {
        confirmations.add(Confirmation.of(pair.id(), pair.a()));
        confirmations.add(Confirmation.of(pair.id(), pair.b()));
      }
    }
    return confirmations;
  }

  /**
   * Records which pair and organisation a confirmation branch asks, and returns what its task shows
   * the organisation about its proposed partner.
   */
  @Transactional
  public ConfirmationContent askConfirmation(String branch, String confirmation) {
    RoundPair pair = pair(confirmation);
    String own = Confirmation.organisationOf(confirmation);
    if (!pair.involves(own)) {
      throw new IllegalStateException(
          "confirmation " + confirmation + " names an organisation not in its pair");
    }
    rounds.recordConfirmationBranch(branch, pair.id(), own);
    Participant partner = participants.get(pair.partnerOf(own));
    String label = Population.label(partner.category());
    return new ConfirmationContent(
        own,
        partner.code(),
        partner.name(),
        Character.toUpperCase(label.charAt(0)) + label.substring(1),
        partner.region() == null ? "region not given" : partner.region(),
        pair.reason());
  }

  /**
   * Records the answer of the organisation a confirmation branch asked, and why when it says no; a
   * pair is confirmed by both, and rejected by either.
   */
  @Transactional
  public void answer(String branch, boolean accepted, String reason) {
    RoundPair.Branch asked =
        rounds
            .confirmationBranch(branch)
            .orElseThrow(
                () -> new IllegalStateException("no confirmation was asked in branch " + branch));
    RoundPair pair =
        rounds.answer(
            asked.pairId(),
            asked.participantCode(),
            accepted,
            accepted || reason == null || reason.isBlank()
                ? null
                : asked.participantCode()
                    + ": "
                    + (reason.strip().length() > 900
                        ? reason.strip().substring(0, 900)
                        : reason.strip()));
    if (Boolean.FALSE.equals(pair.aAccepted()) || Boolean.FALSE.equals(pair.bAccepted())) {
      rounds.setPairState(pair.id(), RoundPair.State.REJECTED);
    } else if (Boolean.TRUE.equals(pair.aAccepted()) && Boolean.TRUE.equals(pair.bAccepted())) {
      rounds.setPairState(pair.id(), RoundPair.State.CONFIRMED);
    }
  }

  /** Whether an organisation said no to a pair it was asked about in this matching round. */
  public boolean anyRejectedThisMatchingRound(String roundId) {
    PartneringRound round = rounds.round(roundId);
    return rounds.pairs(round.number()).stream()
        .anyMatch(
            pair ->
                pair.state() == RoundPair.State.REJECTED
                    && pair.matchingRound() == round.matchingRound());
  }

  private RoundPair pair(String confirmation) {
    long pairId = Confirmation.pairOf(confirmation);
    return rounds
        .pair(pairId)
        .orElseThrow(() -> new NotFoundException("Partner pair", "" + pairId));
  }

  record ConfirmationContent(
      String participant,
      String partnerCode,
      String partnerName,
      String partnerCategory,
      String partnerRegion,
      String reason) {}
}
