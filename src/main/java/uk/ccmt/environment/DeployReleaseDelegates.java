package uk.ccmt.environment;

import static uk.ccmt.environment.DeployReleaseVariables.BUILD_VERSION;
import static uk.ccmt.environment.DeployReleaseVariables.DEPLOYMENT_ATTEMPTS;
import static uk.ccmt.environment.DeployReleaseVariables.DEPLOYMENT_PROBLEM;
import static uk.ccmt.environment.DeployReleaseVariables.DEPLOYMENT_SUCCEEDED;
import static uk.ccmt.environment.DeployReleaseVariables.ENVIRONMENT;
import static uk.ccmt.environment.DeployReleaseVariables.ENVIRONMENT_RESERVED;
import static uk.ccmt.environment.DeployReleaseVariables.FAILED_BUILD_VERSION;
import static uk.ccmt.environment.DeployReleaseVariables.FAILED_DEFECTS;
import static uk.ccmt.environment.DeployReleaseVariables.INTERNAL_TEST_ENVIRONMENT;
import static uk.ccmt.environment.DeployReleaseVariables.RELEASE_ID;
import static uk.ccmt.environment.DeployReleaseVariables.ROLLBACK;
import static uk.ccmt.environment.DeployReleaseVariables.ROUTE_TO_LIVE_RESPECTED;
import static uk.ccmt.environment.DeployReleaseVariables.ROUTE_TO_LIVE_VIOLATION;
import static uk.ccmt.environment.DeployReleaseVariables.SAME_BUILD;
import static uk.ccmt.environment.DeployReleaseVariables.SMOKE_TESTS_PASSED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.environment.DeploymentService.Result;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates of deployRelease. Each reads its variables, calls one service and sets the flags
 * the model routes on; the work itself is in {@link DeploymentService}.
 */
@Configuration(proxyBeanMethods = false)
class DeployReleaseDelegates {

  @Bean
  JavaDelegate checkRouteToLiveDelegate(DeploymentService deployments) {
    return execution -> {
      var violation =
          deployments.checkRoute(
              releaseId(execution),
              environment(execution),
              Boolean.TRUE.equals(execution.getVariable(ROLLBACK)));
      execution.setVariable(ROUTE_TO_LIVE_RESPECTED, violation.isEmpty());
      violation.ifPresent(v -> execution.setVariable(ROUTE_TO_LIVE_VIOLATION, v.message()));
    };
  }

  @Bean
  JavaDelegate reserveEnvironmentDelegate(DeploymentService deployments) {
    return execution ->
        execution.setVariable(
            ENVIRONMENT_RESERVED,
            deployments.reserveEnvironment(
                environment(execution), execution.getProcessInstanceId(), releaseId(execution)));
  }

  /**
   * However the instance ends (done, signed off, or cancelled with its release), it frees what it
   * holds.
   */
  @Bean
  ExecutionListener freeEnvironmentListener(DeploymentService deployments) {
    return execution -> deployments.freeEnvironments(execution.getProcessInstanceId());
  }

  /**
   * The request key is stable across retries of this job: the attempt count only moves on commit.
   */
  @Bean
  JavaDelegate deployReleaseDelegate(DeploymentService deployments) {
    return execution -> {
      int attempt = attemptsSoFar(execution) + 1;
      Result result =
          deployments.deploy(
              releaseId(execution), environment(execution), requestKey(execution, attempt));
      execution.setVariable(DEPLOYMENT_ATTEMPTS, attempt);
      execution.setVariable(DEPLOYMENT_SUCCEEDED, result.succeeded());
      setProblem(execution, result);
    };
  }

  @Bean
  JavaDelegate runSmokeTestsDelegate(DeploymentService deployments) {
    return execution -> {
      Result result =
          deployments.smokeTest(
              releaseId(execution),
              environment(execution),
              requestKey(execution, attemptsSoFar(execution)));
      execution.setVariable(SMOKE_TESTS_PASSED, result.succeeded());
      setProblem(execution, result);
    };
  }

  @Bean
  JavaDelegate recordReleaseRunningDelegate(DeploymentService deployments) {
    return execution ->
        execution.setVariable(
            INTERNAL_TEST_ENVIRONMENT,
            deployments.recordRunning(releaseId(execution), environment(execution)));
  }

  /**
   * Runs in the transaction that completes recordInternalTestResults, so a refused list keeps the
   * task open: the engine REST API answers 400 with the message.
   */
  @Bean
  JavaDelegate applyInternalTestResultsDelegate(DeploymentService deployments) {
    return execution ->
        deployments.recordInternalTestResults(
            releaseId(execution),
            environment(execution),
            ProcessVariables.stringList(execution.getVariable(FAILED_DEFECTS), FAILED_DEFECTS),
            ProcessVariables.currentUser(execution));
  }

  /**
   * Runs in the transaction that completes correctReleaseErrors: the build that failed redeploys
   * it, any other build is a corrected build that re-enters the route.
   */
  @Bean
  JavaDelegate recordCorrectedBuildDelegate(DeploymentService deployments) {
    return execution ->
        execution.setVariable(
            SAME_BUILD,
            deployments.correct(
                releaseId(execution),
                environment(execution),
                (String) execution.getVariable(FAILED_BUILD_VERSION),
                ProcessVariables.requiredText(execution.getVariable(BUILD_VERSION), BUILD_VERSION),
                execution.getProcessInstanceId(),
                ProcessVariables.currentUser(execution)));
  }

  @Bean
  JavaDelegate notifyDeploymentFailureDelegate(DeploymentFailureMailing mailing) {
    return execution ->
        mailing.send(
            releaseId(execution),
            environment(execution),
            (String) execution.getVariable(FAILED_BUILD_VERSION),
            (String) execution.getVariable(DEPLOYMENT_PROBLEM),
            requestKey(execution, attemptsSoFar(execution)));
  }

  /** On a failure the form offers the build that failed: given back as it is, it is redeployed. */
  private static void setProblem(DelegateExecution execution, Result result) {
    execution.setVariable(DEPLOYMENT_PROBLEM, result.problem());
    if (!result.succeeded()) {
      execution.setVariable(FAILED_BUILD_VERSION, result.buildVersion());
      execution.setVariable(BUILD_VERSION, result.buildVersion());
    }
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }

  private static String environment(DelegateExecution execution) {
    return (String) execution.getVariable(ENVIRONMENT);
  }

  private static int attemptsSoFar(DelegateExecution execution) {
    Integer attempts = (Integer) execution.getVariable(DEPLOYMENT_ATTEMPTS);
    return attempts == null ? 0 : attempts;
  }

  private static String requestKey(DelegateExecution execution, int attempt) {
    return execution.getProcessInstanceId() + "#" + attempt;
  }
}
