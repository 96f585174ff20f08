package uk.ccmt.support;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs the {@code @Order}ed steps of a story class as one story: a step runs only when every
 * earlier step of its class passed. Once a step fails, the later steps are reported as skipped,
 * naming the step that failed, instead of failing in a cascade on the state it never left behind.
 *
 * <p>For a class with {@code @TestInstance(PER_CLASS)}, {@code
 * TestMethodOrder(MethodOrderer.OrderAnnotation.class)} and {@code @Order(n)} on each step; the
 * state the steps share lives in the test instance's fields.
 */
public class StepwiseExtension implements ExecutionCondition, TestWatcher {

  private static final Namespace NAMESPACE = Namespace.create(StepwiseExtension.class);

  private enum Outcome {
    PASSED,
    FAILED,
    ABORTED,
    SKIPPED
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Method> step = context.getTestMethod();
    if (step.isEmpty()) {
      return ConditionEvaluationResult.enabled("a story runs its first step");
    }
    ExtensionContext.Store story = story(context);
    int order = order(step.get());
    return Arrays.stream(context.getRequiredTestClass().getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(Test.class) && order(method) < order)
        .sorted(Comparator.comparingInt(StepwiseExtension::order))
        .filter(earlier -> story.get(earlier, Outcome.class) != Outcome.PASSED)
        .findFirst()
        .map(
            earlier ->
                ConditionEvaluationResult.disabled(
                    reason(story.get(earlier, Outcome.class)) + name(earlier)))
        .orElseGet(() -> ConditionEvaluationResult.enabled("every earlier step passed"));
  }

  private static String reason(Outcome outcome) {
    if (outcome == null) {
      return "an earlier step did not run: ";
    }
    return switch (outcome) {
      case FAILED -> "an earlier step failed: ";
      case ABORTED -> "an earlier step was aborted: ";
      case SKIPPED -> "an earlier step was skipped: ";
      case PASSED -> throw new IllegalStateException("a passed step stops no story");
    };
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, Outcome.PASSED);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    record(context, Outcome.FAILED);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    record(context, Outcome.ABORTED);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(context, Outcome.SKIPPED);
  }

  private static void record(ExtensionContext context, Outcome outcome) {
    story(context).put(context.getRequiredTestMethod(), outcome);
  }

  /** What happened to each step, kept for as long as the class runs. */
  private static ExtensionContext.Store story(ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    return classContext.getStore(NAMESPACE);
  }

  private static int order(Method method) {
    Order order = method.getAnnotation(Order.class);
    return order == null ? Order.DEFAULT : order.value();
  }

  private static String name(Method method) {
    DisplayName name = method.getAnnotation(DisplayName.class);
    return name == null ? method.getName() : name.value();
  }
}
