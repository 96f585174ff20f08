package uk.ccmt.note;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReleaseNoteRepository {

  private static final RowMapper<ReleaseNote> NOTE = (rs, row) -> new ReleaseNote(
      rs.getString("release_id"),
      NoteKind.valueOf(rs.getString("kind")),
      rs.getInt("version"),
      rs.getString("summary"),
      rs.getObject("created_at", OffsetDateTime.class).toInstant());

  private final JdbcClient jdbc;

  ReleaseNoteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ReleaseNote add(String releaseId, NoteKind kind, String summary, Instant now) {
    int version = jdbc.sql("select coalesce(max(version), 0) + 1 from release_note where release_id = ? and kind = ?")
        .params(releaseId, kind.name()).query(Integer.class).single();
    jdbc.sql("insert into release_note (release_id, kind, version, summary, created_at) values (?, ?, ?, ?, ?)")
        .params(releaseId, kind.name(), version, summary, now.atOffset(ZoneOffset.UTC)).update();
    return new ReleaseNote(releaseId, kind, version, summary, now);
  }

  List<ReleaseNote> findByRelease(String releaseId) {
    return jdbc.sql("select * from release_note where release_id = ? order by created_at, id")
        .param(releaseId).query(NOTE).list();
  }
}
