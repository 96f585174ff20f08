package uk.ccmt.acknowledgement;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import uk.ccmt.acknowledgement.NoteAcknowledgementRepository.Acknowledgement;
import uk.ccmt.acknowledgement.NoteAcknowledgementRepository.Round;
import uk.ccmt.note.NoteAcknowledgementRequests;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.WebProperties;

/**
 * Acknowledgement of release notes (issue 16). A note whose kind needs it (ccmt.notes.acknowledge)
 * asks every organisation taking part: one row each, with the hash of a one-time link that goes in
 * that organisation's email, and one small releaseNoteAcknowledgement process each, in its tenant,
 * opened a group of organisations at a time by the note's releaseNoteAcknowledgements round.
 *
 * <p>An organisation acknowledges in Tasklist or by its link; either way the row is written once,
 * so the other way no longer works (the link's side is AcknowledgementLinks). The last
 * acknowledgement tells the round, under the round's row lock, as the round checks under the same
 * lock.
 *
 * <p>It stays over 300 lines because asking, Tasklist acknowledgement, reminders and the release's
 * view all work on the one round and its lock.
 */
@Service
class NoteAcknowledgements implements NoteAcknowledgementRequests {

  static final String ROUND_PROCESS = "releaseNoteAcknowledgements";
  static final String ORGANISATION_PROCESS = "releaseNoteAcknowledgement";
  static final String BY_LINK_MESSAGE = "ReleaseNoteAcknowledgedByLink";
  static final String EVERY_ACKNOWLEDGEMENT_MESSAGE = "ReleaseNoteAcknowledgedByAll";
  static final String TASK = "acknowledgeReleaseNote";
  static final String NOTE_ID = "noteId";
  static final String PARTICIPANT_CODE = "participantCode";
  static final String VIA_LINK = "LINK";
  static final String VIA_TASKLIST = "TASKLIST";

  /** How many organisations one step asks: one transaction. */
  static final int ORGANISATIONS_PER_STEP = 20;

  private final NoteAcknowledgementRepository acknowledgements;
  private final ParticipantService participants;
  private final ReleaseNoteService notes;
  private final AcknowledgementProperties properties;
  private final AcknowledgementMailing mailing;
  private final RuntimeService runtime;
  private final WebProperties web;
  private final ReadableDates dates;
  private final Clock clock;

  NoteAcknowledgements(
      NoteAcknowledgementRepository acknowledgements,
      ParticipantService participants,
      ReleaseNoteService notes,
      AcknowledgementProperties properties,
      AcknowledgementMailing mailing,
      RuntimeService runtime,
      WebProperties web,
      ReadableDates dates,
      Clock clock) {
    this.acknowledgements = acknowledgements;
    this.participants = participants;
    this.notes = notes;
    this.properties = properties;
    this.mailing = mailing;
    this.runtime = runtime;
    this.web = web;
    this.dates = dates;
    this.clock = clock;
  }

