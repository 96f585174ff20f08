package uk.ccmt.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the public calendar needs of the releases around a window: each release's dates and state,
 * with the latest move of its deployment slot, in one query.
 */
@Repository
class ReleaseCalendarRows {

  private final JdbcClient jdbc;

  ReleaseCalendarRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A release as the calendar shows it.
   *
   * @param movedTo where the latest move put its deployment slot, or null if it never moved
   * @param movedAt when that move was made, or null
   */
  record Row(
      String id,
      ReleaseType type,
      ReleaseStatus status,
      String week,
      LocalDate plannedDate,
      Instant deployedAt,
      Instant agreedDeploymentAt,
      CancellationReason cancellationReason,
      Instant updatedAt,
      Instant movedTo,
      Instant movedAt) {}

  /**
   * Releases planned on a day from {@code firstDay} to {@code lastDay}, or deployed or agreed to be
   * deployed within [from, to).
   */
  List<Row> around(LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {
    return jdbc.sql(
            """
            select r.id, r.type, r.status, r.week, r.planned_date, r.deployed_at,
                   r.agreed_deployment_at, r.cancellation_reason, r.updated_at,
                   m.to_slot, m.moved_at
            from ccmt_release r
            left join release_slot_move m
              on m.id = (select max(l.id) from release_slot_move l where l.release_id = r.id)
            where r.planned_date between :firstDay and :lastDay
               or (r.deployed_at >= :from and r.deployed_at < :to)
               or (r.agreed_deployment_at >= :from and r.agreed_deployment_at < :to)
            order by r.id""")
        .param("firstDay", firstDay)
        .param("lastDay", lastDay)
        .param("from", utc(from))
        .param("to", utc(to))
        .query(ReleaseCalendarRows::row)
        .list();
  }

  private static Row row(ResultSet rs, int row) throws SQLException {
    String reason = rs.getString("cancellation_reason");
    return new Row(
        rs.getString("id"),
        ReleaseType.valueOf(rs.getString("type")),
        ReleaseStatus.valueOf(rs.getString("status")),
        rs.getString("week"),
        rs.getObject("planned_date", LocalDate.class),
        instant(rs, "deployed_at"),
        instant(rs, "agreed_deployment_at"),
        reason == null ? null : CancellationReason.valueOf(reason),
        instant(rs, "updated_at"),
        instant(rs, "to_slot"),
        instant(rs, "moved_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
