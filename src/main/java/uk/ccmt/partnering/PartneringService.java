package uk.ccmt.partnering;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.participant.Category;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.NumberedIds;
import uk.ccmt.system.ProcessVariables;

/**
 * Partnering rounds: propose pairs with {@link PartnerMatcher}, apply the release managers' review,
 * collect both organisations' answers, re-match rejected pairs, and publish the schedule. The pairs
 * and findings live in tables; the partnering process holds only the round's id and its flags.
 */
@Service
public class PartneringService {

  static final String PROCESS = "partnering";
  /** Rounds of matching before the release managers decide on what is still rejected. */
  static final int MATCHING_ROUNDS = 2;
  private static final Pattern PAIR_LINE = Pattern.compile("\\s*([A-Za-z0-9]+)\\s*[-–,/ ]\\s*([A-Za-z0-9]+)\\s*(\\(.*\\))?\\s*");

  private final PartneringRepository rounds;
  private final ParticipantService participants;
  private final PartneringMailing mailing;
  private final Clock clock;
  private final RuntimeService runtime;

  PartneringService(PartneringRepository rounds, ParticipantService participants, PartneringMailing mailing,
      Clock clock, RuntimeService runtime) {
    this.rounds = rounds;
    this.participants = participants;
    this.mailing = mailing;
    this.clock = clock;
    this.runtime = runtime;
  }

  // --- self-arranged partnerships -------------------------------------------------------------

  /** Records that one organisation arranged its own partner; confirmed once the partner declares it back. */
  @Transactional
  public SelfArranged declare(String code, String partner) {
    Participant declaring = participants.get(code.strip().toUpperCase(Locale.ROOT));
    if (partner == null || partner.isBlank()) {
      throw new InvalidInputException("partner", "is required: the code of the partner organisation");
    }
    Pair pair;
    try {
      pair = PartnerRules.validateSelfArranged(organisations(), declaring.code(), partner.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("partner", e.getMessage());
    }
    String partnerCode = pair.partnerOf(declaring.code());
    rounds.declare(declaring.code(), partnerCode, clock.instant());
    return new SelfArranged(declaring.code(), partnerCode, rounds.isDeclared(partnerCode, declaring.code()));
  }

  /** The organisation's self-arranged partnerships, each confirmed or waiting for the partner. */
  public List<SelfArranged> selfArranged(String code) {
    String own = participants.get(code.strip().toUpperCase(Locale.ROOT)).code();
    Set<String> declaredByUs = new TreeSet<>();
    Set<String> declaredByThem = new TreeSet<>();
    for (String[] declaration : rounds.declarationsInvolving(own)) {
      if (declaration[0].equals(own)) {
        declaredByUs.add(declaration[1]);
      } else {
        declaredByThem.add(declaration[0]);
      }
    }
    Set<String> all = new TreeSet<>(declaredByUs);
    all.addAll(declaredByThem);
    return all.stream().map(partner -> new SelfArranged(own, partner,
        declaredByUs.contains(partner) && declaredByThem.contains(partner))).toList();
  }

  // --- a round --------------------------------------------------------------------------------

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
    return new ConflictException("Partnering round running",
        "a partnering round is running already; it must be published or cancelled first", Map.of());
  }

