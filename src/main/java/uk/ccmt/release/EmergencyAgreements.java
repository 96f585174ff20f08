package uk.ccmt.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.release.EmergencyAgreementAnswer.Answer;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.TextInput;

/**
 * Stakeholder agreement to an emergency deployment, asked for real (issue 14): each round asks
 * every organisation taking part, one small emergencyDeploymentAgreement process each, in its
 * organisation's tenant, opened a group of organisations at a time as information requests are. The
 * answers live in emergency_agreement; the release managers see the tally on their confirmation,
 * which no organisation can read.
 *
 * <p>The last answer of a round tells the emergency release, under the round's row lock, so it is
 * recognised exactly once; the release checks under the same lock once every group is asked.
 */
@Service
class EmergencyAgreements {

  static final String AGREEMENT_PROCESS = "emergencyDeploymentAgreement";
  static final String EVERY_ANSWER_MESSAGE = "EmergencyAgreementAnswered";

  /** How many organisations one step asks: one transaction, one email each. */
  static final int ORGANISATIONS_PER_STEP = 20;

  private final EmergencyAgreementRepository agreements;
  private final ParticipantService participants;
  private final ReleaseService releases;
  private final EmergencyAgreementMailing mailing;
  private final EmergencyProperties properties;
  private final RuntimeService runtime;
  private final Clock clock;
  private final ReadableDates dates;
  private final EmergencyAgreementTally tally;

  EmergencyAgreements(
      EmergencyAgreementRepository agreements,
      ParticipantService participants,
      ReleaseService releases,
      EmergencyAgreementMailing mailing,
      EmergencyProperties properties,
      RuntimeService runtime,
      Clock clock,
      ReadableDates dates,
      EmergencyAgreementTally tally) {
    this.agreements = agreements;
    this.participants = participants;
    this.releases = releases;
    this.mailing = mailing;
    this.properties = properties;
    this.runtime = runtime;
    this.clock = clock;
    this.dates = dates;
    this.tally = tally;
  }

  /**
   * Opens the next round of the release: every organisation taking part now is asked, due after
   * ccmt.emergency.agreement-window. Nothing is started yet: the groups open it step by step.
   */
  @Transactional
  public EmergencyAgreementRound startRound(String releaseId) {
    Instant deploymentTime =
        releases
            .agreedDeploymentTime(releaseId)
            .orElseThrow(() -> new IllegalStateException(releaseId + " has no agreed time"));
    List<String> organisations =
        participants.list().stream().filter(Participant::takesPart).map(Participant::code).toList();
    Instant now = clock.instant();
    Duration window = properties.agreementWindow();
    EmergencyAgreementRound round =
        new EmergencyAgreementRound(
            releaseId,
            agreements.nextRound(releaseId),
            deploymentTime,
            now,
            now.plus(window),
            organisations.size(),
            null);
    agreements.insertRound(round, organisations);
    return round;
  }

  /** Into how many groups the round's organisations fall, at most ORGANISATIONS_PER_STEP each. */
  public int groupsToAsk(String releaseId, int round) {
    int organisations = round(releaseId, round).organisations();
    return Math.max(1, (organisations + ORGANISATIONS_PER_STEP - 1) / ORGANISATIONS_PER_STEP);
  }

  /**
   * Asks one group of organisations: one emergencyDeploymentAgreement process each, in its
   * organisation's tenant, and one email queued per organisation. An organisation already asked (a
   * retried step) is left alone.
   */
  @Transactional
  public void askGroup(String releaseId, int round, int group, int groups) {
    EmergencyAgreementRound asked = round(releaseId, round);
    Context context = context(asked);
    for (String code : organisationsOf(asked, group, groups)) {
      if (!agreements.unopened(releaseId, round, code)) {
        continue;
      }
      String processInstanceId =
          runtime
              .startProcessInstanceByKey(
                  AGREEMENT_PROCESS,
                  releaseId,
                  Map.of(
                      EmergencyReleaseVariables.PARTICIPANT_CODE,
                      code,
                      EmergencyReleaseVariables.AGREEMENT_ROUND,
                      round))
              .getId();
      agreements.markOpened(releaseId, round, code, processInstanceId, clock.instant());
      mailing.queueRequest(asked, context, participants.get(code));
    }
  }

  /** Sends the group's emails still pending, and no other group's. */
  public void emailGroup(String releaseId, int round, int group, int groups) {
    EmergencyAgreementRound asked = round(releaseId, round);
    mailing.deliverRequests(asked, organisationsOf(asked, group, groups));
  }

  private List<String> organisationsOf(EmergencyAgreementRound round, int group, int groups) {
    if (groups < 1 || group < 0 || group >= groups) {
      throw new IllegalArgumentException("group " + group + " of " + groups);
    }
    int size = (round.organisations() + groups - 1) / groups;
    return agreements.organisations(round.releaseId(), round.round(), group * size, size);
  }

