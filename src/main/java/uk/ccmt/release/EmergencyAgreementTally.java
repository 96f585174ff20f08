package uk.ccmt.release;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.ccmt.release.EmergencyAgreementAnswer.Answer;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ReadableDates;

/**
 * What the answers of stakeholder agreement add up to: the tally on confirmStakeholderAgreement, in
 * bounded texts and counts, and the whole list for the staff. Apart from the asking, since it only
 * reads.
 */
@Component
class EmergencyAgreementTally {

  private final EmergencyAgreementRepository agreements;
  private final ReleaseService releases;
  private final ReadableDates dates;

  EmergencyAgreementTally(
      EmergencyAgreementRepository agreements, ReleaseService releases, ReadableDates dates) {
    this.agreements = agreements;
    this.releases = releases;
    this.dates = dates;
  }

  /** Who agreed, who objected and why, who did not answer: bounded texts and counts. */
  Tally of(String releaseId, int round) {
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
            .map(EmergencyAgreementTally::who)
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

  private static String who(EmergencyAgreementAnswer answer) {
    return answer.participantName() + " (" + answer.participantCode() + ")";
  }

  private String answered(EmergencyAgreementAnswer answer) {
    return answer.answeredBy() == null
        ? ""
        : " – " + answer.answeredBy() + ", " + dates.describeInZone(answer.answeredAt());
  }

  private static String remark(EmergencyAgreementAnswer answer) {
    return answer.comment() == null ? "" : ": " + answer.comment();
  }

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
