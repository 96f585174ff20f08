package uk.ccmt.environment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.build.Builds;
import uk.ccmt.environment.CommandRunner.CommandResult;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.SeparateTransaction;

/**
 * Deploys releases along the route to live.
 *
 * <p>Crash safety: every attempt is written in a transaction of its own before its command runs,
 * and its result right after, so the record survives whatever happens to the engine transaction
 * around it. A retried job (after a crash, a lost lock or a failed commit) finds its attempt by the
 * request key and never runs the deployment command a second time. An attempt still marked
 * DEPLOYING at that point was cut off mid-command: its outcome is recorded as UNKNOWN and handed to
 * fix forward. Smoke tests change nothing, so a smoke test cut off mid-run is simply run again.
 *
 * <p>About 300 lines: every step that writes a deployment attempt is here, so the crash-safety rule
 * above holds in one file. The words of a failure are in {@link DeploymentProblems}.
 */
@Service
public class DeploymentService {

  private final RouteToLive route;
  private final EnvironmentRepository environments;
  private final DeploymentAttemptRepository attempts;
  private final DeploymentGateway gateway;
  private final ReleaseService releases;
  private final Clock clock;
  private final SeparateTransaction separateTransaction;
  private final Builds builds;

  DeploymentService(
      RouteToLive route,
      EnvironmentRepository environments,
      DeploymentAttemptRepository attempts,
      DeploymentGateway gateway,
      ReleaseService releases,
      Clock clock,
      SeparateTransaction separateTransaction,
      Builds builds) {
    this.builds = builds;
    this.route = route;
    this.environments = environments;
    this.attempts = attempts;
    this.gateway = gateway;
    this.releases = releases;
    this.clock = clock;
    this.separateTransaction = separateTransaction;
  }

  /**
   * The route-to-live guard, for the build the release has now: empty when it may go to the
   * environment, else why not. That very build must have passed the environment before (past
   * internal testing: signed off there), and it may not be older than the build the environment
   * runs, unless this deployment is a recorded rollback.
   */
  public Optional<RouteViolation> checkRoute(
      String releaseId, String environment, boolean rollback) {
    String buildVersion = releases.get(releaseId).buildVersion();
    Optional<RouteViolation> skipped =
        route
            .predecessor(environment)
            .filter(previous -> !environments.hasPassed(releaseId, buildVersion, previous))
            .map(
                previous ->
                    new RouteViolation(
                        environment,
                        previous,
                        null,
                        "Release "
                            + releaseId
                            + " build "
                            + buildVersion
                            + " must pass "
                            + previous
                            + " before it can be deployed to "
                            + environment));
    if (skipped.isPresent() || rollback) {
      return skipped;
    }
    return environments
        .find(environment)
        .filter(
            running ->
                running.buildVersion() != null
                    && builds.isOlder(buildVersion, running.buildVersion()))
        .map(
            running ->
                new RouteViolation(
                    environment,
                    null,
                    running,
                    "Release "
                        + releaseId
                        + " build "
                        + buildVersion
                        + " is older than build "
                        + running.buildVersion()
                        + " of release "
                        + running.releaseId()
                        + ", which "
                        + environment
                        + " runs: only a recorded rollback may take "
                        + environment
                        + " back to an older build"));
  }

  public Optional<RouteViolation> checkRoute(String releaseId, String environment) {
    return checkRoute(releaseId, environment, false);
  }

  @Transactional
  public boolean reserveEnvironment(String environment, String deploymentId, String releaseId) {
    return environments.reserve(environment, deploymentId, releaseId, clock.instant());
  }

  /**
   * Frees what the deployment holds. Runs when its deployRelease instance ends, however it ends:
   * signed off, deployed, or cancelled with its release.
   */
  @Transactional
  public void freeEnvironments(String deploymentId) {
    environments.release(deploymentId);
  }

  /** Runs the deployment command for this request once, whatever the number of calls. */
  public Result deploy(String releaseId, String environment, String requestKey) {
    Optional<DeploymentAttempt> earlier =
        separateTransaction.get(() -> attempts.findByRequest(requestKey));
    if (earlier.isPresent()) {
      return resultOfEarlierDeployment(requestKey, earlier.get());
    }
    String buildVersion = releases.get(releaseId).buildVersion();
    separateTransaction.run(
        () -> attempts.insert(requestKey, releaseId, environment, buildVersion, clock.instant()));
    CommandResult result = gateway.deploy(environment, releaseId, buildVersion);
    DeploymentOutcome outcome =
        result.succeeded() ? DeploymentOutcome.SMOKE_TESTING : DeploymentOutcome.DEPLOY_FAILED;
    separateTransaction.run(
        () ->
            attempts.recordDeployment(
                requestKey,
                result.exitCode(),
                result.output(),
                outcome,
                result.succeeded() ? null : clock.instant()));
    if (result.succeeded()) {
      return Result.success(buildVersion);
    }
    DeploymentProblems.warn("Deployment", releaseId, environment, buildVersion, result);
    return Result.failure(
        buildVersion,
        DeploymentProblems.deployFailed(releaseId, environment, buildVersion, result));
  }

