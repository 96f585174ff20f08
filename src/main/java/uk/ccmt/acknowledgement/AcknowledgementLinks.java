package uk.ccmt.acknowledgement;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.acknowledgement.NoteAcknowledgementRepository.Acknowledgement;
import uk.ccmt.acknowledgement.NoteAcknowledgementRepository.Round;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.WebProperties;

/**
 * The one-time link of a release note's acknowledgement (issue 16): what the link's page shows, and
 * the acknowledgement its button makes. Only a well-formed, known, unused and unexpired token is
 * usable; the row it acknowledges is written once, as in Tasklist, by NoteAcknowledgements.
 */
@Service
class AcknowledgementLinks {

  private final NoteAcknowledgementRepository repository;
  private final NoteAcknowledgements acknowledgements;
  private final ParticipantService participants;
  private final DecisionRecord decisions;
  private final RuntimeService runtime;
  private final WebProperties web;
  private final Clock clock;

  AcknowledgementLinks(
      NoteAcknowledgementRepository repository,
      NoteAcknowledgements acknowledgements,
      ParticipantService participants,
      DecisionRecord decisions,
      RuntimeService runtime,
      WebProperties web,
      Clock clock) {
    this.repository = repository;
    this.acknowledgements = acknowledgements;
    this.participants = participants;
    this.decisions = decisions;
    this.runtime = runtime;
    this.web = web;
    this.clock = clock;
  }

  /**
   * What the link's page shows before anything is written: a mail scanner that opens the link
   * acknowledges nothing.
   */
  @Transactional(readOnly = true)
  LinkPreview preview(String token) {
    Acknowledgement row = usable(token);
    Round round = acknowledgements.round(row.noteId());
    return preview(row, round);
  }

  /**
   * The link's button: acknowledges for the organisation, once. Its Tasklist task goes, and the
   * decision record says it was acknowledged by link.
   */
  @Transactional
  LinkPreview acknowledgeByLink(String token) {
    Acknowledgement found = usable(token);
    repository.lockRound(found.noteId());
    Acknowledgement row = repository.lockRow(found.noteId(), found.participantCode());
    if (!AcknowledgementTokens.matches(token, row.tokenHash())) {
      throw new LinkRefused(LinkRefused.Reason.UNKNOWN);
    }
    if (row.acknowledgedAt() != null) {
      throw new LinkRefused(LinkRefused.Reason.USED);
    }
    Round round = acknowledgements.round(row.noteId());
    acknowledgements.record(row, "link", NoteAcknowledgements.VIA_LINK);
    if (row.processInstanceId() != null) {
      runtime
          .createMessageCorrelation(NoteAcknowledgements.BY_LINK_MESSAGE)
          .processInstanceId(row.processInstanceId())
          .correlateAllWithResult();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("acknowledged", true);
    values.put("participantCode", row.participantCode());
    values.put("noteId", row.noteId());
    values.put("via", "link");
    decisions.record(
        round.releaseId(),
        NoteAcknowledgements.TASK,
        "Acknowledge release note " + round.noteTitle(),
        "acknowledged by link",
        values,
        "link",
        null);
    return preview(row, round);
  }

  /** The row of a well-formed, known, unused and unexpired token; else why not. */
  private Acknowledgement usable(String token) {
    if (!AcknowledgementTokens.wellFormed(token)) {
      throw new LinkRefused(LinkRefused.Reason.UNKNOWN);
    }
    Acknowledgement row =
        repository
            .byTokenHash(AcknowledgementTokens.hash(token))
            .filter(found -> AcknowledgementTokens.matches(token, found.tokenHash()))
            .orElseThrow(() -> new LinkRefused(LinkRefused.Reason.UNKNOWN));
    if (row.acknowledgedAt() != null) {
      throw new LinkRefused(LinkRefused.Reason.USED);
    }
    if (!clock.instant().isBefore(row.expiresAt())) {
      throw new LinkRefused(LinkRefused.Reason.EXPIRED);
    }
    return row;
  }

  private LinkPreview preview(Acknowledgement row, Round round) {
    Participant participant = participants.get(row.participantCode());
    return new LinkPreview(
        round.noteTitle(),
        participant.name() + " (" + participant.code() + ")",
        acknowledgements.describe(round.dueAt()),
        web.releasePage(round.releaseId()).toString());
  }

  /** What the link's page shows. */
  record LinkPreview(String noteTitle, String organisation, String dueText, String releasePage) {}
}
