package uk.ccmt.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The moves of weekly releases' deployment slots, and the planned date each move changes. */
@Repository
class WeeklySlotMoveRepository {

  private final JdbcClient jdbc;

  WeeklySlotMoveRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(
      String releaseId,
      Instant from,
      Instant to,
      String reason,
      String movedBy,
      Instant now,
      ZoneId zone,
      boolean replan) {
    jdbc.sql(
            """
            insert into release_slot_move (release_id, from_slot, to_slot, reason, moved_by, moved_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(releaseId, utc(from), utc(to), reason, movedBy, utc(now))
        .update();
    if (!replan) {
      return;
    }
    jdbc.sql("update ccmt_release set planned_date = ?, updated_at = ? where id = ?")
        .params(LocalDate.ofInstant(to, zone), utc(now), releaseId)
        .update();
  }

  Optional<WeeklySlotMove> latest(String releaseId) {
    return jdbc
        .sql(
            """
            select release_id, from_slot, to_slot, reason, moved_by, moved_at
            from release_slot_move where release_id = ? order by id desc""")
        .param(releaseId)
        .query(
            (rs, row) ->
                new WeeklySlotMove(
                    rs.getString("release_id"),
                    rs.getObject("from_slot", OffsetDateTime.class).toInstant(),
                    rs.getObject("to_slot", OffsetDateTime.class).toInstant(),
                    rs.getString("reason"),
                    rs.getString("moved_by"),
                    rs.getObject("moved_at", OffsetDateTime.class).toInstant()))
        .list()
        .stream()
        .findFirst();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
