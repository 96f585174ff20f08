package uk.ccmt.environment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentAttemptRepository {

  private static final RowMapper<DeploymentAttempt> ATTEMPT =
      (rs, row) ->
          new DeploymentAttempt(
              rs.getString("environment"),
              rs.getInt("attempt"),
              rs.getString("build_version"),
              (Integer) rs.getObject("exit_code"),
              rs.getString("output"),
              (Integer) rs.getObject("smoke_exit_code"),
              rs.getString("smoke_output"),
              DeploymentOutcome.valueOf(rs.getString("outcome")),
              instant(rs.getObject("started_at", OffsetDateTime.class)),
              instant(rs.getObject("finished_at", OffsetDateTime.class)));

  private final JdbcClient jdbc;

  DeploymentAttemptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<DeploymentAttempt> findByRequest(String requestKey) {
    return jdbc.sql("select * from deployment_attempt where request_key = ?")
        .param(requestKey)
        .query(ATTEMPT)
        .optional();
  }

  /** Every attempt of a release, in the order they started: the true order of deployments. */
  List<DeploymentAttempt> findByRelease(String releaseId) {
    return jdbc.sql("select * from deployment_attempt where release_id = ? order by started_at, id")
        .param(releaseId)
        .query(ATTEMPT)
        .list();
  }

  void insert(
      String requestKey, String releaseId, String environment, String buildVersion, Instant now) {
    int attempt =
        jdbc.sql(
                "select coalesce(max(attempt), 0) + 1 from deployment_attempt where release_id = ? and environment = ?")
            .params(releaseId, environment)
            .query(Integer.class)
            .single();
    jdbc.sql(
            """
            insert into deployment_attempt (request_key, release_id, environment, attempt, build_version, outcome, started_at)
            values (?, ?, ?, ?, ?, 'DEPLOYING', ?)""")
        .params(requestKey, releaseId, environment, attempt, buildVersion, utc(now))
        .update();
  }

  void recordDeployment(
      String requestKey,
      Integer exitCode,
      String output,
      DeploymentOutcome outcome,
      Instant finishedAt) {
    jdbc.sql(
            "update deployment_attempt set exit_code = ?, output = ?, outcome = ?, finished_at = ? where request_key = ?")
        .params(
            exitCode,
            output,
            outcome.name(),
            finishedAt == null ? null : utc(finishedAt),
            requestKey)
        .update();
  }

  void recordSmokeTest(
      String requestKey,
      Integer exitCode,
      String output,
      DeploymentOutcome outcome,
      Instant finishedAt) {
    jdbc.sql(
            "update deployment_attempt set smoke_exit_code = ?, smoke_output = ?, outcome = ?, finished_at = ? where request_key = ?")
        .params(
            exitCode,
            output,
            outcome.name(),
            finishedAt == null ? null : utc(finishedAt),
            requestKey)
        .update();
  }

  void setOutcome(String requestKey, DeploymentOutcome outcome, Instant finishedAt) {
    jdbc.sql("update deployment_attempt set outcome = ?, finished_at = ? where request_key = ?")
        .params(outcome.name(), utc(finishedAt), requestKey)
        .update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