  /**
   * Proposes partners for the round's current matching round. Kept: confirmed self-arranged pairs
   * and pairs confirmed earlier in this round. Never again: pairs rejected in this round.
   */
  @Transactional
  public void propose(String roundId) {
    PartneringRound round = round(roundId);
    List<RoundPair> existing = rounds.pairs(round.number());
    Set<Pair> kept = new LinkedHashSet<>(rounds.confirmedSelfArranged());
    existing.stream().filter(pair -> pair.state() == RoundPair.State.CONFIRMED).map(RoundPair::pair).forEach(kept::add);
    List<Pair> forbidden = existing.stream().filter(pair -> pair.state() == RoundPair.State.REJECTED)
        .map(RoundPair::pair).toList();
    Map<Pair, RoundPair> recorded = existing.stream().collect(Collectors.toMap(RoundPair::pair, Function.identity()));
    List<Organisation> organisations = organisations();
    Set<String> known = organisations.stream().filter(Organisation::takesPart).map(Organisation::code)
        .collect(Collectors.toSet());
    // A self-arranged pair whose organisation has since stopped taking part is not kept.
    kept.removeIf(pair -> !known.contains(pair.a()) || !known.contains(pair.b()));
    kept.removeAll(forbidden);

    Proposal proposal = PartnerMatcher.propose(new PartneringInput(organisations, List.copyOf(kept), forbidden));
    for (ProposedPair proposed : proposal.pairs()) {
      RoundPair already = recorded.get(proposed.pair());
      if (already == null) {
        boolean agreed = kept.contains(proposed.pair());
        rounds.insertPair(round.number(), proposed.pair(), proposed.rule().name(), proposed.reason(),
            agreed ? RoundPair.State.CONFIRMED : RoundPair.State.PROPOSED, round.matchingRound());
      } else if (already.state() == RoundPair.State.DROPPED) {
        // Dropped at an earlier review, proposed again: the release managers see it again.
        rounds.propose(already.id(), proposed.rule().name(), proposed.reason(), round.matchingRound());
      }
    }
    for (UnmetRule unmet : proposal.unmet()) {
      rounds.addFinding(round.number(), round.matchingRound(), Finding.Kind.UNMET, unmet.rule().name(),
          unmet.participant(), unmet.reason());
    }
    for (NotPartnered left : proposal.notPartnered()) {
      rounds.addFinding(round.number(), round.matchingRound(), Finding.Kind.NOT_PARTNERED, null, left.participant(),
          left.reason());
    }
    rounds.setState(round.number(), PartneringRound.State.REVIEWING);
  }

  /** What the review form shows: the proposal, and what it could not satisfy. */
  public ReviewContent reviewContent(String roundId) {
    PartneringRound round = round(roundId);
    List<RoundPair> pairs = rounds.pairs(round.number());
    List<String> explained = pairs.stream().filter(pair -> pair.state() == RoundPair.State.PROPOSED
            || pair.state() == RoundPair.State.CONFIRMED)
        .map(pair -> pair.a() + "–" + pair.b() + (pair.state() == RoundPair.State.CONFIRMED ? " (confirmed): " : ": ")
            + pair.reason())
        .toList();
    List<String> findings = rounds.findings(round.number(), round.matchingRound()).stream().map(Finding::message)
        .toList();
    return new ReviewContent(explained, findings.isEmpty() ? List.of("Every rule is met.") : findings);
  }

  /**
   * Applies the release managers' changes to the proposal: "+A-B" adds a pair, "-A-B" drops a
   * proposed one. A pair naming an unknown or non-participating organisation, or one paired with
   * itself, is refused. A pairing that breaks a partnering rule is refused with the broken rules
   * unless the release manager accepts them, and the accepted warnings are kept with the round.
   * The approved pairs are then asked of both organisations.
   */
  @Transactional
  public void applyReview(String roundId, String changes, boolean acceptWarnings) {
    PartneringRound round = round(roundId);
    List<RoundPair> existing = rounds.pairs(round.number());
    List<Organisation> organisations = organisations();
    Map<String, Organisation> byCode = organisations.stream()
        .collect(Collectors.toMap(Organisation::code, Function.identity()));
    Set<Pair> approved = existing.stream().filter(pair -> pair.state() == RoundPair.State.PROPOSED)
        .map(RoundPair::pair).collect(Collectors.toCollection(LinkedHashSet::new));
    Set<Pair> rejected = existing.stream().filter(pair -> pair.state() == RoundPair.State.REJECTED)
        .map(RoundPair::pair).collect(Collectors.toSet());
    applyChanges(changes == null ? "" : changes, approved, rejected, byCode);
    List<Pair> confirmed = existing.stream().filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
        .map(RoundPair::pair).toList();
    List<Pair> whole = new ArrayList<>(confirmed);
    approved.stream().filter(pair -> !confirmed.contains(pair)).forEach(whole::add);
    List<RuleWarning> warnings = PartnerRules.check(organisations, whole);
    List<Finding> expected = rounds.findings(round.number(), round.matchingRound()).stream()
        .filter(finding -> finding.kind() == Finding.Kind.UNMET).toList();
    List<RuleWarning> news = warnings.stream().filter(warning -> !explainedBy(warning, expected)).toList();
    if (!news.isEmpty() && !acceptWarnings) {
      throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, "these pairs break partnering rules: "
          + news.stream().map(RuleWarning::message).collect(Collectors.joining("; "))
          + ". Change the pairs, or tick \"Go ahead despite these warnings\"");
    }
    rounds.clearFindings(round.number(), round.matchingRound(), Finding.Kind.WARNING);
    news.forEach(warning -> rounds.addFinding(round.number(), round.matchingRound(), Finding.Kind.WARNING,
        warning.rule().name(), null, warning.message()));

