package uk.ccmt.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Helpers shared by the process tests: jobs run and timers fire as the tests say. */
public abstract class ProcessTestSupport {

  @Autowired protected ProcessEngine engine;

  @Autowired protected TestData given;

  @Autowired protected JdbcClient jdbc;

  @org.junit.jupiter.api.BeforeEach
  void initAssertions() {
    AbstractAssertions.init(engine);
  }

  protected static void clockAt(String isoInstant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(isoInstant)));
  }

  /**
   * Executes every job of a running process that is due now (async steps and due timers) until none
   * is left. The Monday timer start is left alone: tests fire it when they mean to.
   */
  protected void runDueJobs() {
    runDueJobs(engine, 200);
  }

  /**
   * Runs due jobs of process instances one at a time, as the job executor would, until none is due;
   * more than {@code limit} means a process is looping.
   */
  public static void runDueJobs(ProcessEngine engine, int limit) {
    for (int round = 0; round < limit; round++) {
      List<Job> due =
          engine.getManagementService().createJobQuery().executable().list().stream()
              .filter(job -> job.getProcessInstanceId() != null)
              .toList();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs keep coming: is a process looping?");
  }

  /** The one open task with this key in any process carrying the business key. */
  protected Task task(String businessKey, String taskKey) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(businessKey)
            .taskDefinitionKey(taskKey)
            .list();
    assertThat(tasks).as("open %s tasks of %s", taskKey, businessKey).hasSize(1);
    return tasks.get(0);
  }

  protected boolean hasTask(String businessKey, String taskKey) {
    return engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(businessKey)
            .taskDefinitionKey(taskKey)
            .count()
        > 0;
  }

  protected void complete(String businessKey, String taskKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(businessKey, taskKey).getId(), variables);
  }

  /** Completes as the user, the way the engine REST API does: authenticated, then cleared. */
  protected void as(String user, Runnable completion, String... groups) {
    engine.getIdentityService().setAuthentication(user, List.of(groups));
    try {
      completion.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The names of every variable value ever written, task-local ones included (full history). */
  protected List<String> variablesWritten() {
    return variableUpdates().stream()
        .map(org.camunda.bpm.engine.history.HistoricVariableUpdate::getVariableName)
        .toList();
  }

  /**
   * Every text value ever written to a variable (full history keeps each update, task-local ones
   * included) that is longer than a variable summary may be, with its length.
   */
  protected List<String> textVariablesOverTheExcerptLimit() {
    return variableUpdates().stream()
        .filter(
            update ->
                update.getValue() instanceof String text
                    && text.length() > uk.ccmt.system.Excerpt.LIMIT)
        .map(
            update ->
                update.getVariableName()
                    + " ("
                    + ((String) update.getValue()).length()
                    + " characters)")
        .toList();
  }

  private List<org.camunda.bpm.engine.history.HistoricVariableUpdate> variableUpdates() {
    return engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list().stream()
        .map(detail -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) detail)
        .toList();
  }

  /** A JSON array as Camunda Forms submit it: a Json-typed variable. */
  protected static Object jsonArray(String... ids) {
    return SpinValues.jsonValue(ids.length == 0 ? "[]" : "[\"" + String.join("\",\"", ids) + "\"]")
        .create();
  }

  /** Fires the timer waiting in the activity, as an operator would through the engine REST API. */
  protected void fireTimer(ProcessInstance instance, String activityId) {
    fireTimer(engine, instance, activityId);
  }

  /** As {@link #fireTimer(ProcessInstance, String)}, for a test without this support class. */
  public static void fireTimer(ProcessEngine engine, ProcessInstance instance, String activityId) {
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(activityId)
            .timers()
            .singleResult();
    assertThat(timer).as("timer at %s", activityId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  /**
   * A promotion meets a route-to-live violation only when the records change under it: this puts
   * the running deployRelease step at its violation end, as its guard would.
   */
  protected void violateRouteToLive(
      ProcessInstance deployment, String waitingAt, String violation) {
    engine
        .getRuntimeService()
        .createProcessInstanceModification(deployment.getId())
        .cancelAllForActivity(waitingAt)
        .startBeforeActivity("EndEvent_RouteToLiveViolated")
        .setVariable("routeToLiveViolation", violation)
        .execute();
  }

  /** The job of the Monday timer that starts weeklyRelease. */
  protected Job mondayStartJob() {
    return engine
        .getManagementService()
        .createJobQuery()
        .processDefinitionKey("weeklyRelease")
        .activityId("StartEvent_MondayCycleStart")
        .singleResult();
  }

  protected ProcessInstance subProcess(String businessKey, String processKey) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey)
        .processDefinitionKey(processKey)
        .active()
        .singleResult();
  }

  protected String status(String releaseId) {
    return jdbc.sql("select status from ccmt_release where id = ?")
        .param(releaseId)
        .query(String.class)
        .single();
  }

  protected String defectStatus(String defectId) {
    return jdbc.sql("select status from defect where id = ?")
        .param(defectId)
        .query(String.class)
        .single();
  }
}
