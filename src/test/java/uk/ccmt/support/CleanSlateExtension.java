package uk.ccmt.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

/**
 * Every test starts from an empty register: no running processes, no domain rows, the route to live
 * as configured, and the engine clock reset.
 */
public class CleanSlateExtension implements BeforeEachCallback, AfterEachCallback {

  /**
   * Where the test deployment scripts write their manifests (ccmt.data-dir of {@link CcmtTest}).
   */
  static final Path DATA_DIR = Path.of("target/test-environments");

  /** Tables that are configuration, not data: the route to live and Flyway's own record. */
  private static final Set<String> KEPT = Set.of("environment", "flyway_schema_history");

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, SQLException {
    FileSystemUtils.deleteRecursively(DATA_DIR);
    TestMailServer.purge();
    var spring = SpringExtension.getApplicationContext(context);
    ProcessEngine engine = spring.getBean(ProcessEngine.class);
    engine.getIdentityService().clearAuthentication();
    for (ProcessInstance instance :
        engine.getRuntimeService().createProcessInstanceQuery().list()) {
      if (engine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceId(instance.getId())
              .count()
          > 0) {
        engine
            .getRuntimeService()
            .deleteProcessInstance(instance.getId(), "clean slate", true, true);
      }
    }
    var history = engine.getHistoryService();
    var finished =
        history.createHistoricProcessInstanceQuery().list().stream().map(h -> h.getId()).toList();
    if (!finished.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(finished);
    }
    JdbcClient jdbc = spring.getBean(JdbcClient.class);
    // Every product table, found rather than listed, so a new table can never leak rows between
    // tests. Camunda's own tables are cleaned through its API above; the route to live stays.
    List<String> tables =
        jdbc
            .sql(
                """
            select table_name from information_schema.tables
            where lower(table_schema) = 'public' and table_type = 'BASE TABLE'""")
            .query(String.class)
            .list()
            .stream()
            .filter(
                table ->
                    !table.toLowerCase(Locale.ROOT).startsWith("act_")
                        && !KEPT.contains(table.toLowerCase(Locale.ROOT)))
            .toList();
    if (isPostgres(spring.getBean(DataSource.class))) {
      // One statement for all: PostgreSQL truncates tables that refer to each other together.
      jdbc.sql("truncate table " + String.join(", ", tables)).update();
    } else {
      jdbc.sql("set referential_integrity false").update();
      try {
        tables.forEach(table -> jdbc.sql("delete from " + table).update());
      } finally {
        jdbc.sql("set referential_integrity true").update();
      }
    }
    jdbc.sql(
            "update environment set current_release_id = null, current_build_version = null, deployed_at = null,"
                + " reserved_by = null, reserved_for = null, reserved_at = null")
        .update();
  }

  private static boolean isPostgres(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
    SpringExtension.getApplicationContext(context)
        .getBean(ProcessEngine.class)
        .getIdentityService()
        .clearAuthentication();
  }
}
