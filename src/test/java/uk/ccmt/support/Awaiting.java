package uk.ccmt.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * What the browser tests wait for in the engine: a task to be there, a timer to fire now (as an
 * operator would in Cockpit) once the process waits at it. Each wait ends as soon as it holds.
 */
public final class Awaiting {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private Awaiting() {}

  /** The timer {@code timerId} of the process {@code processKey} with that business key. */
  public static void fireTimer(
      ProcessEngine engine, String businessKey, String processKey, String timerId) {
    fireTimer(
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
  public static void fireTimer(ProcessEngine engine, String processInstanceId, String timerId) {
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

  /** The task {@code taskKey} of the process with that business key, once it is there. */
  public static Task task(ProcessEngine engine, String businessKey, String taskKey) {
    return Awaitility.await(taskKey + " of " + businessKey)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                engine
                    .getTaskService()
                    .createTaskQuery()
                    .processInstanceBusinessKey(businessKey)
                    .taskDefinitionKey(taskKey)
                    .singleResult(),
            task -> task != null);
  }
}
