package uk.ccmt.environment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EnvironmentRepository {

  private final JdbcClient jdbc;

  EnvironmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Keeps the rows in step with ccmt.route-to-live; an environment taken off the route keeps its
   * history.
   */
  void synchronise(List<String> route) {
    jdbc.sql("update environment set on_route = false").update();
    for (int position = 0; position < route.size(); position++) {
      String name = route.get(position);
      int updated =
          jdbc.sql("update environment set position = ?, on_route = true where name = ?")
              .params(position, name)
              .update();
      if (updated == 0) {
        jdbc.sql("insert into environment (name, position, on_route) values (?, ?, true)")
            .params(name, position)
            .update();
      }
    }
  }

  List<EnvironmentView> findOnRoute() {
    return jdbc.sql(
            """
            select name, position, current_release_id, current_build_version, deployed_at, reserved_for, reserved_at
            from environment where on_route order by position""")
        .query(
            (rs, row) ->
                new EnvironmentView(
                    rs.getString("name"),
                    rs.getInt("position") + 1,
                    rs.getString("current_release_id"),
                    rs.getString("current_build_version"),
                    instant(rs.getObject("deployed_at", OffsetDateTime.class)),
                    rs.getString("reserved_for"),
                    instant(rs.getObject("reserved_at", OffsetDateTime.class))))
        .list();
  }

  Optional<EnvironmentView> find(String environment) {
    return findOnRoute().stream().filter(view -> view.name().equals(environment)).findFirst();
  }

  /**
   * One deployment per environment at a time. The conditional update is atomic on every node of a
   * cluster: a second deployment finds the environment taken and waits.
   */
  boolean reserve(String environment, String deploymentId, String releaseId, Instant now) {
    return jdbc.sql(
                """
            update environment set reserved_by = ?, reserved_for = ?, reserved_at = ?
            where name = ? and (reserved_by is null or reserved_by = ?)""")
            .params(deploymentId, releaseId, utc(now), environment, deploymentId)
            .update()
        == 1;
  }

  /** Frees every environment the deployment holds. */
  void release(String deploymentId) {
    jdbc.sql(
            "update environment set reserved_by = null, reserved_for = null, reserved_at = null where reserved_by = ?")
        .param(deploymentId)
        .update();
  }

  void recordRunning(String environment, String releaseId, String buildVersion, Instant now) {
    jdbc.sql(
            "update environment set current_release_id = ?, current_build_version = ?, deployed_at = ? where name = ?")
        .params(releaseId, buildVersion, utc(now), environment)
        .update();
  }

  /**
   * The build of the release runs in the environment; outside internal testing it has also passed
   * it.
   */
  void recordDeployed(
      String releaseId, String buildVersion, String environment, boolean passed, Instant now) {
    int updated =
        jdbc.sql(
                """
            update release_environment set deployed_at = ?, passed_at = case when ? then ? else passed_at end
            where release_id = ? and build_version = ? and environment = ?""")
            .params(utc(now), passed, utc(now), releaseId, buildVersion, environment)
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              insert into release_environment (release_id, build_version, environment, deployed_at, passed_at)
              values (?, ?, ?, ?, ?)""")
          .params(releaseId, buildVersion, environment, utc(now), passed ? utc(now) : null)
          .update();
    }
  }

  void recordPassed(String releaseId, String buildVersion, String environment, Instant now) {
    jdbc.sql(
            "update release_environment set passed_at = ? where release_id = ? and build_version = ? and environment = ?")
        .params(utc(now), releaseId, buildVersion, environment)
        .update();
  }

  List<EnvironmentProgress> progressOf(String releaseId) {
    return jdbc.sql(
            """
            select re.environment, re.build_version, re.deployed_at, re.passed_at
            from release_environment re join environment e on e.name = re.environment
            where re.release_id = ? order by re.deployed_at, e.position""")
        .param(releaseId)
        .query(
            (rs, row) ->
                new EnvironmentProgress(
                    rs.getString("environment"),
                    rs.getString("build_version"),
                    instant(rs.getObject("deployed_at", OffsetDateTime.class)),
                    instant(rs.getObject("passed_at", OffsetDateTime.class))))
        .list();
  }

  /**
   * Whether this very build of the release was deployed, smoke-tested (and signed off) in the
   * environment.
   */
  boolean hasPassed(String releaseId, String buildVersion, String environment) {
    return jdbc.sql(
                """
            select count(*) from release_environment
            where release_id = ? and build_version = ? and environment = ? and passed_at is not null""")
            .params(releaseId, buildVersion, environment)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Whether this build of the release ever ran (deployed, smoke tests passed) in the environment.
   */
  boolean hasRun(String releaseId, String buildVersion, String environment) {
    return jdbc.sql(
                """
            select count(*) from release_environment
            where release_id = ? and build_version = ? and environment = ? and deployed_at is not null""")
            .params(releaseId, buildVersion, environment)
            .query(Integer.class)
            .single()
        > 0;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
