package uk.ccmt.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.system.EngineTuning;

/**
 * The engine tuning on PostgreSQL, where names fold to lower case: the job due-date index exists
 * after Camunda created its schema on a fresh database, and an existing database without it gets it
 * at the next start.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresEngineTuningTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired ProcessEngine engine;

  @Autowired DataSource dataSource;

  @Autowired JdbcClient jdbc;

  @Test
  void shouldCreateTheJobDueDateIndexOnAFreshAndOnAnExistingDatabase() {
    assertThat(EngineTuning.indexExists(dataSource)).as("fresh database").isTrue();
    String prefix =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDatabaseTablePrefix();

    jdbc.sql("drop index " + EngineTuning.JOB_DUE_DATE_INDEX).update();
    assertThat(EngineTuning.indexExists(dataSource)).isFalse();
    EngineTuning.createJobDueDateIndex(dataSource, prefix);
    assertThat(EngineTuning.indexExists(dataSource)).as("existing database").isTrue();

    EngineTuning.createJobDueDateIndex(dataSource, prefix);
    assertThat(
            jdbc.sql("select count(*) from pg_indexes where indexname = ?")
                .param(EngineTuning.JOB_DUE_DATE_INDEX)
                .query(Integer.class)
                .single())
        .as("once, however often it runs")
        .isEqualTo(1);
    assertThat(
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getAuthorizationCheckRevokes())
        .isEqualTo("never");
  }
}
