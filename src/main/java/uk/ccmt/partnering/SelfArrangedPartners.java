package uk.ccmt.partnering;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.InvalidInputException;

/**
 * Partners the organisations arranged themselves: each side declares the other, and the pair is
 * confirmed once both have. Every proposal keeps a confirmed one.
 */
@Service
class SelfArrangedPartners {

  private final PartneringRepository rounds;
  private final ParticipantService participants;
  private final Clock clock;

  SelfArrangedPartners(PartneringRepository rounds, ParticipantService participants, Clock clock) {
    this.rounds = rounds;
    this.participants = participants;
    this.clock = clock;
  }

  /**
   * Records that one organisation arranged its own partner; confirmed once the partner declares it
   * back.
   */
  @Transactional
  public SelfArranged declare(String code, String partner) {
    Participant declaring = participants.get(code.strip().toUpperCase(Locale.ROOT));
    if (partner == null || partner.isBlank()) {
      throw new InvalidInputException(
          "partner", "is required: the code of the partner organisation");
    }
    Pair pair;
    try {
      pair =
          PartnerRules.validateSelfArranged(
              organisations(), declaring.code(), partner.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("partner", e.getMessage());
    }
    String partnerCode = pair.partnerOf(declaring.code());
    rounds.declare(declaring.code(), partnerCode, clock.instant());
    return new SelfArranged(
        declaring.code(), partnerCode, rounds.isDeclared(partnerCode, declaring.code()));
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
    return all.stream()
        .map(
            partner ->
                new SelfArranged(
                    own,
                    partner,
                    declaredByUs.contains(partner) && declaredByThem.contains(partner)))
        .toList();
  }

  private List<Organisation> organisations() {
    return participants.list().stream().map(Organisation::of).toList();
  }

  /** POST /api/participants/{code}/partners, read back. */
  record SelfArranged(String participant, String partner, boolean confirmed) {}
}
