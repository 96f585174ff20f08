package uk.ccmt.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rounds of stakeholder agreement and each organisation's answer (V11). */
@Repository
class EmergencyAgreementRepository {

  private static final RowMapper<EmergencyAgreementRound> ROUND =
      (rs, row) ->
          new EmergencyAgreementRound(
              rs.getString("release_id"),
              rs.getInt("round"),
              instant(rs, "deployment_time"),
              instant(rs, "asked_at"),
              instant(rs, "due_at"),
              rs.getInt("organisations"),
              instant(rs, "closed_at"));

  private static final RowMapper<EmergencyAgreementAnswer> ANSWER =
      (rs, row) ->
          new EmergencyAgreementAnswer(
              rs.getString("release_id"),
              rs.getInt("round"),
              rs.getString("participant_code"),
              rs.getString("name"),
              rs.getString("process_instance_id"),
              rs.getString("answer") == null
                  ? null
                  : EmergencyAgreementAnswer.Answer.valueOf(rs.getString("answer")),
              rs.getString("comment"),
              rs.getString("answered_by"),
              instant(rs, "answered_at"));

  private static final String ANSWERS =
      """
      select a.*, p.name from emergency_agreement a
      join participant p on p.code = a.participant_code
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  EmergencyAgreementRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** The number the next round of the release takes: 1, 2, … */
  int nextRound(String releaseId) {
    return jdbc.sql(
            "select coalesce(max(round), 0) + 1 from emergency_agreement_round where release_id = ?")
        .param(releaseId)
        .query(Integer.class)
        .single();
  }

  /** The round and one open question per organisation, in one round trip per thousand rows. */
  void insertRound(EmergencyAgreementRound round, List<String> organisations) {
    jdbc.sql(
            """
            insert into emergency_agreement_round
              (release_id, round, deployment_time, asked_at, due_at, organisations)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            round.releaseId(),
            round.round(),
            utc(round.deploymentTime()),
            utc(round.askedAt()),
            utc(round.dueAt()),
            organisations.size())
        .update();
    batch.batchUpdate(
        "insert into emergency_agreement (release_id, round, participant_code) values (?, ?, ?)",
        organisations.stream()
            .map(code -> new Object[] {round.releaseId(), round.round(), code})
            .toList());
  }

  Optional<EmergencyAgreementRound> round(String releaseId, int round) {
    return jdbc.sql("select * from emergency_agreement_round where release_id = ? and round = ?")
        .params(releaseId, round)
        .query(ROUND)
        .optional();
  }

  /**
   * Locks the round's row until the transaction ends, so that the answers of one round are counted
   * one at a time: a later statement sees every answer committed before the lock.
   */
  void lockRound(String releaseId, int round) {
    jdbc.sql(
            "select round from emergency_agreement_round where release_id = ? and round = ? for update")
        .params(releaseId, round)
        .query(Integer.class)
        .single();
  }

  /** The round's organisations in code order, from the offset on, at most limit of them. */
  List<String> organisations(String releaseId, int round, int offset, int limit) {
    return jdbc.sql(
            """
            select participant_code from emergency_agreement where release_id = ? and round = ?
            order by participant_code offset %d rows fetch next %d rows only"""
                .formatted(offset, limit))
        .params(releaseId, round)
        .query(String.class)
        .list();
  }

  /** Whether the organisation's question of the round has no process yet (a retried step). */
  boolean unopened(String releaseId, int round, String code) {
    return jdbc.sql(
                """
            select count(*) from emergency_agreement
            where release_id = ? and round = ? and participant_code = ?
              and process_instance_id is null and answer is null""")
            .params(releaseId, round, code)
            .query(Integer.class)
            .single()
        > 0;
  }

  void markOpened(
      String releaseId, int round, String code, String processInstanceId, Instant openedAt) {
    jdbc.sql(
            """
            update emergency_agreement set process_instance_id = ?, opened_at = ?
            where release_id = ? and round = ? and participant_code = ?""")
        .params(processInstanceId, utc(openedAt), releaseId, round, code)
        .update();
  }

  /** The question an emergencyDeploymentAgreement instance asks, by the instance's id. */
  Optional<EmergencyAgreementAnswer> ofInstance(String processInstanceId) {
    return jdbc.sql(ANSWERS + " where a.process_instance_id = ?")
        .param(processInstanceId)
        .query(ANSWER)
        .optional();
  }

  /** Records the answer unless the question is answered or closed already; true if it did. */
  boolean answer(
      String releaseId,
      int round,
      String code,
      EmergencyAgreementAnswer.Answer answer,
      String comment,
      String answeredBy,
      Instant answeredAt) {
    return jdbc.sql(
                """
                update emergency_agreement
                set answer = ?, comment = ?, answered_by = ?, answered_at = ?
                where release_id = ? and round = ? and participant_code = ? and answer is null""")
            .params(answer.name(), comment, answeredBy, utc(answeredAt), releaseId, round, code)
            .update()
        == 1;
  }

  boolean anyOpen(String releaseId, int round) {
    return jdbc.sql(
                "select count(*) from emergency_agreement where release_id = ? and round = ? and answer is null")
            .params(releaseId, round)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** The processes of the release still asking, in any round. */
  List<String> openInstances(String releaseId) {
    return jdbc.sql(
            """
            select process_instance_id from emergency_agreement
            where release_id = ? and answer is null and process_instance_id is not null""")
        .param(releaseId)
        .query(String.class)
        .list();
  }

  /**
   * Closes every round of the release still open: each question without an answer is "no answer"
   * from now on.
   */
  void closeOpenRounds(String releaseId, Instant closedAt) {
    jdbc.sql(
            """
            update emergency_agreement set answer = 'NO_ANSWER', answered_at = ?
            where release_id = ? and answer is null""")
        .params(utc(closedAt), releaseId)
        .update();
    jdbc.sql(
            "update emergency_agreement_round set closed_at = ? where release_id = ? and closed_at is null")
        .params(utc(closedAt), releaseId)
        .update();
  }

  /** Every answer of the round, in code order. */
  List<EmergencyAgreementAnswer> answers(String releaseId, int round) {
    return jdbc.sql(ANSWERS + " where a.release_id = ? and a.round = ? order by a.participant_code")
        .params(releaseId, round)
        .query(ANSWER)
        .list();
  }

  /** Every round of the release, first first. */
  List<EmergencyAgreementRound> rounds(String releaseId) {
    return jdbc.sql("select * from emergency_agreement_round where release_id = ? order by round")
        .param(releaseId)
        .query(ROUND)
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime moment = rs.getObject(column, OffsetDateTime.class);
    return moment == null ? null : moment.toInstant();
  }
}
