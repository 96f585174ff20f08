package uk.ccmt.note;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Every version of every note. Rows are only ever added: a note once communicated never changes.
 */
@Repository
class ReleaseNoteRepository {

  private static final RowMapper<ReleaseNote> NOTE =
      (rs, row) ->
          new ReleaseNote(
              rs.getLong("id"),
              rs.getString("release_id"),
              NoteKind.valueOf(rs.getString("kind")),
              rs.getInt("version"),
              rs.getString("title"),
              rs.getString("summary"),
              rs.getString("body_html"),
              rs.getString("body_text"),
              rs.getObject("created_at", OffsetDateTime.class).toInstant());

  private final JdbcClient jdbc;

  ReleaseNoteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The version the next note of this release and kind gets; (release, kind, version) is unique.
   */
  int nextVersion(String releaseId, NoteKind kind) {
    return jdbc.sql(
            "select coalesce(max(version), 0) + 1 from release_note where release_id = ? and kind = ?")
        .params(releaseId, kind.name())
        .query(Integer.class)
        .single();
  }

  ReleaseNote add(
      String releaseId,
      NoteKind kind,
      int version,
      String title,
      String summary,
      String bodyHtml,
      String bodyText,
      Instant now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into release_note (release_id, kind, version, title, summary, body_html, body_text, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            releaseId,
            kind.name(),
            version,
            title,
            summary,
            bodyHtml,
            bodyText,
            now.atOffset(ZoneOffset.UTC))
        .update(key, "id");
    return new ReleaseNote(
        key.getKeyAs(Number.class).longValue(),
        releaseId,
        kind,
        version,
        title,
        summary,
        bodyHtml,
        bodyText,
        now);
  }

  Optional<ReleaseNote> find(long id) {
    return jdbc.sql("select * from release_note where id = ?").param(id).query(NOTE).optional();
  }

  /** A release's notes in the order they were written. */
  List<ReleaseNote> findByRelease(String releaseId) {
    return jdbc.sql("select * from release_note where release_id = ? order by created_at, id")
        .param(releaseId)
        .query(NOTE)
        .list();
  }

  List<ReleaseNote> findAllNewestFirst() {
    return jdbc.sql("select * from release_note order by created_at desc, id desc")
        .query(NOTE)
        .list();
  }

  List<ReleaseNote> findNewest(int limit) {
    return jdbc.sql("select * from release_note order by created_at desc, id desc limit ?")
        .param(limit)
        .query(NOTE)
        .list();
  }
}
