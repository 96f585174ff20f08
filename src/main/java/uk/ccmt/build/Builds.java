package uk.ccmt.build;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every build the programme has seen, in the order it first came in (a defect's fix, a release
 * review, an emergency fix, a correction, a baseline). "Older" means "came in earlier": version
 * strings are never parsed, because nothing says how a team numbers its builds.
 */
@Service
public class Builds {

  private final JdbcClient jdbc;

  Builds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the build if it is new; a build seen before keeps its place. */
  @Transactional
  public void register(String version, Instant now) {
    jdbc.sql(
            """
            insert into build (version, registered_at)
            select :version, :now where not exists (select 1 from build where version = :version)""")
        .param("version", version)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Whether {@code version} came in before {@code other}. A build not seen yet is the newest. */
  public boolean isOlder(String version, String other) {
    return order(version) < order(other);
  }

  /** The build of these that came in last. */
  public Optional<String> newest(Collection<String> versions) {
    return versions.stream().distinct().max(Comparator.comparingLong(this::order));
  }

  private long order(String version) {
    return jdbc.sql("select id from build where version = ?")
        .param(version)
        .query(Long.class)
        .optional()
        .orElse(Long.MAX_VALUE);
  }
}
