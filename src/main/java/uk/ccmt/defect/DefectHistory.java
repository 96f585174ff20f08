package uk.ccmt.defect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each changed field of a register item: from what, to what, by whom and when (V17). */
@Repository
class DefectHistory {

  private final JdbcClient jdbc;

  DefectHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(String defectId, Change change) {
    jdbc.sql(
            """
            insert into defect_history (defect_id, field, old_value, new_value, changed_by, changed_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            defectId,
            change.field(),
            change.from(),
            change.to(),
            change.user(),
            DefectRepository.utc(change.at()))
        .update();
  }

  /** Oldest first. */
  List<Change> about(String defectId) {
    return jdbc.sql("select * from defect_history where defect_id = ? order by changed_at, id")
        .param(defectId)
        .query(
            (rs, row) ->
                new Change(
                    rs.getString("field"),
                    rs.getString("old_value"),
                    rs.getString("new_value"),
                    rs.getString("changed_by"),
                    rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** One changed field, as GET /api/defects/{id} shows it in its history. */
  public record Change(String field, String from, String to, String user, Instant at) {}
}
