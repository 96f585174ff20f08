package uk.ccmt.defect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The defect register's table. Only {@link DefectService} writes or reads it. */
@Repository
class DefectRepository {

  /** Ids per IN list: small enough for H2 to compare cheaply, far below any database's limit. */
  private static final int IDS_PER_QUERY = 200;

  private static final RowMapper<Defect> DEFECT =
      (rs, row) ->
          new Defect(
              rs.getString("id"),
              rs.getString("title"),
              rs.getString("severity") == null ? null : Severity.valueOf(rs.getString("severity")),
              rs.getBoolean("stops_testing"),
              rs.getString("component"),
              rs.getString("raised_by"),
              DefectStatus.valueOf(rs.getString("status")),
              rs.getString("build_version"),
              rs.getString("release_id"),
              ItemKind.valueOf(rs.getString("kind")),
              rs.getString("closure_reason"),
              rs.getString("description"),
              rs.getString("raised_by_organisation"));

  private final JdbcClient jdbc;

  DefectRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Throws DuplicateKeyException for an id that exists. */
  void insert(Defect defect, Instant now) {
    jdbc.sql(
            """
            insert into defect (id, title, severity, stops_testing, component, raised_by, status,
                                build_version, release_id, raised_at, updated_at, kind,
                                description, raised_by_organisation)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            defect.id(),
            defect.title(),
            defect.severity() == null ? null : defect.severity().name(),
            defect.stopsTesting(),
            defect.component(),
            defect.raisedBy(),
            defect.status().name(),
            defect.buildVersion(),
            defect.releaseId(),
            utc(now),
            utc(now),
            defect.kind().name(),
            defect.description(),
            defect.raisedByOrganisation())
        .update();
  }

  /** The next number for a configuration change's id, C-<n>. */
  long nextChangeNumber(Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("insert into configuration_change_number (created_at) values (?)")
        .param(utc(now))
        .update(key, "number");
    return key.getKey().longValue();
  }

  List<Defect> findByKind(ItemKind kind) {
    return jdbc.sql("select * from defect where kind = ? order by raised_at, id")
        .param(kind.name())
        .query(DEFECT)
        .list();
  }

  Optional<Defect> find(String id) {
    return jdbc.sql("select * from defect where id = ?").param(id).query(DEFECT).optional();
  }

  List<Defect> findAll(DefectStatus status, Severity severity) {
    return jdbc.sql(
            """
            select * from defect
            where (cast(:status as varchar(20)) is null or status = :status)
              and (cast(:severity as varchar(2)) is null or severity = :severity)
            order by raised_at, id""")
        .param("status", status == null ? null : status.name())
        .param("severity", severity == null ? null : severity.name())
        .query(DEFECT)
        .list();
  }

  /**
   * The defects with these ids, ordered by id. The ids go in chunks: H2 compares each row with
   * every bind parameter of an IN list, so one list of 10,000 ids made a release note of 10,000
   * defects cost the square of its size (issue 13, P4), and PostgreSQL takes at most 32,767
   * parameters in one statement.
   */
  List<Defect> findByIds(Collection<String> ids) {
    List<String> distinct = ids.stream().distinct().sorted().toList();
    List<Defect> found = new ArrayList<>(distinct.size());
    for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
      found.addAll(
          jdbc.sql("select * from defect where id in (:ids)")
              .param("ids", distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY)))
              .query(DEFECT)
              .list());
    }
    found.sort(Comparator.comparing(Defect::id));
    return found;
  }

  /** The release candidates: fixed and in no release. */
  List<Defect> findCandidates() {
    return jdbc.sql(
            "select * from defect where status = 'FIXED' and release_id is null order by updated_at, id")
        .query(DEFECT)
        .list();
  }

  void markFixed(String id, String buildVersion, Instant now) {
    jdbc.sql("update defect set status = 'FIXED', build_version = ?, updated_at = ? where id = ?")
        .params(buildVersion, utc(now), id)
        .update();
  }

  void moveToRelease(Collection<String> ids, String releaseId, Instant now) {
    setState(ids, DefectStatus.IN_RELEASE, releaseId, now);
  }

  /** Back to the candidates, for a later week. */
  void returnToCandidates(Collection<String> ids, Instant now) {
    setState(ids, DefectStatus.FIXED, null, now);
  }

  /** A fix failed internal testing in this release, which keeps the defect until its next fix. */
  void awaitNewFix(Collection<String> ids, String releaseId, Instant now) {
    setState(ids, DefectStatus.RAISED, releaseId, now);
  }

  /**
   * Out of an emergency and back on the regular path: a defect with a fix is a candidate for the
   * next regular release, one without waits for its fix.
   */
  void returnToRegularPath(Collection<String> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "update defect set status = case when build_version is null then 'RAISED' else 'FIXED' end,"
                + " release_id = null, updated_at = :now where id in (:ids)")
        .param("now", utc(now))
        .param("ids", ids)
        .update();
  }

  /** The ids of the defects a release holds. */
  List<String> idsInRelease(String releaseId) {
    return jdbc.sql(
            "select id from defect where release_id = ? and status = 'IN_RELEASE' order by id")
        .param(releaseId)
        .query(String.class)
        .list();
  }

  void markReleased(String releaseId, Instant now) {
    jdbc.sql(
            "update defect set status = 'RELEASED', updated_at = ? where release_id = ? and status = 'IN_RELEASE'")
        .params(utc(now), releaseId)
        .update();
  }

  /** Closes a defect with its reason (and the original it duplicates, if it is a duplicate). */
  void close(String id, String reason, String duplicateOf, Instant now) {
    jdbc.sql(
            "update defect set status = 'CLOSED', closure_reason = ?, duplicate_of = ?,"
                + " updated_at = ? where id = ?")
        .params(reason, duplicateOf, utc(now), id)
        .update();
  }

  /**
   * Reopened by its raiser after its release: open again, out of its release, its fix kept as the
   * build that did not fix it.
   */
  void reopen(String id, Instant now) {
    jdbc.sql(
            "update defect set status = 'RAISED', release_id = null, closure_reason = null,"
                + " updated_at = ? where id = ?")
        .params(utc(now), id)
        .update();
  }

  private void setState(
      Collection<String> ids, DefectStatus status, String releaseId, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "update defect set status = :status, release_id = :release, updated_at = :now where id in (:ids)")
        .param("status", status.name())
        .param("release", releaseId)
        .param("now", utc(now))
        .param("ids", ids)
        .update();
  }

  /** The fields an edit may change (DefectEdits). */
  void updateEditable(Defect defect, Instant now) {
    jdbc.sql(
            """
            update defect set title = ?, severity = ?, component = ?, stops_testing = ?, updated_at = ?
            where id = ?""")
        .params(
            defect.title(),
            defect.severity().name(),
            defect.component(),
            defect.stopsTesting(),
            utc(now),
            defect.id())
        .update();
  }

  /** Whether an edit made it an S1 that stops testing before (raising one leaves this false). */
  boolean hadEmergency(String id) {
    return jdbc.sql("select had_emergency from defect where id = ?")
        .param(id)
        .query(Boolean.class)
        .single();
  }

  void markHadEmergency(String id) {
    jdbc.sql("update defect set had_emergency = true where id = ?").param(id).update();
  }

  /**
   * The register filtered: every criterion that is null matches everything. organisations, when not
   * null, keeps the items raised by one of them (a participant's view). assigneeDefects, when not
   * null, keeps only the items with these ids.
   */
  List<Defect> findAll(Filter filter) {
    StringBuilder sql = new StringBuilder("select * from defect where 1 = 1");
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    condition(sql, params, "status", filter.status() == null ? null : filter.status().name());
    condition(sql, params, "severity", filter.severity() == null ? null : filter.severity().name());
    condition(sql, params, "kind", filter.kind() == null ? null : filter.kind().name());
    condition(sql, params, "component", filter.component());
    condition(sql, params, "release_id", filter.releaseId());
    if (filter.organisations() != null) {
      if (filter.organisations().isEmpty()) {
        return List.of();
      }
      sql.append(" and raised_by_organisation in (:organisations)");
      params.put("organisations", filter.organisations());
    }
    sql.append(" order by raised_at, id");
    List<Defect> found = jdbc.sql(sql.toString()).params(params).query(DEFECT).list();
    if (filter.ids() == null) {
      return found;
    }
    java.util.Set<String> ids = java.util.Set.copyOf(filter.ids());
    return found.stream().filter(defect -> ids.contains(defect.id())).toList();
  }

  private static void condition(
      StringBuilder sql, java.util.Map<String, Object> params, String column, Object value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = :").append(column);
      params.put(column, value);
    }
  }

  /** What GET /api/defects and /api/defects.csv select. */
  record Filter(
      DefectStatus status,
      Severity severity,
      ItemKind kind,
      String component,
      String releaseId,
      Collection<String> organisations,
      Collection<String> ids) {}

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
