package uk.ccmt.decision;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Knows, while a task is being completed, exactly which values its completion submitted: the
 * variables of the engine's complete command ({@code TaskService.complete}, engine REST {@code
 * /task/{id}/complete}) or submit command ({@code FormService.submitTaskForm}, Tasklist's {@code
 * /task/{id}/submit-form}). The process scope cannot say this: it still holds what earlier tasks
 * set, such as the comment of the decision before.
 *
 * <p>The commands keep their variables in protected fields without getters; they are read once per
 * completion. {@link #check()} fails the engine's start if an upgrade renamed them, rather than
 * recording decisions without their values.
 */
final class SubmittedValues extends CommandInterceptor {

  private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");

  /** The completions under way on this thread, innermost first (a completion may complete more). */
  private static final ThreadLocal<Deque<Submission>> UNDER_WAY =
      ThreadLocal.withInitial(ArrayDeque::new);

  private static final class Submission {
    private final String taskId;
    private final Map<String, Object> values;
    private String refusedExecutionId;
    private RuntimeException refusal;

    Submission(String taskId, Map<String, Object> values) {
      this.taskId = taskId;
      this.values = values;
    }

    String taskId() {
      return taskId;
    }

    Map<String, Object> values() {
      return values;
    }
  }

  @Override
  public <T> T execute(Command<T> command) {
    Submission submission = submissionOf(command);
    if (submission == null) {
      return next.execute(command);
    }
    Deque<Submission> underWay = UNDER_WAY.get();
    underWay.push(submission);
    try {
      return next.execute(command);
    } finally {
      underWay.pop();
      if (underWay.isEmpty()) {
        UNDER_WAY.remove();
      }
    }
  }

  /**
   * The values submitted with the completion of the task now being completed on this thread, as
   * typed values where the caller gave them typed; empty when the task is completed by other means.
   */
  static Optional<Map<String, Object>> of(String taskId) {
    for (Submission submission : UNDER_WAY.get()) {
      if (submission.taskId().equals(taskId)) {
        return Optional.of(submission.values());
      }
    }
    return Optional.empty();
  }

  /**
   * Keeps a refusal of the completion of the task until its activity ends in the execution: the
   * engine answers a refusal thrown from a task listener with a 500, but one thrown from an
   * execution listener with the 400 that keeps the task open.
   */
  static void refuseWhenTheTaskEnds(String taskId, String executionId, RuntimeException refusal) {
    for (Submission submission : UNDER_WAY.get()) {
      if (submission.taskId().equals(taskId)) {
        submission.refusedExecutionId = executionId;
        submission.refusal = refusal;
        return;
      }
    }
    throw refusal;
  }

  /** The refusal kept for the task that this execution is ending, if any. */
  static Optional<RuntimeException> refusalAtTheEndOf(String executionId) {
    for (Submission submission : UNDER_WAY.get()) {
      if (executionId.equals(submission.refusedExecutionId)) {
        return Optional.of(submission.refusal);
      }
    }
    return Optional.empty();
  }

  /**
   * Fails at once if the engine's commands no longer keep their variables where this reads them.
   */
  static void check() {
    // The static fields are resolved when the class loads; referencing one loads it.
    COMPLETE_TASK.getName();
  }

  private static Submission submissionOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return submission(command, COMPLETE_TASK, COMPLETE_VARIABLES);
    }
    if (command instanceof SubmitTaskFormCmd) {
      return submission(command, SUBMIT_TASK, SUBMIT_VARIABLES);
    }
    return null;
  }

  private static Submission submission(Command<?> command, Field task, Field variables) {
    try {
      String taskId = (String) task.get(command);
      Object submitted = variables.get(command);
      Map<String, Object> values = new LinkedHashMap<>();
      if (submitted instanceof VariableMap typed) {
        for (String name : typed.keySet()) {
          TypedValue value = typed.getValueTyped(name);
          values.put(name, value);
        }
      } else if (submitted instanceof Map<?, ?> plain) {
        plain.forEach((name, value) -> values.put(String.valueOf(name), value));
      }
      return taskId == null ? null : new Submission(taskId, values);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read the values of a task completion", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          type.getSimpleName()
              + " has no field "
              + name
              + ": this Camunda version keeps a task completion's values elsewhere, so the"
              + " decision record cannot know what was submitted",
          e);
    }
  }
}
