package uk.ccmt.partnering;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.ConflictException;

/**
 * A partnering round from start to end: one at a time, re-matched once after rejections, then
 * decided by the release managers, and ended by publishing the schedule or by cancelling. The
 * partnering process holds only the round's id and its flags.
 */
@Service
class PartneringRounds {

  static final String PROCESS = "partnering";

  /** Rounds of matching before the release managers decide on what is still rejected. */
  static final int MATCHING_ROUNDS = 2;

  private final PartneringRepository rounds;
  private final ParticipantService participants;
  private final PartneringMailing mailing;
  private final PartneringService views;
  private final Clock clock;
  private final RuntimeService runtime;

  PartneringRounds(
      PartneringRepository rounds,
      ParticipantService participants,
      PartneringMailing mailing,
      PartneringService views,
      Clock clock,
      RuntimeService runtime) {
    this.rounds = rounds;
    this.participants = participants;
    this.mailing = mailing;
    this.views = views;
    this.clock = clock;
    this.runtime = runtime;
  }

  @Transactional
  public String start(String startedBy) {
    if (rounds.anyRunning()) {
      throw running();
    }
    long number;
    try {
      number = rounds.insertRound(startedBy, clock.instant());
    } catch (DuplicateKeyException e) {
      throw running();
    }
    String id = PartneringRound.PREFIX + number;
    runtime.startProcessInstanceByKey(PROCESS, id);
    return id;
  }

  private static ConflictException running() {
    return new ConflictException(
        "Partnering round running",
        "a partnering round is running already; it must be published or cancelled first",
        Map.of());
  }

  @Transactional
  public void cancel(String roundId) {
    rounds.finish(round(roundId).number(), PartneringRound.State.CANCELLED, clock.instant());
  }

  /** Lets the next round start once this one's instance has ended, however it ended. */
  @Transactional
  public void release(String roundId) {
    PartneringRound round = round(roundId);
    if (round.state() != PartneringRound.State.PUBLISHED
        && round.state() != PartneringRound.State.CANCELLED) {
      rounds.finish(round.number(), PartneringRound.State.CANCELLED, clock.instant());
    }
  }

  /**
   * Starts the next matching round when fewer than {@value #MATCHING_ROUNDS} have run; false
   * otherwise.
   */
  @Transactional
  public boolean rematch(String roundId) {
    PartneringRound round = round(roundId);
    if (round.matchingRound() >= MATCHING_ROUNDS) {
      rounds.setState(round.number(), PartneringRound.State.DECIDING);
      return false;
    }
    rounds.nextMatchingRound(round.number());
    return true;
  }

  @Transactional
  public void recordDecision(String roundId, String decision) {
    rounds.recordDecision(round(roundId).number(), decision);
  }

  /**
   * Publishes the confirmed pairs: the CCMT web page shows them from now on, and each organisation
   * is emailed its own partners. Returns the organisations left without a partner.
   */
  @Transactional
  public List<String> publish(String roundId) {
    PartneringRound round = round(roundId);
    List<RoundPair> confirmed = views.confirmedPairs(round);
    Map<String, Participant> byCode =
        participants.list().stream()
            .collect(Collectors.toMap(Participant::code, Function.identity()));
    for (Participant participant :
        byCode.values().stream().sorted(Comparator.comparing(Participant::code)).toList()) {
      List<Participant> partners =
          confirmed.stream()
              .filter(pair -> pair.involves(participant.code()))
              .map(pair -> byCode.get(pair.partnerOf(participant.code())))
              .toList();
      if (!partners.isEmpty()) {
        mailing.queueSchedule(round, participant, partners);
      }
    }
    rounds.finish(round.number(), PartneringRound.State.PUBLISHED, clock.instant());
    return views.unpartnered(round.number());
  }

  public void emailSchedule(String roundId) {
    mailing.deliverSchedule(round(roundId));
  }

  private PartneringRound round(String roundId) {
    return rounds.round(roundId);
  }
}
