package uk.ccmt.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Releases and the defects each one took in. */
@Repository
class ReleaseRepository {

  private static final RowMapper<Release> RELEASE =
      (rs, row) ->
          new Release(
              rs.getString("id"),
              ReleaseType.valueOf(rs.getString("type")),
              ReleaseStatus.valueOf(rs.getString("status")),
              rs.getString("build_version"),
              rs.getString("week"),
              rs.getObject("planned_date", LocalDate.class),
              rs.getString("process_instance_id"));

  private final JdbcClient jdbc;

  ReleaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Throws DuplicateKeyException when the id exists. */
  void insert(Release release, Instant now) {
    jdbc.sql(
            """
            insert into ccmt_release (id, type, status, build_version, week, planned_date, process_instance_id,
                                      created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            release.id(),
            release.type().name(),
            release.status().name(),
            release.buildVersion(),
            release.week(),
            release.plannedDate(),
            release.processInstanceId(),
            utc(now),
            utc(now))
        .update();
  }

  Optional<Release> find(String id) {
    return jdbc.sql("select * from ccmt_release where id = ?").param(id).query(RELEASE).optional();
  }

  List<Release> findAll() {
    return jdbc.sql("select * from ccmt_release order by created_at desc, id desc")
        .query(RELEASE)
        .list();
  }

  int countOfType(ReleaseType type) {
    return jdbc.sql("select count(*) from ccmt_release where type = ?")
        .param(type.name())
        .query(Integer.class)
        .single();
  }

  /**
   * Registers the release unless its id exists; answers whether this call registered it. A plain
   * insert that fails would poison the surrounding engine transaction on PostgreSQL.
   */
  boolean insertIfAbsent(Release release, Instant now) {
    return jdbc.sql(
                """
            insert into ccmt_release (id, type, status, build_version, week, planned_date, process_instance_id,
                                      created_at, updated_at)
            select :id, :type, :status, :build, :week, :planned, :pid, :now, :now
            where not exists (select 1 from ccmt_release where id = :id)""")
            .param("id", release.id())
            .param("type", release.type().name())
            .param("status", release.status().name())
            .param("build", release.buildVersion())
            .param("week", release.week())
            .param("planned", release.plannedDate())
            .param("pid", release.processInstanceId())
            .param("now", utc(now))
            .update()
        == 1;
  }

  void setProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update ccmt_release set process_instance_id = ? where id = ?")
        .params(processInstanceId, id)
        .update();
  }

  void setStatus(String id, ReleaseStatus status, Instant now) {
    jdbc.sql("update ccmt_release set status = ?, updated_at = ? where id = ?")
        .params(status.name(), utc(now), id)
        .update();
  }

  /** The release runs in the live test environment from now on. */
  void markDeployed(String id, Instant now) {
    jdbc.sql("update ccmt_release set status = ?, deployed_at = ?, updated_at = ? where id = ?")
        .params(ReleaseStatus.DEPLOYED.name(), utc(now), utc(now), id)
        .update();
  }

  Optional<Instant> deployedAt(String id) {
    return jdbc.sql("select deployed_at from ccmt_release where id = ?")
        .param(id)
        .query((rs, row) -> Optional.ofNullable(rs.getObject("deployed_at", OffsetDateTime.class)))
        .optional()
        .flatMap(time -> time)
        .map(OffsetDateTime::toInstant);
  }

  /**
   * When the latest release of the type, other than the one named, went live no later than the
   * moment.
   */
  Optional<Instant> lastDeployedBefore(ReleaseType type, Instant moment, String except) {
    return jdbc.sql(
            """
            select max(deployed_at) as deployed_at from ccmt_release
            where type = ? and status = 'DEPLOYED' and deployed_at <= ? and id <> ?""")
        .params(type.name(), utc(moment), except)
        .query((rs, row) -> Optional.ofNullable(rs.getObject("deployed_at", OffsetDateTime.class)))
        .single()
        .map(OffsetDateTime::toInstant);
  }

  /**
   * Releases of the type that went live after {@code after} (when given) and no later than {@code
   * until}.
   */
  List<Release> deployedBetween(ReleaseType type, Instant after, Instant until) {
    return jdbc.sql(
            """
            select * from ccmt_release
            where type = :type and status = 'DEPLOYED' and deployed_at <= :until
              and (cast(:after as timestamp with time zone) is null or deployed_at > :after)
            order by deployed_at, id""")
        .param("type", type.name())
        .param("until", utc(until))
        .param("after", after == null ? null : utc(after))
        .query(RELEASE)
        .list();
  }

  /**
   * The release takes the build; its lineage keeps which build this one replaced, why, and who
   * provided it ({@code providedBy}, null when nobody did: a release review, a baseline). A build
   * given again keeps its first provider.
   */
  void setBuildVersion(
      String id, String buildVersion, String reason, String providedBy, Instant now) {
    String replaces =
        jdbc.sql("select build_version from ccmt_release where id = ?")
            .param(id)
            .query(String.class)
            .optional()
            .orElse(null);
    jdbc.sql("update ccmt_release set build_version = ?, updated_at = ? where id = ?")
        .params(buildVersion, utc(now), id)
        .update();
    jdbc.sql(
            """
            insert into release_build (release_id, build_version, replaces, reason, provided_by, recorded_at)
            select :release, :build, :replaces, :reason, :by, :now
            where not exists (select 1 from release_build where release_id = :release and build_version = :build)""")
        .param("release", id)
        .param("build", buildVersion)
        .param("replaces", buildVersion.equals(replaces) ? null : replaces)
        .param("reason", reason)
        .param("by", providedBy)
        .param("now", utc(now))
        .update();
    if (providedBy != null) {
      jdbc.sql(
              """
              update release_build set provided_by = ?
              where release_id = ? and build_version = ? and provided_by is null""")
          .params(providedBy, id, buildVersion)
          .update();
    }
  }

  /** Who provided this build of the release, if anyone did. */
  Optional<String> providedBy(String releaseId, String buildVersion) {
    return jdbc
        .sql("select provided_by from release_build where release_id = ? and build_version = ?")
        .params(releaseId, buildVersion)
        .query(String.class)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The approvals of the release's emergency fix given since its last refusal. */
  List<String> currentApprovers(String releaseId) {
    return jdbc.sql(
            """
            select approved_by from emergency_fix_approval
            where release_id = ? and voided_at is null and approved_by is not null
            order by id""")
        .param(releaseId)
        .query(String.class)
        .list();
  }

  void recordApproval(String releaseId, String buildVersion, String approvedBy, Instant now) {
    jdbc.sql(
            """
            insert into emergency_fix_approval (release_id, build_version, approved_by, approved_at)
            values (?, ?, ?, ?)""")
        .params(releaseId, buildVersion, approvedBy, utc(now))
        .update();
  }

  /** A refused fix: its approvals no longer count, and the next fix is approved afresh. */
  void voidApprovals(String releaseId, Instant now) {
    jdbc.sql(
            "update emergency_fix_approval set voided_at = ? where release_id = ? and voided_at is null")
        .params(utc(now), releaseId)
        .update();
  }

  List<BuildChange> builds(String releaseId) {
    return jdbc.sql(
            """
            select build_version, replaces, reason, recorded_at from release_build
            where release_id = ? order by recorded_at, build_version""")
        .param(releaseId)
        .query(
            (rs, row) ->
                new BuildChange(
                    rs.getString("build_version"),
                    rs.getString("replaces"),
                    rs.getString("reason"),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  void addDefects(String releaseId, Collection<String> defectIds, Instant now) {
    for (String defectId : defectIds) {
      jdbc.sql(
              "insert into release_defect (release_id, defect_id, outcome, changed_at) values (?, ?, ?, ?)")
          .params(releaseId, defectId, DefectOutcome.INCLUDED.name(), utc(now))
          .update();
    }
  }

  void setOutcome(
      String releaseId, Collection<String> defectIds, DefectOutcome outcome, Instant now) {
    if (defectIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update release_defect set outcome = :outcome, changed_at = :now
            where release_id = :release and defect_id in (:ids)""")
        .param("outcome", outcome.name())
        .param("now", utc(now))
        .param("release", releaseId)
        .param("ids", defectIds)
        .update();
  }

