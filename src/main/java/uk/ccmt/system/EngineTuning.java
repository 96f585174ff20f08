package uk.ccmt.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the engine needs in its own schema beyond Camunda's: an index on ACT_RU_JOB (DUEDATE_), so
 * that job acquisition, which filters and (with jobExecutorAcquireByDueDate) orders by the due
 * date, does not read every future timer of every open information request on each poll.
 *
 * <p>Why here and not in a Flyway migration: Camunda creates and updates its own tables while the
 * engine is built (camunda.bpm.database.schema-update), and Spring gives no order between that and
 * Flyway, so on a fresh database ACT_RU_JOB may not exist yet when the migrations run. After the
 * engine is built it always does. The statement is idempotent (IF NOT EXISTS, on H2 and
 * PostgreSQL), so a fresh database, an existing one and every later start of every node are alike.
 */
@Component
public class EngineTuning extends AbstractProcessEnginePlugin {

  /** Lower case: PostgreSQL folds unquoted names to lower case, H2 to upper case. */
  public static final String JOB_DUE_DATE_INDEX = "ccmt_idx_job_duedate";

  private static final Logger log = LoggerFactory.getLogger(EngineTuning.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    createJobDueDateIndex(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
  }

  /** Creates the index unless it exists. Safe to call again, on any node. */
  public static void createJobDueDateIndex(DataSource dataSource, String tablePrefix) {
    String sql =
        "CREATE INDEX IF NOT EXISTS "
            + JOB_DUE_DATE_INDEX
            + " ON "
            + (tablePrefix == null ? "" : tablePrefix)
            + "ACT_RU_JOB (DUEDATE_)";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try {
        statement.execute(sql);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      log.debug("Job due-date index in place: {}", sql);
    } catch (SQLException e) {
      // Two nodes starting together on PostgreSQL may both try to create it; one loses the race.
      if (indexExists(dataSource)) {
        log.info("Job due-date index created by another node meanwhile");
        return;
      }
      throw new ProcessEngineException("Could not create the job due-date index: " + sql, e);
    }
  }

  /** Whether ACT_RU_JOB has the due-date index, whatever case the database keeps names in. */
  public static boolean indexExists(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      for (String table : new String[] {"ACT_RU_JOB", "act_ru_job"}) {
        try (var indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
          while (indexes.next()) {
            if (JOB_DUE_DATE_INDEX.equalsIgnoreCase(indexes.getString("INDEX_NAME"))
                && "DUEDATE_".equalsIgnoreCase(indexes.getString("COLUMN_NAME"))) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not read the indexes of ACT_RU_JOB", e);
    }
  }
}