  /** Runs the smoke tests of the attempt this request deployed. */
  public Result smokeTest(String releaseId, String environment, String requestKey) {
    DeploymentAttempt attempt =
        separateTransaction
            .get(() -> attempts.findByRequest(requestKey))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no deployment attempt " + requestKey + " to smoke-test"));
    String buildVersion = attempt.buildVersion();
    if (attempt.outcome() == DeploymentOutcome.PASSED) {
      return Result.success(buildVersion);
    }
    if (attempt.outcome() == DeploymentOutcome.SMOKE_TEST_FAILED) {
      return Result.failure(
          buildVersion,
          DeploymentProblems.smokeFailed(
              releaseId,
              environment,
              buildVersion,
              new CommandResult(attempt.smokeTestExitCode(), attempt.smokeTestOutput())));
    }
    CommandResult result = gateway.smokeTest(environment, releaseId);
    DeploymentOutcome outcome =
        result.succeeded() ? DeploymentOutcome.PASSED : DeploymentOutcome.SMOKE_TEST_FAILED;
    separateTransaction.run(
        () ->
            attempts.recordSmokeTest(
                requestKey, result.exitCode(), result.output(), outcome, clock.instant()));
    if (result.succeeded()) {
      return Result.success(buildVersion);
    }
    DeploymentProblems.warn("Smoke tests", releaseId, environment, buildVersion, result);
    return Result.failure(
        buildVersion, DeploymentProblems.smokeFailed(releaseId, environment, buildVersion, result));
  }

  /**
   * Fix forward: the development team's answer to a failure. The build that failed means "redeploy
   * the same build" (the fault was in the environment or its configuration) and changes nothing.
   * Any other build is a corrected build: the release takes it, and it must enter the route at its
   * first environment again. Answers whether the same build is redeployed.
   */
  @Transactional
  public boolean correct(
      String releaseId,
      String environment,
      String failedBuild,
      String buildVersion,
      String deploymentId,
      String providedBy) {
    if (buildVersion.equals(failedBuild)) {
      return true;
    }
    if (builds.isOlder(buildVersion, failedBuild)) {
      throw ProcessVariables.refused(
          DeployReleaseVariables.BUILD_VERSION,
          buildVersion
              + " is older than "
              + failedBuild
              + ", the build that failed: give a corrected build, or "
              + failedBuild
              + " to redeploy it");
    }
    releases.changeBuild(
        releaseId,
        buildVersion,
        "corrects build " + failedBuild + ", which failed in " + environment,
        providedBy);
    // The corrected build goes through the earlier environments first: nobody waits for this one
    // meanwhile.
    environments.release(deploymentId);
    return false;
  }

  /**
   * The environment now runs the release. Outside internal testing the release has also passed the
   * environment; in the internal test environment it passes when the test team signs it off.
   */
  @Transactional
  public boolean recordRunning(String releaseId, String environment) {
    String buildVersion = releases.get(releaseId).buildVersion();
    boolean internalTesting = environment.equals(route.internalTestEnvironment());
    environments.recordRunning(environment, releaseId, buildVersion, clock.instant());
    environments.recordDeployed(
        releaseId, buildVersion, environment, !internalTesting, clock.instant());
    if (environment.equals(route.liveEnvironment())) {
      releases.markRunningInLive(releaseId);
    }
    return internalTesting;
  }

  /**
   * The test team's sign-off of the build the release has: failed defects leave the release, and
   * that build may go further. The environment is still held for this release, so it still runs it.
   * Whoever provided the build may not sign it off ({@code signedOffBy}, null inside the engine).
   */
  @Transactional
  public void recordInternalTestResults(
      String releaseId, String environment, List<String> failedDefects, String signedOffBy) {
    releases.requireNotProvidedBy(
        releaseId,
        signedOffBy,
        DeployReleaseVariables.FAILED_DEFECTS,
        "someone else in the test team must sign it off");
    releases.removeFailedDefects(releaseId, failedDefects);
    environments.recordPassed(
        releaseId, releases.get(releaseId).buildVersion(), environment, clock.instant());
  }

  public List<DeploymentAttempt> history(String releaseId) {
    return attempts.findByRelease(releaseId);
  }

  public List<EnvironmentProgress> progress(String releaseId) {
    return environments.progressOf(releaseId);
  }

  public List<EnvironmentView> environments() {
    return environments.findOnRoute();
  }

  private Result resultOfEarlierDeployment(String requestKey, DeploymentAttempt attempt) {
    if (attempt.outcome() == DeploymentOutcome.DEPLOYING) {
      separateTransaction.run(
          () -> attempts.setOutcome(requestKey, DeploymentOutcome.UNKNOWN, clock.instant()));
      return Result.failure(attempt.buildVersion(), DeploymentProblems.cutOff(attempt));
    }
    if (attempt.outcome() == DeploymentOutcome.UNKNOWN) {
      return Result.failure(attempt.buildVersion(), DeploymentProblems.unknown(attempt));
    }
    if (attempt.outcome().deployed()) {
      return Result.success(attempt.buildVersion());
    }
    return Result.failure(attempt.buildVersion(), DeploymentProblems.earlierDeployFailed(attempt));
  }

  /**
   * What a deployment step tells the process: success, or the problem for fix forward; and the
   * build it ran.
   */
  public record Result(boolean succeeded, String buildVersion, String problem) {

    static Result success(String buildVersion) {
      return new Result(true, buildVersion, null);
    }

    static Result failure(String buildVersion, String problem) {
      return new Result(false, buildVersion, problem);
    }
  }

  /**
   * Why a release may not go to an environment yet: it has not passed {@code requiredEnvironment},
   * or its build is older than the one the environment runs ({@code running}).
   */
  public record RouteViolation(
      String environment, String requiredEnvironment, EnvironmentView running, String message) {}
}
