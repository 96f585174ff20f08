package uk.ccmt.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class QueryRepository {

  private static final RowMapper<Query> QUERY =
      (rs, row) ->
          new Query(
              Query.PREFIX + rs.getLong("number"),
              rs.getString("participant_code"),
              rs.getString("subject"),
              rs.getString("text"),
              rs.getString("relates_to"),
              rs.getString("raised_by"),
              instant(rs, "raised_at"),
              instant(rs, "target_at"),
              rs.getString("route"),
              rs.getString("answer"),
              rs.getString("answered_by"),
              instant(rs, "answered_at"),
              rs.getBoolean("published"));

  private final JdbcClient jdbc;

  QueryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      String participantCode,
      String subject,
      String text,
      String relatesTo,
      String raisedBy,
      Instant raisedAt,
      Instant targetAt) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into participant_query
              (participant_code, subject, text, relates_to, raised_by, raised_at, target_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(participantCode, subject, text, relatesTo, raisedBy, utc(raisedAt), utc(targetAt))
        .update(key, "number");
    return key.getKeyAs(Number.class).longValue();
  }

  /**
   * Ties the query to its process instance, once: false when it has one already or is another
   * organisation's.
   */
  boolean link(long number, String participantCode, String processInstanceId) {
    return jdbc.sql(
                """
                update participant_query set process_instance_id = ?
                where number = ? and participant_code = ? and process_instance_id is null""")
            .params(processInstanceId, number, participantCode)
            .update()
        == 1;
  }

  Optional<Query> find(long number) {
    return jdbc.sql("select * from participant_query where number = ?")
        .param(number)
        .query(QUERY)
        .optional();
  }

  /** Newest first; every organisation's when {@code participantCodes} is null. */
  List<Query> list(List<String> participantCodes) {
    if (participantCodes == null) {
      return jdbc.sql("select * from participant_query order by number desc").query(QUERY).list();
    }
    if (participantCodes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select * from participant_query where participant_code in (:codes) order by number desc")
        .param("codes", participantCodes)
        .query(QUERY)
        .list();
  }

  List<Query.Published> published(int limit) {
    return jdbc.sql(
            """
            select number, subject, text, answer, answered_at from participant_query
            where published and answered_at is not null order by answered_at desc, number desc
            fetch first :limit rows only""")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Query.Published(
                    Query.PREFIX + rs.getLong("number"),
                    rs.getString("subject"),
                    rs.getString("text"),
                    rs.getString("answer"),
                    instant(rs, "answered_at")))
        .list();
  }

  void route(long number, String route) {
    jdbc.sql("update participant_query set route = ? where number = ?")
        .params(route, number)
        .update();
  }

  /** False when it was answered already. */
  boolean answer(long number, String answer, boolean published, String user, Instant at) {
    return jdbc.sql(
                """
                update participant_query
                set route = 'answer', answer = ?, published = ?, answered_by = ?, answered_at = ?
                where number = ? and answered_at is null""")
            .params(answer, published, user, utc(at), number)
            .update()
        == 1;
  }

  void reminded(long number, Instant at) {
    jdbc.sql("update participant_query set reminded_at = ? where number = ?")
        .params(utc(at), number)
        .update();
  }

  void escalated(long number, Instant at) {
    jdbc.sql("update participant_query set escalated_at = ? where number = ?")
        .params(utc(at), number)
        .update();
  }

  void contribute(long number, String route, String text, String user, Instant at) {
    jdbc.sql(
            """
            insert into participant_query_contribution (query_number, route, text, given_by, given_at)
            values (?, ?, ?, ?, ?)""")
        .params(number, route, text, user, utc(at))
        .update();
  }

  List<Query.Contribution> contributions(long number) {
    return jdbc.sql(
            """
            select route, text, given_by, given_at from participant_query_contribution
            where query_number = ? order by id""")
        .param(number)
        .query(
            (rs, row) ->
                new Query.Contribution(
                    rs.getString("route"),
                    rs.getString("text"),
                    rs.getString("given_by"),
                    instant(rs, "given_at")))
        .list();
  }

  /** raised, answered, published: the organisation's figures. */
  long[] figures(String participantCode) {
    return jdbc.sql(
            """
            select count(*),
                   count(answered_at),
                   coalesce(sum(case when published and answered_at is not null then 1 else 0 end), 0)
            from participant_query where participant_code = ?""")
        .param(participantCode)
        .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
        .single();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime moment = rs.getObject(column, OffsetDateTime.class);
    return moment == null ? null : moment.toInstant();
  }
}