    Map<Pair, RoundPair> recorded = existing.stream().collect(Collectors.toMap(RoundPair::pair, Function.identity()));
    for (RoundPair pair : existing) {
      if (pair.state() == RoundPair.State.PROPOSED && !approved.contains(pair.pair())) {
        rounds.setPairState(pair.id(), RoundPair.State.DROPPED);
      }
    }
    for (Pair pair : approved) {
      RoundPair already = recorded.get(pair);
      if (already == null) {
        rounds.insertPair(round.number(), pair, RoundPair.ADDED_AT_REVIEW, "added by the release managers at review",
            RoundPair.State.CONFIRMING, round.matchingRound());
      } else if (already.state() == RoundPair.State.PROPOSED || already.state() == RoundPair.State.DROPPED) {
        rounds.askToConfirm(already.id(), round.matchingRound());
      }
    }
    rounds.setState(round.number(), PartneringRound.State.CONFIRMING);
  }

  /** The confirmations the round asks for now: one per organisation of each pair being confirmed. */
  public List<String> confirmationsToAsk(String roundId) {
    List<String> confirmations = new ArrayList<>();
    for (RoundPair pair : rounds.pairs(round(roundId).number())) {
      if (pair.state() == RoundPair.State.CONFIRMING) {
        confirmations.add(Confirmation.of(pair.id(), pair.a()));
        confirmations.add(Confirmation.of(pair.id(), pair.b()));
      }
    }
    return confirmations;
  }

  @Transactional
  public void cancel(String roundId) {
    rounds.finish(round(roundId).number(), PartneringRound.State.CANCELLED, clock.instant());
  }

  /** Lets the next round start once this one's instance has ended, however it ended. */
  @Transactional
  public void release(String roundId) {
    PartneringRound round = round(roundId);
    if (round.state() != PartneringRound.State.PUBLISHED && round.state() != PartneringRound.State.CANCELLED) {
      rounds.finish(round.number(), PartneringRound.State.CANCELLED, clock.instant());
    }
  }

  /**
   * Records which pair and organisation a confirmation branch asks, and returns what its task
   * shows the organisation about its proposed partner.
   */
  @Transactional
  public ConfirmationContent askConfirmation(String branch, String confirmation) {
    RoundPair pair = pair(confirmation);
    String own = Confirmation.organisationOf(confirmation);
    if (!pair.involves(own)) {
      throw new IllegalStateException("confirmation " + confirmation + " names an organisation not in its pair");
    }
    rounds.recordConfirmationBranch(branch, pair.id(), own);
    Participant partner = participants.get(pair.partnerOf(own));
    String label = Population.label(partner.category());
    return new ConfirmationContent(own, partner.code(), partner.name(),
        Character.toUpperCase(label.charAt(0)) + label.substring(1),
        partner.region() == null ? "region not given" : partner.region(), pair.reason());
  }

  /**
   * Records the answer of the organisation a confirmation branch asked, and why when it says no; a
   * pair is confirmed by both, and rejected by either.
   */
  @Transactional
  public void answer(String branch, boolean accepted, String reason) {
    RoundPair.Branch asked = rounds.confirmationBranch(branch)
        .orElseThrow(() -> new IllegalStateException("no confirmation was asked in branch " + branch));
    RoundPair pair = rounds.answer(asked.pairId(), asked.participantCode(), accepted,
        accepted || reason == null || reason.isBlank() ? null
            : asked.participantCode() + ": " + (reason.strip().length() > 900 ? reason.strip().substring(0, 900)
                : reason.strip()));
    if (Boolean.FALSE.equals(pair.aAccepted()) || Boolean.FALSE.equals(pair.bAccepted())) {
      rounds.setPairState(pair.id(), RoundPair.State.REJECTED);
    } else if (Boolean.TRUE.equals(pair.aAccepted()) && Boolean.TRUE.equals(pair.bAccepted())) {
      rounds.setPairState(pair.id(), RoundPair.State.CONFIRMED);
    }
  }

  /** Whether an organisation said no to a pair it was asked about in this matching round. */
  public boolean anyRejectedThisMatchingRound(String roundId) {
    PartneringRound round = round(roundId);
    return rounds.pairs(round.number()).stream().anyMatch(pair -> pair.state() == RoundPair.State.REJECTED
        && pair.matchingRound() == round.matchingRound());
  }

  /** Starts the next matching round when fewer than {@value #MATCHING_ROUNDS} have run; false otherwise. */
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
    List<RoundPair> confirmed = confirmedPairs(round);
    Map<String, Participant> byCode = participants.list().stream()
        .collect(Collectors.toMap(Participant::code, Function.identity()));
    for (Participant participant : byCode.values().stream().sorted(Comparator.comparing(Participant::code)).toList()) {
      List<Participant> partners = confirmed.stream().filter(pair -> pair.involves(participant.code()))
          .map(pair -> byCode.get(pair.partnerOf(participant.code()))).toList();
      if (!partners.isEmpty()) {
        mailing.queueSchedule(round, participant, partners);
      }
    }
    rounds.finish(round.number(), PartneringRound.State.PUBLISHED, clock.instant());
    return unpartnered(round.number());
  }

  public void emailSchedule(String roundId) {
    mailing.deliverSchedule(round(roundId));
  }

  /** The organisations still to answer a confirmation, each with the partners it has not answered about. */
  public List<String> unanswered(String roundId) {
    Map<String, List<String>> waiting = new java.util.TreeMap<>();
    for (RoundPair pair : rounds.pairs(round(roundId).number())) {
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
        .map(entry -> entry.getKey() + " (about " + String.join(", ", entry.getValue()) + ")").toList();
  }

  /** Organisations taking part that can be partnered (not GTs) but have no confirmed partner. */
  public List<String> unpartnered(String roundId) {
    return unpartnered(round(roundId).number());
  }

  public PartneringView view(String roundId) {
    PartneringRound round = round(roundId);
    List<PartneringView.PairView> pairs = rounds.pairs(round.number()).stream()
        .filter(pair -> pair.state() != RoundPair.State.DROPPED)
        .map(pair -> new PartneringView.PairView(pair.a(), pair.b(), pair.reason(), pair.state().name(),
            pair.matchingRound(), pair.rejectionReason()))
        .toList();
    List<String> unmet = rounds.findings(round.number(), round.matchingRound()).stream().map(Finding::message)
        .toList();
    return new PartneringView(round.id(), round.state().name(), round.matchingRound(), pairs, unmet,
        round.decision(), round.publishedAt());
  }

  /** The latest published schedule, for the CCMT web page; empty before the first. */
  public Optional<PublishedSchedule> publishedSchedule() {
    return rounds.latestPublished().map(round -> {
      Map<String, String> names = participants.list().stream()
          .collect(Collectors.toMap(Participant::code, Participant::name));
      return new PublishedSchedule(round.id(), round.publishedAt(), confirmedPairs(round).stream()
          .map(pair -> new PublishedSchedule.Partners(pair.a(), names.get(pair.a()), pair.b(), names.get(pair.b())))
          .toList());
    });
  }

  private List<RoundPair> confirmedPairs(PartneringRound round) {
    return rounds.pairs(round.number()).stream().filter(pair -> pair.state() == RoundPair.State.CONFIRMED).toList();
  }

  private List<String> unpartnered(long round) {
    Set<String> partnered = rounds.pairs(round).stream().filter(pair -> pair.state() == RoundPair.State.CONFIRMED)
        .flatMap(pair -> java.util.stream.Stream.of(pair.a(), pair.b())).collect(Collectors.toSet());
    return participants.list().stream()
        .filter(participant -> participant.takesPart() && participant.category() != Category.GT)
        .map(Participant::code).filter(code -> !partnered.contains(code)).sorted().toList();
  }

  private static void applyChanges(String text, Set<Pair> approved, Set<Pair> rejected,
      Map<String, Organisation> byCode) {
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + (i + 1) + " '" + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "'";
      char change = line.charAt(0);
      var match = PAIR_LINE.matcher(line.substring(1));
      if ((change != '+' && change != '-') || !match.matches()) {
        throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where
            + " is not a change: write +NLE-CWE to add a pair or -NLE-BRG to drop one, one per line");
      }
      String a = match.group(1).toUpperCase(Locale.ROOT);
      String b = match.group(2).toUpperCase(Locale.ROOT);
      for (String code : List.of(a, b)) {
        Organisation organisation = byCode.get(code);
        if (organisation == null) {
          throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where + ": " + code
              + " is not a registered participant");
        }
        if (!organisation.takesPart()) {
          throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where + ": " + code
              + " does not take part in this phase");
        }
      }
      if (a.equals(b)) {
        throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where + ": " + a
            + " cannot be paired with itself");
      }
      Pair pair = new Pair(a, b);
      if (change == '-') {
        if (!approved.remove(pair)) {
          throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where + ": " + pair.a() + "-" + pair.b()
              + " is not among the proposed pairs");
        }
      } else if (rejected.contains(pair)) {
        throw ProcessVariables.refused(PartneringVariables.PAIR_CHANGES, where + ": " + pair.a() + "-" + pair.b()
            + " was rejected by one of the two organisations in this round");
      } else {
        approved.add(pair);
      }
    }
  }

  /** A warning the proposal already reported as unavoidable, for the same rule and organisation, is no news. */
  private static boolean explainedBy(RuleWarning warning, List<Finding> unmet) {
    return unmet.stream().anyMatch(finding -> warning.rule().name().equals(finding.rule())
        && (finding.participant() == null || warning.organisations().contains(finding.participant())));
  }

  private List<Organisation> organisations() {
    return participants.list().stream().map(Organisation::of).toList();
  }

  private PartneringRound round(String roundId) {
    OptionalLong number = NumberedIds.number(PartneringRound.PREFIX, roundId);
    return (number.isPresent() ? rounds.findRound(number.getAsLong()) : Optional.<PartneringRound>empty())
        .orElseThrow(() -> new NotFoundException("Partnering round", roundId));
  }

  private RoundPair pair(String confirmation) {
    long pairId = Confirmation.pairOf(confirmation);
    return rounds.pair(pairId).orElseThrow(() -> new NotFoundException("Partner pair", "" + pairId));
  }

  /** POST /api/participants/{code}/partners, read back. */
  record SelfArranged(String participant, String partner, boolean confirmed) {
  }

  /** One line per proposed pair with its reason, and one per rule the population could not meet. */
  record ReviewContent(List<String> pairs, List<String> findings) {
  }

  record ConfirmationContent(String participant, String partnerCode, String partnerName, String partnerCategory,
      String partnerRegion, String reason) {
  }
}
