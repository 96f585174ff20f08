package uk.ccmt.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseType;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

@CcmtTest
class DeployReleaseProcessTest extends ProcessTestSupport {

  private static final Path ENVIRONMENTS = Path.of("target/test-environments/environments");

  @Autowired
  ReleaseService releases;

  @Autowired
  DeploymentService deployments;

  @Test
  void shouldDeployAndSmokeTestAReleaseInTheFirstEnvironment() throws Exception {
    givenRelease("BL-1", "2.0.0");

    ProcessInstance deployment = deploy("BL-1", "DEV1");
    assertThat(deployment).isWaitingAt("Task_DeployRelease");
    runDueJobs();

    assertThat(deployment).isEnded().hasPassedInOrder("Task_CheckRouteToLive", "Task_ReserveEnvironment",
        "Task_DeployRelease", "Task_RunSmokeTests", "Task_RecordReleaseRunning", "EndEvent_ReleaseDeployed");
    assertThat(Files.readString(ENVIRONMENTS.resolve("DEV1/release.manifest"))).contains("release=BL-1", "build=2.0.0");
    assertThat(deployments.history("BL-1")).singleElement().satisfies(attempt -> {
      assertThat(attempt.outcome()).isEqualTo(DeploymentOutcome.PASSED);
      assertThat(attempt.exitCode()).isZero();
      assertThat(attempt.output()).contains("Deployed BL-1 build 2.0.0 to DEV1");
      assertThat(attempt.smokeTestOutput()).contains("PASS: DEV1 runs BL-1");
      assertThat(attempt.finishedAt()).isAfterOrEqualTo(attempt.startedAt());
    });
    assertThat(deployments.environments()).filteredOn(env -> env.name().equals("DEV1")).singleElement()
        .satisfies(env -> assertThat(env.releaseId()).isEqualTo("BL-1"));
  }

  @Test
  void shouldRefuseToSkipAnEnvironmentOnTheRouteToLive() {
    givenRelease("BL-1", "2.0.0");

    ProcessInstance deployment = deploy("BL-1", "QAS1");

    assertThat(deployment).isEnded().hasPassed("EndEvent_RouteToLiveViolated").hasNotPassed("Task_DeployRelease");
    assertThat(deployments.history("BL-1")).isEmpty();
    assertThat(deployments.checkRoute("BL-1", "CCMT")).get()
        .satisfies(violation -> assertThat(violation.requiredEnvironment()).isEqualTo("QAS2"));
  }

