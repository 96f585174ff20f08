package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ccmt.environment.CommandRunner.CommandResult;

/** Real OS processes: what the deployment gateway keeps of a command. */
class CommandRunnerTest {

  private final CommandRunner runner = new CommandRunner();

  @Test
  void shouldKeepExitCodeAndOutputOfBothStreams() {
    CommandResult result =
        runner.run(
            "bash -c",
            List.of("echo deployed; echo warning >&2; exit 4"),
            Duration.ofSeconds(10),
            Map.of());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.output()).contains("deployed", "warning");
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void shouldStopACommandThatOutlivesItsTimeOut() {
    long started = System.nanoTime();

    CommandResult result =
        runner.run("bash -c", List.of("echo started; sleep 30"), Duration.ofMillis(500), Map.of());

    assertThat(result.exitCode()).isNull();
    assertThat(result.output()).contains("started", "[timed out after PT0.5S]");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void shouldSayWhenACommandCannotStart() {
    CommandResult result =
        runner.run("/nonexistent/deploy.sh", List.of("DEV1"), Duration.ofSeconds(5), Map.of());

    assertThat(result.exitCode()).isNull();
    assertThat(result.output()).startsWith("could not start /nonexistent/deploy.sh");
  }

  @Test
  void shouldKeepOnlyTheEndOfAVeryLongOutput() {
    CommandResult result =
        runner.run(
            "bash -c",
            List.of("for i in $(seq 1 20000); do echo line $i; done"),
            Duration.ofSeconds(20),
            Map.of("CCMT_DATA_DIR", "/tmp"));

    assertThat(result.output())
        .hasSizeLessThanOrEqualTo(CommandRunner.MAX_OUTPUT_CHARS + 3)
        .startsWith("[…]")
        .endsWith("line 20000\n");
  }
}
