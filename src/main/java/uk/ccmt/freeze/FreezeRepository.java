package uk.ccmt.freeze;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class FreezeRepository {

  private static final String COLUMNS =
      """
      id, environments, starts_at, ends_at, reason, declared_by, declared_at, lifted_by, lifted_at,
      lift_reason""";

  private final JdbcClient jdbc;

  FreezeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      List<String> environments,
      Instant from,
      Instant to,
      String reason,
      String declaredBy,
      Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into freeze_window (environments, starts_at, ends_at, reason, declared_by, declared_at)
            values (:environments, :from, :to, :reason, :by, :now)""")
        .param("environments", String.join(",", environments))
        .param("from", utc(from))
        .param("to", utc(to))
        .param("reason", reason)
        .param("by", declaredBy)
        .param("now", utc(now))
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** Lifts it unless it was lifted already; false when another request lifted it first. */
  boolean lift(long id, String liftedBy, String reason, Instant now) {
    return jdbc.sql(
                """
                update freeze_window set lifted_by = :by, lifted_at = :now, lift_reason = :reason
                where id = :id and lifted_at is null""")
            .param("by", liftedBy)
            .param("now", utc(now))
            .param("reason", reason)
            .param("id", id)
            .update()
        == 1;
  }

  Optional<Freeze> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from freeze_window where id = ?")
        .param(id)
        .query(FreezeRepository::map)
        .optional();
  }

  /** Freezes not lifted that end after {@code moment}, soonest first. */
  List<Freeze> notOverAt(Instant moment) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from freeze_window where lifted_at is null and ends_at > ? order by starts_at, id")
        .param(utc(moment))
        .query(FreezeRepository::map)
        .list();
  }

  List<Freeze> all() {
    return jdbc.sql("select " + COLUMNS + " from freeze_window order by starts_at, id")
        .query(FreezeRepository::map)
        .list();
  }

  private static Freeze map(ResultSet rs, int row) throws SQLException {
    return new Freeze(
        rs.getLong("id"),
        Arrays.asList(rs.getString("environments").split(",")),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        rs.getString("reason"),
        rs.getString("declared_by"),
        instant(rs, "declared_at"),
        rs.getString("lifted_by"),
        instant(rs, "lifted_at"),
        rs.getString("lift_reason"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
