package uk.ccmt.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

  private static final RowMapper<OutboundEmail> EMAIL =
      (rs, row) ->
          new OutboundEmail(
              rs.getLong("id"),
              rs.getString("message_key"),
              rs.getString("recipient"),
              rs.getString("subject"),
              rs.getString("body_html"),
              rs.getString("body_text"),
              OutboundEmail.State.valueOf(rs.getString("state")),
              rs.getInt("attempts"),
              rs.getString("last_error"),
              instant(rs.getObject("created_at", OffsetDateTime.class)),
              instant(rs.getObject("sent_at", OffsetDateTime.class)));

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  OutboxRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Queues the message for each recipient unless it is queued for them already: one batch of
   * statements, so a note to every contact of a thousand organisations is one round trip, not a
   * thousand (issue 13, P6).
   */
  void queue(
      String key,
      String releaseId,
      Collection<String> recipients,
      String subject,
      String html,
      String text,
      Instant now) {
    SqlParameterSource[] rows =
        recipients.stream()
            .distinct()
            .map(
                recipient ->
                    new MapSqlParameterSource()
                        .addValue("key", key)
                        .addValue("release", releaseId)
                        .addValue("recipient", recipient)
                        .addValue("subject", subject)
                        .addValue("html", html)
                        .addValue("text", text)
                        .addValue("now", now.atOffset(ZoneOffset.UTC)))
            .toArray(SqlParameterSource[]::new);
    if (rows.length == 0) {
      return;
    }
    batch.batchUpdate(
        """
        insert into outbound_email (message_key, release_id, recipient, subject, body_html, body_text, state, attempts, created_at)
        select :key, :release, :recipient, :subject, :html, :text, 'PENDING', 0, :now
        where not exists (select 1 from outbound_email where message_key = :key and recipient = :recipient)""",
        rows);
  }

  List<OutboundEmail> pending(String key) {
    return jdbc.sql(
            "select * from outbound_email where message_key = ? and state = 'PENDING' order by id")
        .param(key)
        .query(EMAIL)
        .list();
  }

  List<OutboundEmail> pendingWithPrefix(String keyPrefix) {
    return jdbc.sql(
            "select * from outbound_email where message_key like ? and state = 'PENDING' order by id")
        .param(keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
        .query(EMAIL)
        .list();
  }

  List<OutboundEmail> recent(int limit) {
    return jdbc.sql(
            "select * from outbound_email order by created_at desc, id desc fetch first "
                + limit
                + " rows only")
        .query(EMAIL)
        .list();
  }

  /**
   * The newest emails that match every filter given (null: no filter): recipient and subject by a
   * part of them, any case; {@code state} one of the outbox's states, with {@code failed} meaning
   * pending with an error from its last attempt. Newest first, read along the queued-time index.
   */
  List<OutboundEmail> matching(String recipient, String subject, String state, int limit) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    MapSqlParameterSource params = new MapSqlParameterSource();
    if (recipient != null) {
      where.append(" and lower(recipient) like :recipient escape '\\'");
      params.addValue("recipient", containing(recipient));
    }
    if (subject != null) {
      where.append(" and lower(subject) like :subject escape '\\'");
      params.addValue("subject", containing(subject));
    }
    if (state != null) {
      where.append(
          switch (state) {
            case "pending" -> " and state = 'PENDING' and last_error is null";
            case "failed" -> " and state = 'PENDING' and last_error is not null";
            case "sent" -> " and state = 'SENT'";
            case "bounced" -> " and state = 'BOUNCED'";
            default -> throw new IllegalArgumentException(state);
          });
    }
    return batch.query(
        "select * from outbound_email"
            + where
            + " order by created_at desc, id desc fetch first "
            + limit
            + " rows only",
        params,
        EMAIL);
  }

  Optional<OutboundEmail> find(long id) {
    return jdbc.sql("select * from outbound_email where id = ?").param(id).query(EMAIL).optional();
  }

  private static String containing(String part) {
    return "%"
        + part.toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }

  List<OutboundEmail> ofMessage(String key) {
    return jdbc.sql("select * from outbound_email where message_key = ? order by recipient")
        .param(key)
        .query(EMAIL)
        .list();
  }

  List<OutboundEmail> aboutRelease(String releaseId, int limit) {
    return jdbc.sql(
            "select * from outbound_email where release_id = ? order by created_at, id fetch first "
                + limit
                + " rows only")
        .param(releaseId)
        .query(EMAIL)
        .list();
  }

  long countAboutRelease(String releaseId) {
    return jdbc.sql("select count(*) from outbound_email where release_id = ?")
        .param(releaseId)
        .query(Long.class)
        .single();
  }

  void markSent(long id, Instant now) {
    jdbc.sql(
            "update outbound_email set state = 'SENT', attempts = attempts + 1, last_error = null, sent_at = ? where id = ?")
        .params(now.atOffset(ZoneOffset.UTC), id)
        .update();
  }

  void markFailed(long id, String error) {
    jdbc.sql("update outbound_email set attempts = attempts + 1, last_error = ? where id = ?")
        .params(error.length() > 1000 ? error.substring(0, 1000) : error, id)
        .update();
  }

  /** The recipient was refused for good; the row is done with and never retried. */
  void markBounced(long id, String error) {
    jdbc.sql(
            "update outbound_email set state = 'BOUNCED', attempts = attempts + 1, last_error = ? where id = ? and state = 'PENDING'")
        .params(error.length() > 1000 ? error.substring(0, 1000) : error, id)
        .update();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
