package uk.ccmt.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A browser test class: where Debian's chromium and chromium-driver are not installed, the whole
 * class is skipped before its application starts, reported as skipped with the reason, and the
 * reason printed once. In CI (the {@code CI} environment variable set) it runs anyway, so that
 * {@link Chromium#start} fails it: `.ci/run` installs both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsChromium.Condition.class)
public @interface NeedsChromium {

  /** Whether the browser test may run here. */
  final class Condition implements ExecutionCondition {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      ConditionEvaluationResult result =
          evaluate(CHROMIUM, CHROMEDRIVER, System.getenv("CI") != null);
      if (result.isDisabled() && context.getTestMethod().isEmpty()) {
        System.err.println(context.getDisplayName() + ": " + result.getReason().orElseThrow());
      }
      return result;
    }

    static ConditionEvaluationResult evaluate(Path chromium, Path chromedriver, boolean inCi) {
      if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
        return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
      }
      if (inCi) {
        return ConditionEvaluationResult.enabled(
            "CI runs every browser test: a missing browser fails it");
      }
      return ConditionEvaluationResult.disabled(
          "Skipped: this browser test needs "
              + chromium
              + " and "
              + chromedriver
              + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }
  }
}
