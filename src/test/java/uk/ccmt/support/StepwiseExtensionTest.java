package uk.ccmt.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small story classes on the JUnit Platform, as the build runs the real ones, and reads what
 * became of each step.
 */
class StepwiseExtensionTest {

  private static final String EXAMPLES = "uk.ccmt.stepwise.examples";

  @Test
  void shouldSkipTheStepsAfterAFailedStepNamingIt() {
    assertThat(run(selectClass(ThreeStepsWhoseSecondFails.class)))
        .containsExactly(
            Map.entry("1. The first step passes", "SUCCESSFUL"),
            Map.entry("2. The second step fails", "FAILED"),
            Map.entry(
                "3. The third step would pass",
                "skipped: an earlier step failed: 2. The second step fails"),
            Map.entry(
                "4. The fourth step would pass",
                "skipped: an earlier step failed: 2. The second step fails"));
  }

  @Test
  void shouldRunEveryStepOfAStoryThatPasses() {
    assertThat(run(selectClass(ThreeStepsThatPass.class)))
        .containsExactly(
            Map.entry("1. The first step passes", "SUCCESSFUL"),
            Map.entry("2. The second step passes", "SUCCESSFUL"),
            Map.entry("3. The third step passes", "SUCCESSFUL"));
  }

  @Test
  void shouldSkipAStepRunAloneWhoseEarlierStepsDidNotRun() {
    assertThat(run(selectMethod(ThreeStepsThatPass.class, "third")))
        .containsExactly(
            Map.entry(
                "3. The third step passes",
                "skipped: an earlier step did not run: 1. The first step passes"));
  }

  /** What became of each step, by its display name, in the order the steps ran. */
  private static Map<String, String> run(DiscoverySelector selector) {
    Map<String, String> steps = new LinkedHashMap<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier step, String reason) {
            if (step.isTest()) {
              steps.put(step.getDisplayName(), "skipped: " + reason);
            }
          }

          @Override
          public void executionFinished(TestIdentifier step, TestExecutionResult result) {
            if (step.isTest()) {
              steps.put(step.getDisplayName(), result.getStatus().name());
            }
          }
        };
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selector)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(EXAMPLES, "true")
                .build(),
            listener);
    return steps;
  }

  /** The example stories run only inside this test, never on their own in the build or the IDE. */
  static class OnlyInsideStepwiseExtensionTest implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(EXAMPLES).isPresent()
          ? ConditionEvaluationResult.enabled("run by StepwiseExtensionTest")
          : ConditionEvaluationResult.disabled("an example for StepwiseExtensionTest only");
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @ExtendWith({OnlyInsideStepwiseExtensionTest.class, StepwiseExtension.class})
  static class ThreeStepsWhoseSecondFails {

    private int steps;

    @Test
    @Order(1)
    @DisplayName("1. The first step passes")
    void first() {
      steps++;
    }

    @Test
    @Order(2)
    @DisplayName("2. The second step fails")
    void second() {
      assertThat(steps).as("a broken story").isEqualTo(99);
    }

    @Test
    @Order(3)
    @DisplayName("3. The third step would pass")
    void third() {
      steps++;
    }

    @Test
    @Order(4)
    @DisplayName("4. The fourth step would pass")
    void fourth() {
      steps++;
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @ExtendWith({OnlyInsideStepwiseExtensionTest.class, StepwiseExtension.class})
  static class ThreeStepsThatPass {

    private int steps;

    @Test
    @Order(1)
    @DisplayName("1. The first step passes")
    void first() {
      steps++;
    }

    @Test
    @Order(2)
    @DisplayName("2. The second step passes")
    void second() {
      assertThat(steps).isEqualTo(1);
      steps++;
    }

    @Test
    @Order(3)
    @DisplayName("3. The third step passes")
    void third() {
      assertThat(steps).isEqualTo(2);
    }
  }
}