  @Test
  void shouldFixForwardWhenTheDeploymentFails() {
    givenRelease("BL-1", "2.0.0-broken");

    ProcessInstance deployment = deploy("BL-1", "DEV1");
    runDueJobs();

    assertThat(deployment).isWaitingAt("correctReleaseErrors");
    assertThat(engine.getRuntimeService().getVariable(deployment.getId(), "deploymentProblem")).asString()
        .contains("failed with exit code 3", "missing database migration");
    assertThatThrownBy(() -> complete("BL-1", "correctReleaseErrors", Map.of("buildVersion", " ")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("buildVersion: is required");

    complete("BL-1", "correctReleaseErrors", Map.of("buildVersion", "2.0.1"));
    runDueJobs();

    assertThat(deployment).isEnded().hasPassed("Task_RecordCorrectedBuild", "EndEvent_ReleaseDeployed");
    assertThat(releases.get("BL-1").buildVersion()).isEqualTo("2.0.1");
    assertThat(deployments.history("BL-1")).extracting(DeploymentAttempt::attempt, DeploymentAttempt::buildVersion,
            DeploymentAttempt::exitCode, DeploymentAttempt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "2.0.0-broken", 3, DeploymentOutcome.DEPLOY_FAILED),
            org.assertj.core.groups.Tuple.tuple(2, "2.0.1", 0, DeploymentOutcome.PASSED));
  }

  @Test
  void shouldFixForwardWhenSmokeTestsFail() {
    givenRelease("BL-1", "2.0.0-smoke-fails");

    ProcessInstance deployment = deploy("BL-1", "DEV1");
    runDueJobs();

    assertThat(deployment).isWaitingAt("correctReleaseErrors").hasPassed("Task_RunSmokeTests");
    assertThat(engine.getRuntimeService().getVariable(deployment.getId(), "deploymentProblem")).asString()
        .contains("Smoke tests of BL-1 in DEV1 failed with exit code 1");

    complete("BL-1", "correctReleaseErrors", Map.of("buildVersion", "2.0.1"));
    runDueJobs();

    assertThat(deployment).isEnded();
    assertThat(deployments.history("BL-1")).extracting(DeploymentAttempt::outcome)
        .containsExactly(DeploymentOutcome.SMOKE_TEST_FAILED, DeploymentOutcome.PASSED);
  }

  @Test
  void shouldWaitWhileAnotherDeploymentHoldsTheEnvironment() {
    givenRelease("BL-1", "2.0.0-broken");
    givenRelease("BL-2", "3.0.0");
    ProcessInstance first = deploy("BL-1", "DEV1");
    runDueJobs();
    assertThat(first).isWaitingAt("correctReleaseErrors");

    ProcessInstance second = deploy("BL-2", "DEV1");

    assertThat(second).isWaitingAt("Timer_EnvironmentInUse");
    complete("BL-1", "correctReleaseErrors", Map.of("buildVersion", "2.0.1"));
    runDueJobs();
    assertThat(first).isEnded();
    fireTimer(second, "Timer_EnvironmentInUse");
    runDueJobs();

    assertThat(second).isEnded().hasPassed("EndEvent_ReleaseDeployed");
    assertThat(deployments.environments().get(0).releaseId()).isEqualTo("BL-2");
  }

  @Test
  void shouldAskTheTestTeamToSignTheReleaseOffInInternalTesting() {
    givenRelease("BL-1", "2.0.0");
    for (String environment : List.of("DEV1", "QAS1")) {
      deploy("BL-1", environment);
      runDueJobs();
    }

    ProcessInstance internalTesting = deploy("BL-1", "QAS2");
    runDueJobs();

    assertThat(internalTesting).isWaitingAt("recordInternalTestResults");
    assertThat(deployments.checkRoute("BL-1", "CCMT")).as("not signed off yet").isPresent();
    assertThatThrownBy(() -> complete("BL-1", "recordInternalTestResults", Map.of("failedDefects", jsonArray("D-9"))))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("failedDefects: D-9 is not in release BL-1");
    assertThat(internalTesting).isWaitingAt("recordInternalTestResults");

    complete("BL-1", "recordInternalTestResults", Map.of("failedDefects", jsonArray()));

    assertThat(internalTesting).isEnded().hasPassed("Task_ApplyInternalTestResults", "EndEvent_InternalTestingSignedOff");
    assertThat(deployments.checkRoute("BL-1", "CCMT")).isEmpty();
    assertThat(deployments.progress("BL-1")).extracting(EnvironmentProgress::environment, progress -> progress.passedAt() != null)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DEV1", true), org.assertj.core.groups.Tuple.tuple("QAS1", true),
            org.assertj.core.groups.Tuple.tuple("QAS2", true));
  }

  @Test
  void shouldNeverRunADeploymentCommandTwiceForOneAttempt() throws Exception {
    givenRelease("BL-1", "2.0.0");

    DeploymentService.Result first = deployments.deploy("BL-1", "DEV1", "retried-job#1");
    DeploymentService.Result retry = deployments.deploy("BL-1", "DEV1", "retried-job#1");

    assertThat(first.succeeded()).isTrue();
    assertThat(retry.succeeded()).isTrue();
    assertThat(Files.readAllLines(ENVIRONMENTS.resolve("DEV1/deployments.log"))).hasSize(1);
    assertThat(deployments.history("BL-1")).hasSize(1);
  }

  @Test
  void shouldHandAnAttemptCutOffMidCommandToFixForwardWithoutRerunningIt() throws Exception {
    givenRelease("BL-1", "2.0.0");
    ProcessInstance deployment = deploy("BL-1", "DEV1");
    // The application died while the command of this very job ran: its attempt is still DEPLOYING.
    jdbc.sql("""
            insert into deployment_attempt (request_key, release_id, environment, attempt, build_version, outcome, started_at)
            values (?, 'BL-1', 'DEV1', 1, '2.0.0', 'DEPLOYING', current_timestamp)""")
        .param(deployment.getId() + "#1").update();

    runDueJobs();

    assertThat(deployment).isWaitingAt("correctReleaseErrors");
    assertThat(engine.getRuntimeService().getVariable(deployment.getId(), "deploymentProblem")).asString()
        .contains("outcome is unknown", "not run again");
    assertThat(deployments.history("BL-1")).extracting(DeploymentAttempt::outcome)
        .containsExactly(DeploymentOutcome.UNKNOWN);
    assertThat(ENVIRONMENTS.resolve("DEV1/deployments.log")).doesNotExist();
  }

  private void givenRelease(String id, String buildVersion) {
    releases.register(id, ReleaseType.BASELINE, buildVersion);
  }

  private ProcessInstance deploy(String releaseId, String environment) {
    return engine.getRuntimeService().startProcessInstanceByKey("deployRelease", releaseId,
        Map.of("releaseId", releaseId, "environment", environment));
  }
}
