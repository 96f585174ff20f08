package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.support.CcmtTest;

/**
 * The engine runs with the settings application.yaml gives it (README, "Engine tuning"), read back
 * from the running engine rather than from the file: the starter overrides some generic properties
 * with its own keys, as it did authorizationCheckRevokes.
 */
@CcmtTest
class EngineTuningTest {

  @Autowired ProcessEngine engine;

  @Autowired DataSource dataSource;

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void shouldSkipTheRevokeCheckTheAppHasNoUseFor() {
    assertThat(configuration().getAuthorizationCheckRevokes()).isEqualTo("never");
    assertThat(configuration().isAuthorizationEnabled()).isTrue();
  }

  @Test
  void shouldAcquireJobsByDueDateThroughAnIndexOnIt() {
    assertThat(configuration().isJobExecutorAcquireByDueDate()).isTrue();
    assertThat(EngineTuning.indexExists(dataSource)).isTrue();

    // every later start, on every node, finds it there and leaves it
    EngineTuning.createJobDueDateIndex(dataSource, configuration().getDatabaseTablePrefix());
    assertThat(EngineTuning.indexExists(dataSource)).isTrue();
  }

  @Test
  void shouldRunWithoutCmmnAndDmnWhileCockpitStillCountsTheirDefinitions() {
    assertThat(configuration().isCmmnEnabled()).isFalse();
    assertThat(configuration().isDmnEnabled()).isFalse();
    // Cockpit's dashboard and Tasklist ask for these; they must answer, not fail on a table.
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().count()).isZero();
    assertThat(engine.getRepositoryService().createCaseDefinitionQuery().count()).isZero();
  }

  /** Reviewed and kept: README, "Engine tuning", says why audit is not used. */
  @Test
  void shouldKeepFullHistory() {
    assertThat(configuration().getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
  }

  /**
   * The shape of Camunda's acquisition query (Job.xml, selectNextJobsToExecute, ordered by due
   * date): H2 reads it through the index, in due-date order, instead of scanning every job.
   */
  @Test
  void shouldPlanTheAcquisitionQueryThroughTheIndex() throws Exception {
    String acquisition =
        "EXPLAIN select RES.ID_, RES.REV_, RES.DUEDATE_ from ACT_RU_JOB RES"
            + " where (RES.RETRIES_ > 0)"
            + " and (RES.DUEDATE_ is null or RES.DUEDATE_ <= CURRENT_TIMESTAMP)"
            + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < CURRENT_TIMESTAMP)"
            + " and RES.SUSPENSION_STATE_ = 1 order by RES.DUEDATE_ asc limit 3";
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var plan = statement.executeQuery(acquisition)) {
      assertThat(plan.next()).isTrue();
      assertThat(plan.getString(1)).containsIgnoringCase(EngineTuning.JOB_DUE_DATE_INDEX);
    }
  }
}
