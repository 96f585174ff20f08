package uk.ccmt.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** An embedded PostgreSQL that lives as long as the test JVM, for a Spring context on it. */
public final class PostgresForThisJvm {

  private PostgresForThisJvm() {}

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
