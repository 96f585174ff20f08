package uk.ccmt.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

/** Fires a process's timer now, as an operator would in Cockpit, once the process waits at it. */
public final class Timers {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private Timers() {}

  /** The timer {@code timerId} of the process {@code processKey} with that business key. */
  public static void fire(
      ProcessEngine engine, String businessKey, String processKey, String timerId) {
    fire(
        engine,
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(businessKey)
            .processDefinitionKey(processKey)
            .singleResult()
            .getId(),
        timerId);
  }

  /** The timer {@code timerId} of that process instance. */
  public static void fire(ProcessEngine engine, String processInstanceId, String timerId) {
    Job timer =
        Awaitility.await(timerId + " of " + processInstanceId)
            .atMost(PATIENCE)
            .until(
                () ->
                    engine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(processInstanceId)
                        .activityId(timerId)
                        .timers()
                        .singleResult(),
                job -> job != null);
    engine.getManagementService().executeJob(timer.getId());
  }
}
