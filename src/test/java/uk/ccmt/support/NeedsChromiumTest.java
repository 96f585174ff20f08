package uk.ccmt.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class NeedsChromiumTest {

  private static final Path NOWHERE = Path.of("/nonexistent/chromium");

  @Test
  void withoutABrowserTheClassIsSkippedWithTheReason() {
    ConditionEvaluationResult result =
        NeedsChromium.Condition.evaluate(NOWHERE, Path.of("/nonexistent/chromedriver"), false);
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("Skipped: this browser test needs /nonexistent/chromium")
                    .contains("apt-get install -y chromium chromium-driver"));
  }

  @Test
  void inCiAMissingBrowserIsNoReasonToSkip() {
    assertThat(
            NeedsChromium.Condition.evaluate(NOWHERE, Path.of("/nonexistent/chromedriver"), true)
                .isDisabled())
        .as("Chromium.start then fails the test")
        .isFalse();
  }
}
