package uk.ccmt.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.release.EmergencyAgreementAnswer.Answer;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
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

  /** A moment as the programme reads it: "Thu 10 Dec 2026 14:00 Europe/London". */
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm VV", Locale.UK);

  private final EmergencyAgreementRepository agreements;
  private final ParticipantService participants;
  private final ReleaseService releases;
  private final EmergencyAgreementMailing mailing;
  private final EmergencyProperties properties;
  private final RuntimeService runtime;
  private final Clock clock;

  EmergencyAgreements(
      EmergencyAgreementRepository agreements,
      ParticipantService participants,
      ReleaseService releases,
      EmergencyAgreementMailing mailing,
      EmergencyProperties properties,
      RuntimeService runtime,
      Clock clock) {
    this.agreements = agreements;
    this.participants = participants;
    this.releases = releases;
    this.mailing = mailing;
    this.properties = properties;
    this.runtime = runtime;
    this.clock = clock;
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
  public Tally close(String releaseId, int round) {
    endOpenQuestions(releaseId);
    return tally(releaseId, round);
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

  /** Who agreed, who objected and why, who did not answer: bounded texts and counts. */
  Tally tally(String releaseId, int round) {
    List<EmergencyAgreementAnswer> answers = agreements.answers(releaseId, round);
    String whole =
        "the stakeholder agreement of "
            + releaseId
            + " (GET /api/releases/"
            + releaseId
            + "/agreement)";
    List<String> agreed =
        answers.stream()
            .filter(answer -> answer.answer() == Answer.AGREED)
            .map(answer -> who(answer) + answered(answer) + remark(answer))
            .toList();
    List<String> objected =
        answers.stream()
            .filter(answer -> answer.answer() == Answer.OBJECTED)
            .map(answer -> who(answer) + ": " + answer.comment() + answered(answer))
            .toList();
    List<String> silent =
        answers.stream()
            .filter(answer -> answer.answer() == Answer.NO_ANSWER || answer.answer() == null)
            .map(EmergencyAgreements::who)
            .toList();
    String summary =
        answers.isEmpty()
            ? "No organisation takes part in market trials, so nobody was asked: decide on the"
                + " release managers' own judgement."
            : "Round "
                + round
                + ": "
                + answers.size()
                + (answers.size() == 1 ? " organisation" : " organisations")
                + " asked; "
                + agreed.size()
                + " agreed, "
                + objected.size()
                + " objected, "
                + silent.size()
                + " did not answer.";
    return new Tally(
        Excerpt.of(summary, whole),
        answers.size(),
        agreed.size(),
        objected.size(),
        silent.size(),
        agreed.isEmpty() ? "None" : Excerpt.ofLines(agreed, whole),
        objected.isEmpty() ? "None" : Excerpt.ofLines(objected, whole),
        silent.isEmpty() ? "None" : Excerpt.ofLines(silent, whole));
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

  /** Every round of the release with every answer, for the release managers. */
  public List<RoundView> view(String releaseId) {
    releases.get(releaseId);
    return agreements.rounds(releaseId).stream()
        .map(
            round ->
                new RoundView(
                    round.round(),
                    round.deploymentTime(),
                    round.askedAt(),
                    round.dueAt(),
                    round.closedAt(),
                    agreements.answers(releaseId, round.round()).stream()
                        .map(
                            answer ->
                                new AnswerView(
                                    answer.participantCode(),
                                    answer.participantName(),
                                    answer.answer() == null ? "OPEN" : answer.answer().name(),
                                    answer.comment(),
                                    answer.answeredBy(),
                                    answer.answeredAt()))
                        .toList()))
        .toList();
  }

  /** A moment as the programme reads it, such as "Thu 10 Dec 2026 14:00 Europe/London". */
  String describe(Instant moment) {
    return MOMENT.format(moment.atZone(clock.getZone()));
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

  private static String who(EmergencyAgreementAnswer answer) {
    return answer.participantName() + " (" + answer.participantCode() + ")";
  }

  private String answered(EmergencyAgreementAnswer answer) {
    return answer.answeredBy() == null
        ? ""
        : " – " + answer.answeredBy() + ", " + describe(answer.answeredAt());
  }

  private static String remark(EmergencyAgreementAnswer answer) {
    return answer.comment() == null ? "" : ": " + answer.comment();
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

  /** The tally shown on confirmStakeholderAgreement: texts of at most Excerpt.LIMIT characters. */
  record Tally(
      String summary,
      int asked,
      int agreed,
      int objected,
      int notAnswered,
      String agreedText,
      String objectionsText,
      String notAnsweredText) {}

  record RoundView(
      int round,
      Instant deploymentTime,
      Instant askedAt,
      Instant dueAt,
      Instant closedAt,
      List<AnswerView> answers) {}

  record AnswerView(
      String code,
      String name,
      String answer,
      String comment,
      String answeredBy,
      Instant answeredAt) {}
}
