package uk.ccmt.acknowledgement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rounds of acknowledgement of release notes and each organisation's row (V20). */
@Repository
class NoteAcknowledgementRepository {

  private static final RowMapper<Round> ROUND =
      (rs, row) ->
          new Round(
              rs.getLong("note_id"),
              rs.getString("release_id"),
              rs.getString("note_title"),
              instant(rs, "asked_at"),
              instant(rs, "due_at"),
              rs.getInt("organisations"),
              instant(rs, "chased_at"));

  private static final RowMapper<Acknowledgement> ACKNOWLEDGEMENT =
      (rs, row) ->
          new Acknowledgement(
              rs.getLong("note_id"),
              rs.getString("participant_code"),
              rs.getString("token_hash"),
              instant(rs, "expires_at"),
              rs.getString("process_instance_id"),
              instant(rs, "acknowledged_at"),
              rs.getString("acknowledged_by"),
              rs.getString("via"),
              rs.getBoolean("late"),
              instant(rs, "reminded_at"));

  private final JdbcClient jdbc;

  NoteAcknowledgementRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertRound(Round round, Map<String, String> tokenHashes, Instant expiresAt) {
    jdbc.sql(
            """
            insert into note_acknowledgement_round
              (note_id, release_id, note_title, asked_at, due_at, organisations)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            round.noteId(),
            round.releaseId(),
            round.noteTitle(),
            utc(round.askedAt()),
            utc(round.dueAt()),
            round.organisations())
        .update();
    tokenHashes.forEach(
        (code, hash) ->
            jdbc.sql(
                    """
                    insert into note_acknowledgement
                      (note_id, participant_code, token_hash, expires_at)
                    values (?, ?, ?, ?)""")
                .params(round.noteId(), code, hash, utc(expiresAt))
                .update());
  }

  Optional<Round> round(long noteId) {
    return jdbc.sql("select * from note_acknowledgement_round where note_id = ?")
        .param(noteId)
        .query(ROUND)
        .optional();
  }

  List<Round> roundsOfRelease(String releaseId) {
    return jdbc.sql(
            "select * from note_acknowledgement_round where release_id = ? order by note_id")
        .param(releaseId)
        .query(ROUND)
        .list();
  }

  /** Holds the round's row lock until the transaction ends. */
  void lockRound(long noteId) {
    jdbc.sql("select note_id from note_acknowledgement_round where note_id = ? for update")
        .param(noteId)
        .query(Long.class)
        .single();
  }

  /** The organisations of the round in code order, {@code size} from {@code offset}. */
  List<Acknowledgement> page(long noteId, int offset, int size) {
    return jdbc.sql(
            """
            select * from note_acknowledgement where note_id = ?
            order by participant_code offset ? rows fetch next ? rows only""")
        .params(noteId, offset, size)
        .query(ACKNOWLEDGEMENT)
        .list();
  }

  List<Acknowledgement> ofNote(long noteId) {
    return jdbc.sql(
            "select * from note_acknowledgement where note_id = ? order by participant_code")
        .param(noteId)
        .query(ACKNOWLEDGEMENT)
        .list();
  }

  List<Acknowledgement> openOf(long noteId) {
    return jdbc.sql(
            """
            select * from note_acknowledgement
            where note_id = ? and acknowledged_at is null order by participant_code""")
        .param(noteId)
        .query(ACKNOWLEDGEMENT)
        .list();
  }

  boolean anyOpen(long noteId) {
    return jdbc.sql(
                """
                select count(*) from note_acknowledgement
                where note_id = ? and acknowledged_at is null""")
            .param(noteId)
            .query(Long.class)
            .single()
        > 0;
  }

  Optional<Acknowledgement> byTokenHash(String tokenHash) {
    return jdbc.sql("select * from note_acknowledgement where token_hash = ?")
        .param(tokenHash)
        .query(ACKNOWLEDGEMENT)
        .optional();
  }

  Optional<Acknowledgement> ofInstance(String processInstanceId) {
    return jdbc.sql("select * from note_acknowledgement where process_instance_id = ?")
        .param(processInstanceId)
        .query(ACKNOWLEDGEMENT)
        .optional();
  }

  /** Locks one organisation's row until the transaction ends, and reads it afresh. */
  Acknowledgement lockRow(long noteId, String code) {
    return jdbc.sql(
            """
            select * from note_acknowledgement
            where note_id = ? and participant_code = ? for update""")
        .params(noteId, code)
        .query(ACKNOWLEDGEMENT)
        .single();
  }

  void markOpened(long noteId, String code, String processInstanceId) {
    jdbc.sql(
            """
            update note_acknowledgement set process_instance_id = ?
            where note_id = ? and participant_code = ?""")
        .params(processInstanceId, noteId, code)
        .update();
  }

  /** Records the acknowledgement, once: false when it was acknowledged already. */
  boolean acknowledge(long noteId, String code, Instant at, String by, String via, boolean late) {
    return jdbc.sql(
                """
                update note_acknowledgement
                set acknowledged_at = ?, acknowledged_by = ?, via = ?, late = ?
                where note_id = ? and participant_code = ? and acknowledged_at is null""")
            .params(utc(at), by, via, late, noteId, code)
            .update()
        == 1;
  }

  /** A reminder carries a new link: the earlier one no longer works. */
  void remind(long noteId, String code, String tokenHash, Instant expiresAt, Instant at) {
    jdbc.sql(
            """
            update note_acknowledgement set token_hash = ?, expires_at = ?, reminded_at = ?
            where note_id = ? and participant_code = ? and acknowledged_at is null""")
        .params(tokenHash, utc(expiresAt), utc(at), noteId, code)
        .update();
  }

  void markChased(long noteId, Instant at) {
    jdbc.sql("update note_acknowledgement_round set chased_at = ? where note_id = ?")
        .params(utc(at), noteId)
        .update();
  }

  /** asked, acknowledged, byLink, inTasklist, late of one organisation over every note. */
  Map<String, Object> figuresOf(String code) {
    return jdbc.sql(
            """
            select count(*) as asked,
                   count(acknowledged_at) as acknowledged,
                   coalesce(sum(case when via = 'LINK' then 1 else 0 end), 0) as by_link,
                   coalesce(sum(case when via = 'TASKLIST' then 1 else 0 end), 0) as in_tasklist,
                   coalesce(sum(case when late then 1 else 0 end), 0) as late
            from note_acknowledgement where participant_code = ?""")
        .param(code)
        .query(
            (rs, row) ->
                Map.<String, Object>of(
                    "asked", rs.getLong("asked"),
                    "acknowledged", rs.getLong("acknowledged"),
                    "byLink", rs.getLong("by_link"),
                    "inTasklist", rs.getLong("in_tasklist"),
                    "late", rs.getLong("late")))
        .single();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime moment = rs.getObject(column, OffsetDateTime.class);
    return moment == null ? null : moment.toInstant();
  }

  /** One note's round: when it was asked, by when, of how many organisations. */
  record Round(
      long noteId,
      String releaseId,
      String noteTitle,
      Instant askedAt,
      Instant dueAt,
      int organisations,
      Instant chasedAt) {}

  /** One organisation's acknowledgement of one note; acknowledgedAt null while open. */
  record Acknowledgement(
      long noteId,
      String participantCode,
      String tokenHash,
      Instant expiresAt,
      String processInstanceId,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String via,
      boolean late,
      Instant remindedAt) {}
}
