package uk.ccmt.environment;

import static uk.ccmt.environment.EnvironmentRollbackVariables.PARTICIPANTS_ENVIRONMENT;
import static uk.ccmt.environment.EnvironmentRollbackVariables.ROLLBACK_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of environmentRollback; the rules are in {@link EnvironmentRollbacks}. */
@Configuration(proxyBeanMethods = false)
class EnvironmentRollbackDelegates {

  @Bean
  JavaDelegate recordRollbackDelegate(EnvironmentRollbacks rollbacks) {
    return execution ->
        execution.setVariable(
            PARTICIPANTS_ENVIRONMENT, rollbacks.recordDone(rollbackId(execution)));
  }

  @Bean
  JavaDelegate recordRollbackRefusedDelegate(EnvironmentRollbacks rollbacks) {
    return execution -> rollbacks.recordRefused(rollbackId(execution));
  }

  @Bean
  ExecutionListener rollbackEndedListener(EnvironmentRollbacks rollbacks) {
    return execution -> rollbacks.recordEnded(rollbackId(execution));
  }

  private static long rollbackId(DelegateExecution execution) {
    return ((Number) execution.getVariable(ROLLBACK_ID)).longValue();
  }
}