  /**
   * In the transaction that queues the note's email: when the note needs acknowledgement, every
   * organisation taking part gets a row and a link, and the note's round is started (its first step
   * is a job of its own, after this commits).
   */
  @Override
  @Transactional
  public Optional<Map<String, URI>> ask(ReleaseNote note) {
    if (!properties.requires(note.kind())) {
      return Optional.empty();
    }
    if (acknowledgements.round(note.id()).isPresent()) {
      return Optional.of(Map.of());
    }
    List<String> codes =
        participants.list().stream().filter(Participant::takesPart).map(Participant::code).toList();
    if (codes.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Map<String, String> hashes = new LinkedHashMap<>();
    Map<String, URI> links = new LinkedHashMap<>();
    for (String code : codes) {
      String token = AcknowledgementTokens.newToken();
      hashes.put(code, AcknowledgementTokens.hash(token));
      links.put(code, link(token));
    }
    acknowledgements.insertRound(
        new Round(
            note.id(),
            note.releaseId(),
            note.title(),
            now,
            now.plus(properties.acknowledgeWithin()),
            codes.size(),
            null),
        hashes,
        now.plus(properties.acknowledgeLinkValidFor()));
    runtime.startProcessInstanceByKey(
        ROUND_PROCESS, businessKey(note.releaseId(), note.id()), Map.of(NOTE_ID, note.id()));
    return Optional.of(links);
  }

  /** Into how many groups the round's organisations fall, at most ORGANISATIONS_PER_STEP each. */
  int groupsToAsk(long noteId) {
    int organisations = round(noteId).organisations();
    return Math.max(1, (organisations + ORGANISATIONS_PER_STEP - 1) / ORGANISATIONS_PER_STEP);
  }

  /**
   * Opens one group: a releaseNoteAcknowledgement process per organisation not asked yet and not
   * acknowledged already (by its link, before its task was opened). A retried step asks no one
   * twice.
   */
  @Transactional
  void askGroup(long noteId, int group, int groups) {
    if (groups < 1 || group < 0 || group >= groups) {
      throw new IllegalArgumentException("group " + group + " of " + groups);
    }
    Round round = round(noteId);
    int size = (round.organisations() + groups - 1) / groups;
    for (Acknowledgement row : acknowledgements.page(noteId, group * size, size)) {
      Acknowledgement current = acknowledgements.lockRow(noteId, row.participantCode());
      if (current.processInstanceId() != null || current.acknowledgedAt() != null) {
        continue;
      }
      String processInstanceId =
          runtime
              .startProcessInstanceByKey(
                  ORGANISATION_PROCESS,
                  businessKey(round.releaseId(), noteId),
                  Map.of(PARTICIPANT_CODE, row.participantCode(), NOTE_ID, noteId))
              .getId();
      acknowledgements.markOpened(noteId, row.participantCode(), processInstanceId);
    }
  }

  /** Whether every organisation asked has acknowledged, under the round's row lock. */
  @Transactional
  boolean allAcknowledged(long noteId) {
    acknowledgements.lockRound(noteId);
    return !acknowledgements.anyOpen(noteId);
  }

  /**
   * The organisation's task was completed: completing it is the acknowledgement (PRODUCT.md §8
   * names no variable for it), so {@code acknowledged} may be left out; only an explicit false is
   * refused. The row is found by the process instance, never by a variable its user may set.
   */
  @Transactional
  void acknowledgeInTasklist(String processInstanceId, Object acknowledged, String user) {
    if (acknowledged != null && !ProcessVariables.requiredBoolean(acknowledged, "acknowledged")) {
      throw new InvalidInputException(
          "acknowledged",
          "must be true: tick it to confirm that your organisation has read the release note");
    }
    Acknowledgement row =
        acknowledgements
            .ofInstance(processInstanceId)
            .orElseThrow(() -> new NotFoundException("Note acknowledgement", processInstanceId));
    acknowledgements.lockRound(row.noteId());
    record(row, user == null ? "tasklist" : user, VIA_TASKLIST);
  }

  /**
   * After ccmt.notes.acknowledge-within: each organisation that has not acknowledged gets a
   * reminder with a new link (the earlier one stops working), queued here and sent by the next
   * step. Answers who was reminded.
   */
  @Transactional
  List<String> remind(long noteId) {
    Round round = round(noteId);
    Instant now = clock.instant();
    List<String> reminded = new ArrayList<>();
    for (Acknowledgement row : acknowledgements.openOf(noteId)) {
      String token = AcknowledgementTokens.newToken();
      acknowledgements.remind(
          noteId,
          row.participantCode(),
          AcknowledgementTokens.hash(token),
          now.plus(properties.acknowledgeLinkValidFor()),
          now);
      mailing.queueReminder(
          round, participants.get(row.participantCode()), link(token), describe(round.dueAt()));
      reminded.add(row.participantCode());
    }
    acknowledgements.markChased(noteId, now);
    return reminded;
  }

  /** Sends the reminders still pending; a retry sends none twice. */
  void deliverReminders(long noteId) {
    mailing.deliverReminders(
        noteId,
        acknowledgements.ofNote(noteId).stream()
            .filter(row -> row.remindedAt() != null)
            .map(Acknowledgement::participantCode)
            .toList());
  }

  /** What the organisation's task shows, read when it opens. */
  Question questionOf(long noteId, String code) {
    Round round = round(noteId);
    Participant participant = participants.get(code);
    Optional<ReleaseNote> note = notes.find(noteId);
    return new Question(
        round.noteTitle(),
        participant.name() + " (" + participant.code() + ")",
        round.dueAt(),
        describe(round.dueAt()),
        note.map(ReleaseNote::bodyText).orElse(""),
        web.notePage(round.releaseId(), note.map(ReleaseNote::anchor).orElse("")).toString());
  }

  /** The chase's list: who has not acknowledged, bounded, with where the whole list is. */
  String notAcknowledgedText(long noteId) {
    Round round = round(noteId);
    List<String> open =
        acknowledgements.openOf(noteId).stream()
            .map(row -> participants.get(row.participantCode()))
            .map(participant -> participant.name() + " (" + participant.code() + ")")
            .toList();
    return open.isEmpty()
        ? "Every organisation has acknowledged."
        : Excerpt.of(
            open,
            ", ",
            "GET /api/releases/" + round.releaseId() + "/acknowledgements lists them all");
  }

  String noteTitle(long noteId) {
    return round(noteId).noteTitle();
  }

  Instant dueAt(long noteId) {
    return round(noteId).dueAt();
  }

  /** Every round of the release's notes, with each organisation's state. */
  @Transactional(readOnly = true)
  List<NoteView> view(String releaseId) {
    if (notes.notesOf(releaseId).isEmpty()) {
      throw new NotFoundException("Release note of release", releaseId);
    }
    Map<String, String> names = new LinkedHashMap<>();
    participants.list().forEach(p -> names.put(p.code(), p.name()));
    return acknowledgements.roundsOfRelease(releaseId).stream()
        .map(
            round -> {
              List<OrganisationView> organisations =
                  acknowledgements.ofNote(round.noteId()).stream()
                      .map(
                          row ->
                              new OrganisationView(
                                  row.participantCode(),
                                  names.getOrDefault(row.participantCode(), row.participantCode()),
                                  row.acknowledgedAt(),
                                  row.acknowledgedBy(),
                                  row.via(),
                                  row.late()))
                      .toList();
              return new NoteView(
                  round.noteId(),
                  round.noteTitle(),
                  round.askedAt(),
                  round.dueAt(),
                  round.chasedAt(),
                  organisations.size(),
                  organisations.stream().filter(o -> o.acknowledgedAt() != null).count(),
                  organisations.stream().filter(OrganisationView::late).count(),
                  organisations.stream()
                      .filter(o -> o.acknowledgedAt() == null)
                      .map(OrganisationView::code)
                      .toList(),
                  organisations);
            })
        .toList();
  }

  boolean anyRoundOf(String releaseId) {
    return !acknowledgements.roundsOfRelease(releaseId).isEmpty();
  }

  Map<String, Object> figuresOf(String code) {
    return acknowledgements.figuresOf(code);
  }

  /** Writes the organisation's acknowledgement once; the last one tells the round. */
  void record(Acknowledgement row, String by, String via) {
    Round round = round(row.noteId());
    Instant now = clock.instant();
    boolean recorded =
        acknowledgements.acknowledge(
            row.noteId(), row.participantCode(), now, by, via, now.isAfter(round.dueAt()));
    if (recorded && !acknowledgements.anyOpen(row.noteId())) {
      runtime
          .createMessageCorrelation(EVERY_ACKNOWLEDGEMENT_MESSAGE)
          .processInstanceBusinessKey(businessKey(round.releaseId(), row.noteId()))
          .processInstanceVariableEquals(NOTE_ID, row.noteId())
          .correlateAllWithResult();
    }
  }

  /**
   * The business key of a note's round and of its organisations' instances, such as {@code
   * R-2026-W49:note-12}: it names the release, and is not the release's own key, since the
   * acknowledgements of a note outlive its release's process.
   */
  static String businessKey(String releaseId, long noteId) {
    return releaseId + ":note-" + noteId;
  }

  private URI link(String token) {
    return UriComponentsBuilder.fromUri(web.baseUrl())
        .path("/acknowledge/{token}")
        .buildAndExpand(token)
        .toUri();
  }

  String describe(Instant moment) {
    return dates.describeInZone(moment);
  }

  Round round(long noteId) {
    return acknowledgements
        .round(noteId)
        .orElseThrow(() -> new NotFoundException("Note acknowledgement round", "" + noteId));
  }

  /** What the organisation's task shows. */
  record Question(
      String noteTitle,
      String participantName,
      Instant dueAt,
      String dueText,
      String noteText,
      String notePage) {}

  record NoteView(
      long noteId,
      String title,
      Instant askedAt,
      Instant dueAt,
      Instant chasedAt,
      int asked,
      long acknowledged,
      long late,
      List<String> notAcknowledged,
      List<OrganisationView> organisations) {}

  record OrganisationView(
      String code,
      String name,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String via,
      boolean late) {}
}
