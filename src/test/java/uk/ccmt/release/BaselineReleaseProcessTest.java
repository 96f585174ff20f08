package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

@CcmtTest
class BaselineReleaseProcessTest extends ProcessTestSupport {

  @Autowired ReleaseStarter starter;

  @Autowired DeploymentService deployments;

  @Test
  void shouldPromoteTheBaselineAlongTheWholeRouteWithInternalTestingInQas2() {
    String id = starter.startBaseline("BASELINE", "1.0.0");
    ProcessInstance baseline = subProcess(id, "baselineRelease");
    runDueJobs();

    assertThat(task(id, "recordInternalTestResults")).hasCandidateGroup("test-team");
    assertThat(deployments.history(id))
        .extracting(DeploymentAttempt::environment)
        .containsExactly("DEV1", "QAS1", "QAS2");

    complete(id, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();

    assertThat(baseline).isEnded().hasPassed("EndEvent_BaselineRunningInLive");
    assertThat(id).isEqualTo("BL-1");
    assertThat(status(id)).isEqualTo("DEPLOYED");
    assertThat(deployments.history(id))
        .extracting(DeploymentAttempt::environment)
        .containsExactly("DEV1", "QAS1", "QAS2", "CCMT");
    assertThat(deployments.environments())
        .allSatisfy(env -> assertThat(env.releaseId()).isEqualTo(id));
  }

  @Test
  void shouldCancelTheBaselineWhenItsPromotionViolatesTheRouteToLive() {
    String id = starter.startBaseline("BASELINE", "1.0.0");
    ProcessInstance baseline = subProcess(id, "baselineRelease");
    ProcessInstance firstStep = subProcess(id, "deployRelease");
    violateRouteToLive(
        firstStep,
        "Task_DeployRelease",
        "Release BL-1 must pass DEV1 before it can be deployed to QAS1");

    assertThat(baseline)
        .isWaitingAt("reviewRouteToLiveViolation")
        .hasPassed("Error_BaselineRouteViolated");
    assertThat(task(id, "reviewRouteToLiveViolation")).hasCandidateGroup("release-managers");
    complete(id, "reviewRouteToLiveViolation", Map.of());

    assertThat(baseline).isEnded().hasPassed("Task_CancelRelease", "EndEvent_BaselineCancelled");
    assertThat(status(id)).isEqualTo("CANCELLED");
  }
}
