package uk.ccmt.partnering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import uk.ccmt.participant.Category;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;

/**
 * What partnering shows: a round with its pairs and findings, the review and escalation forms'
 * lists, and the latest published schedule. It only reads. Public, and still named for the whole
 * package, because the CCMT web page (web/) reads the published schedule from it; the services that
 * change a round ({@link PartneringRounds}, {@link RoundProposals}, {@link RoundConfirmations},
 * {@link SelfArrangedPartners}) are package-private.
 */
@Service
public class PartneringService {

  private final PartneringRepository rounds;
  private final ParticipantService participants;

  PartneringService(PartneringRepository rounds, ParticipantService participants) {
    this.rounds = rounds;
    this.participants = participants;
  }

  public PartneringView view(String roundId) {
    PartneringRound round = rounds.round(roundId);
    List<PartneringView.PairView> pairs =
        rounds.pairs(round.number()).stream()
            .filter(pair -> pair.state() != RoundPair.State.DROPPED)
            .map(
                pair ->
                    new PartneringView.PairView(
                        pair.a(),
                        pair.b(),
                        pair.reason(),
                        pair.state().name(),
                        pair.matchingRound(),
                        pair.rejectionReason()))
            .toList();
    List<String> unmet =
        rounds.findings(round.number(), round.matchingRound()).stream()
            .map(Finding::message)
            .toList();
    return new PartneringView(
        round.id(),
        round.state().name(),
        round.matchingRound(),
        pairs,
        unmet,
        round.decision(),
        round.publishedAt());
  }

  /** The latest published schedule, for the CCMT web page; empty before the first. */
  public Optional<PublishedSchedule> publishedSchedule() {
    return rounds
        .latestPublished()
        .map(
            round -> {
              Map<String, String> names =
                  participants.list().stream()
                      .collect(Collectors.toMap(Participant::code, Participant::name));
              return new PublishedSchedule(
                  round.id(),
                  round.publishedAt(),
                  confirmedPairs(round).stream()
                      .map(
                          pair ->
                              new PublishedSchedule.Partners(
                                  pair.a(), names.get(pair.a()), pair.b(), names.get(pair.b())))
                      .toList());
            });
  }

  /** What the review form shows: the proposal, and what it could not satisfy. */
  ReviewContent reviewContent(String roundId) {
    PartneringRound round = rounds.round(roundId);
    List<RoundPair> pairs = rounds.pairs(round.number());
    List<String> explained =
        pairs.stream()
            .filter(
                pair ->
                    pair.state() == RoundPair.State.PROPOSED
                        || pair.state() == RoundPair.State.CONFIRMED)
            .map(
                pair ->
                    pair.a()
                        + "–"
                        + pair.b()
                        + (pair.state() == RoundPair.State.CONFIRMED ? " (confirmed): " : ": ")
                        + pair.reason())
            .toList();
    List<String> findings =
        rounds.findings(round.number(), round.matchingRound()).stream()
            .map(Finding::message)
            .toList();
    return new ReviewContent(
        explained, findings.isEmpty() ? List.of("Every rule is met.") : findings);
  }

  /**
   * The organisations still to answer a confirmation, each with the partners it has not answered
   * about.
   */
  List<String> unanswered(String roundId) {
    Map<String, List<String>> waiting = new TreeMap<>();
    for (RoundPair pair : rounds.pairs(rounds.round(roundId).number())) {
      if (pair.state() == RoundPair.State.CONFIRMING) {
        if (pair.aAccepted() == null) {
          waiting.computeIfAbsent(pair.a(), code -> new ArrayList<>()).add(pair.b());
        }
        if (pair.bAccepted() == null) {
          waiting.computeIfAbsent(pair.b(), code -> new ArrayList<>()).add(pair.a());
        }
      }
    }
    return waiting.entrySet().stream()
        .map(entry -> entry.getKey() + " (about " + String.join(", ", entry.getValue()) + ")")
        .toList();
  }

  /** Organisations taking part that can be partnered (not GTs) but have no confirmed partner. */
  List<String> unpartnered(String roundId) {
    return unpartnered(rounds.round(roundId).number());
  }

  List<String> unpartnered(long round) {
    Set<String> partnered =
        rounds.pairs(round).stream()
            .filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
            .flatMap(pair -> Stream.of(pair.a(), pair.b()))
            .collect(Collectors.toSet());
    return participants.list().stream()
        .filter(participant -> participant.takesPart() && participant.category() != Category.GT)
        .map(Participant::code)
        .filter(code -> !partnered.contains(code))
        .sorted()
        .toList();
  }

  List<RoundPair> confirmedPairs(PartneringRound round) {
    return rounds.pairs(round.number()).stream()
        .filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
        .toList();
  }

  /** One line per proposed pair with its reason, and one per rule the population could not meet. */
  record ReviewContent(List<String> pairs, List<String> findings) {}
}
