package uk.ccmt.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An embedded PostgreSQL that lives as long as the test JVM, for a Spring context on it. */
public final class PostgresForThisJvm {

  private PostgresForThisJvm() {}

  /**
   * Points a test's Spring context at a PostgreSQL of its own: call it from the test's
   * {@code @DynamicPropertySource} method.
   */
  public static void useIn(DynamicPropertyRegistry registry) {
    EmbeddedPostgres postgres = start();
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  public static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // the JVM is ending: nothing left to clean up for
                    }
                  }));
      return postgres;
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start", e);
    }
  }
}
