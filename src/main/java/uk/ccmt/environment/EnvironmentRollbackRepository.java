package uk.ccmt.environment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class EnvironmentRollbackRepository {

  private static final RowMapper<Rollback> ROLLBACK =
      (rs, row) ->
          new Rollback(
              rs.getLong("id"),
              rs.getString("environment"),
              rs.getString("release_id"),
              rs.getString("build_version"),
              rs.getString("replaced_release_id"),
              rs.getString("replaced_build_version"),
              rs.getString("reason"),
              rs.getString("requested_by"),
              instant(rs.getObject("requested_at", OffsetDateTime.class)),
              RollbackOutcome.valueOf(rs.getString("outcome")),
              instant(rs.getObject("ended_at", OffsetDateTime.class)),
              rs.getString("process_instance_id"));

  private final JdbcClient jdbc;

  EnvironmentRollbackRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(
      String environment,
      String releaseId,
      String buildVersion,
      String replacedReleaseId,
      String replacedBuildVersion,
      String reason,
      String requestedBy,
      Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into environment_rollback (environment, release_id, build_version, replaced_release_id,
                                              replaced_build_version, reason, requested_by, requested_at, outcome)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED')""")
        .params(
            environment,
            releaseId,
            buildVersion,
            replacedReleaseId,
            replacedBuildVersion,
            reason,
            requestedBy,
            now.atOffset(ZoneOffset.UTC))
        .update(key, "id");
    return key.getKey().longValue();
  }

  void attachProcess(long id, String processInstanceId) {
    jdbc.sql("update environment_rollback set process_instance_id = ? where id = ?")
        .params(processInstanceId, id)
        .update();
  }

  /** Ends a requested rollback; answers false when it had ended already. */
  boolean end(long id, RollbackOutcome outcome, Instant now) {
    return jdbc.sql(
                "update environment_rollback set outcome = ?, ended_at = ? where id = ? and outcome = 'REQUESTED'")
            .params(outcome.name(), now.atOffset(ZoneOffset.UTC), id)
            .update()
        == 1;
  }

  Optional<Rollback> find(long id) {
    return jdbc.sql("select * from environment_rollback where id = ?")
        .param(id)
        .query(ROLLBACK)
        .optional();
  }

  Optional<Rollback> requestedIn(String environment) {
    return jdbc.sql(
            "select * from environment_rollback where environment = ? and outcome = 'REQUESTED'")
        .param(environment)
        .query(ROLLBACK)
        .optional();
  }

  List<Rollback> ofRelease(String releaseId) {
    return jdbc.sql(
            """
            select * from environment_rollback where release_id = ? or replaced_release_id = ?
            order by requested_at, id""")
        .params(releaseId, releaseId)
        .query(ROLLBACK)
        .list();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