  /**
   * Whether every organisation of the round has answered. Holds the round's row lock, as recording
   * an answer does, so the release either sees the last answer or is waiting when it arrives.
   */
  @Transactional
  public boolean allAnswered(String releaseId, int round) {
    agreements.lockRound(releaseId, round);
    return !agreements.anyOpen(releaseId, round);
  }

  /**
   * Records one organisation's answer, found by its process instance (never by a variable, which
   * the organisation's user may set): agreed, or objected with a reason. The last answer of the
   * round tells the emergency release.
   */
  @Transactional
  public void answer(String processInstanceId, boolean agreed, Object comment, String answeredBy) {
    EmergencyAgreementAnswer question = question(processInstanceId);
    String text = comment(comment);
    if (!agreed && text == null) {
      throw new InvalidInputException(
          "comment",
          "say why your organisation does not agree: the release managers read your reason before"
              + " they decide");
    }
    agreements.lockRound(question.releaseId(), question.round());
    boolean recorded =
        agreements.answer(
            question.releaseId(),
            question.round(),
            question.participantCode(),
            agreed ? Answer.AGREED : Answer.OBJECTED,
            text,
            answeredBy,
            clock.instant());
    if (recorded && !agreements.anyOpen(question.releaseId(), question.round())) {
      runtime
          .createMessageCorrelation(EVERY_ANSWER_MESSAGE)
          .processInstanceBusinessKey(question.releaseId())
          .processInstanceVariableEquals(
              EmergencyReleaseVariables.AGREEMENT_ROUND, question.round())
          .correlateAllWithResult();
    }
  }

  /** The organisation's deadline passed without an answer: it counts as "no answer". */
  @Transactional
  public void noAnswer(String processInstanceId) {
    EmergencyAgreementAnswer question = question(processInstanceId);
    agreements.lockRound(question.releaseId(), question.round());
    agreements.answer(
        question.releaseId(),
        question.round(),
        question.participantCode(),
        Answer.NO_ANSWER,
        null,
        null,
        clock.instant());
  }

  /**
   * Closes every round of the release still open: who has not answered counts as "no answer", and
   * their processes end, their tasks with them. Then the tally of the given round, for the release
   * managers.
   */
  @Transactional
  public EmergencyAgreementTally.Tally close(String releaseId, int round) {
    endOpenQuestions(releaseId);
    return tally.of(releaseId, round);
  }

  /**
   * Ends whatever of the release still asks, when the round closes or the release ends (withdrawn,
   * or cancelled in Cockpit).
   */
  @Transactional
  public void endOpenQuestions(String releaseId) {
    List<String> open = agreements.openInstances(releaseId);
    agreements.closeOpenRounds(releaseId, clock.instant());
    if (!open.isEmpty()) {
      runtime.deleteProcessInstancesIfExists(
          open, "Stakeholder agreement round of " + releaseId + " closed", true, true, false);
    }
  }

  /**
   * What the organisation's task shows: the release, its fix and time, and the deadline. Read when
   * the task is created, in the transaction that starts its process, from the start variables no
   * user has touched yet.
   */
  public Question questionOf(String releaseId, String code, int round) {
    EmergencyAgreementRound asked = round(releaseId, round);
    Context context = context(asked);
    return new Question(
        releaseId,
        code,
        participants.get(code).name(),
        context,
        asked.dueAt(),
        describe(asked.dueAt()));
  }

  /** When the round's questions close: each organisation's deadline timer. */
  public Instant dueAtOf(String releaseId, int round) {
    return round(releaseId, round).dueAt();
  }

  /** A moment as the programme reads it, such as "Thu 10 Dec 2026 14:00 Europe/London". */
  String describe(Instant moment) {
    return dates.describeInZone(moment);
  }

  private Context context(EmergencyAgreementRound round) {
    Release release = releases.get(round.releaseId());
    Optional<Defect> defect = releases.includedDefects(round.releaseId()).stream().findFirst();
    return new Context(
        release.id(),
        defect.map(Defect::id).orElse(""),
        defect.map(Defect::title).orElse(""),
        defect.map(Defect::component).orElse(""),
        release.buildVersion(),
        describe(round.deploymentTime()),
        describe(round.dueAt()));
  }

  private static String comment(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new InvalidInputException("comment", "must be text");
    }
    return TextInput.text(text, "comment", TextInput.maxLength("comment")).strip();
  }

  private EmergencyAgreementAnswer question(String processInstanceId) {
    return agreements
        .ofInstance(processInstanceId)
        .orElseThrow(() -> new NotFoundException("Stakeholder agreement", processInstanceId));
  }

  private EmergencyAgreementRound round(String releaseId, int round) {
    return agreements
        .round(releaseId, round)
        .orElseThrow(
            () -> new NotFoundException("Stakeholder agreement round", releaseId + "/" + round));
  }

  /** What a round asks about, for the tasks and emails. Times in words, with their zone. */
  record Context(
      String releaseId,
      String defectId,
      String defectTitle,
      String defectComponent,
      String buildVersion,
      String deploymentTime,
      String deadline) {}

  record Question(
      String releaseId,
      String participantCode,
      String participantName,
      Context context,
      Instant dueAt,
      String dueText) {}
}
