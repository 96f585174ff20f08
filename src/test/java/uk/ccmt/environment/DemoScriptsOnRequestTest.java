package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ccmt.environment.CommandRunner.CommandResult;

/**
 * The shipped demo scripts, run as the deployment gateway runs them, fail on request so that the
 * demo can show fix forward: a file {@code fail-deploy-<ENV>} or {@code fail-smoke-<ENV>} in the
 * data directory makes that environment's step fail, and deleting it lets the next attempt pass.
 */
class DemoScriptsOnRequestTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final CommandRunner runner = new CommandRunner();

  @TempDir Path dataDir;

  @BeforeAll
  static void bashIsThere() {
    assumeTrue(
        Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "the demo scripts need bash, which this machine lacks");
  }

  @Test
  void shouldFailADeploymentWhileItsFailFileExistsAndPassOnceItIsDeleted() throws IOException {
    assertThat(deploy("CCMT", "R-2026-W50", "5.0.0").succeeded()).isTrue();
    Path failFile = Files.createFile(dataDir.resolve("fail-deploy-CCMT"));

    CommandResult refused = deploy("CCMT", "R-2026-W51", "5.1.0");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output())
        .contains("FAIL: deployment of R-2026-W51 build 5.1.0 to CCMT refused on request")
        .contains("fail-deploy-CCMT exists");
    assertThat(manifest("CCMT")).contains("release=R-2026-W50").doesNotContain("R-2026-W51");
    assertThat(deploy("QAS2", "R-2026-W51", "5.1.0").succeeded())
        .as("only the environment the file names fails")
        .isTrue();

    Files.delete(failFile);

    assertThat(deploy("CCMT", "R-2026-W51", "5.1.0").succeeded()).isTrue();
    assertThat(manifest("CCMT")).contains("release=R-2026-W51", "build=5.1.0");
  }

  @Test
  void shouldFailASmokeTestWhileItsFailFileExistsAndPassOnceItIsDeleted() throws IOException {
    assertThat(deploy("QAS1", "R-2026-W50", "5.0.0").succeeded()).isTrue();
    assertThat(smokeTest("QAS1", "R-2026-W50").succeeded()).isTrue();
    Path failFile = Files.createFile(dataDir.resolve("fail-smoke-QAS1"));

    CommandResult failed = smokeTest("QAS1", "R-2026-W50");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output())
        .contains("FAIL: smoke test of R-2026-W50 in QAS1 failed on request", "fail-smoke-QAS1");

    Files.delete(failFile);

    assertThat(smokeTest("QAS1", "R-2026-W50").succeeded()).isTrue();
  }

  private CommandResult deploy(String environment, String releaseId, String build) {
    return runner.run(
        "scripts/deploy.sh", List.of(environment, releaseId, build), TIMEOUT, environment());
  }

  private CommandResult smokeTest(String environment, String releaseId) {
    return runner.run(
        "scripts/smoke-test.sh", List.of(environment, releaseId), TIMEOUT, environment());
  }

  private Map<String, String> environment() {
    return Map.of("CCMT_DATA_DIR", dataDir.toAbsolutePath().toString());
  }

  private String manifest(String environment) throws IOException {
    return Files.readString(dataDir.resolve("environments/" + environment + "/release.manifest"));
  }
}