  List<String> defectIds(String releaseId, DefectOutcome outcome) {
    return jdbc.sql(
            "select defect_id from release_defect where release_id = ? and outcome = ? order by defect_id")
        .params(releaseId, outcome.name())
        .query(String.class)
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Why a defect is, or is no longer, in a release. */
  enum DefectOutcome {
    INCLUDED,
    EXCLUDED_AT_REVIEW,
    FAILED_INTERNAL_TESTING,
    RELEASE_CANCELLED,
    EMERGENCY_DEFERRED,
    EMERGENCY_WITHDRAWN
  }

  void setCancellation(String id, CancellationReason reason, String detail, Instant now) {
    jdbc.sql(
            "update ccmt_release set cancellation_reason = ?, cancellation_detail = ?, updated_at = ? where id = ?")
        .params(reason.name(), detail, utc(now), id)
        .update();
  }

  Optional<ReleaseService.Cancellation> cancellation(String id) {
    return jdbc.sql(
            "select cancellation_reason, cancellation_detail from ccmt_release where id = ?")
        .param(id)
        .query(
            (rs, row) -> {
              String reason = rs.getString("cancellation_reason");
              return Optional.ofNullable(
                  reason == null
                      ? null
                      : new ReleaseService.Cancellation(
                          CancellationReason.valueOf(reason), rs.getString("cancellation_detail")));
            })
        .optional()
        .flatMap(found -> found);
  }

  void setAgreedDeploymentTime(String id, Instant agreedTime, Instant now) {
    jdbc.sql("update ccmt_release set agreed_deployment_at = ?, updated_at = ? where id = ?")
        .params(utc(agreedTime), utc(now), id)
        .update();
  }

  Optional<Instant> agreedDeploymentTime(String id) {
    return jdbc.sql("select agreed_deployment_at from ccmt_release where id = ?")
        .param(id)
        .query(
            (rs, row) ->
                Optional.ofNullable(rs.getObject("agreed_deployment_at", OffsetDateTime.class)))
        .optional()
        .flatMap(time -> time)
        .map(OffsetDateTime::toInstant);
  }
}
