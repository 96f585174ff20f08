package uk.ccmt.environment;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.environment.CommandRunner.CommandResult;
import uk.ccmt.release.ReleaseCalendar;
import uk.ccmt.release.ReleaseService;
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
 */
@Service
public class DeploymentService {

  private final RouteToLive route;
  private final EnvironmentRepository environments;
  private final DeploymentAttemptRepository attempts;
  private final DeploymentGateway gateway;
  private final ReleaseService releases;
  private final ReleaseCalendar calendar;
  private final SeparateTransaction separateTransaction;

  DeploymentService(RouteToLive route, EnvironmentRepository environments, DeploymentAttemptRepository attempts,
      DeploymentGateway gateway, ReleaseService releases, ReleaseCalendar calendar,
      SeparateTransaction separateTransaction) {
    this.route = route;
    this.environments = environments;
    this.attempts = attempts;
    this.gateway = gateway;
    this.releases = releases;
    this.calendar = calendar;
    this.separateTransaction = separateTransaction;
  }

  /** The route-to-live guard: empty when the release may go to the environment, else why not. */
  public Optional<RouteViolation> checkRoute(String releaseId, String environment) {
    return route.predecessor(environment)
        .filter(previous -> !environments.hasPassed(releaseId, previous))
        .map(previous -> new RouteViolation(environment, previous,
            "Release " + releaseId + " must pass " + previous + " before it can be deployed to " + environment));
  }

  @Transactional
  public boolean reserveEnvironment(String environment, String deploymentId) {
    return environments.reserve(environment, deploymentId, calendar.now());
  }

  /** Runs the deployment command for this request once, whatever the number of calls. */
  public Result deploy(String releaseId, String environment, String requestKey) {
    Optional<DeploymentAttempt> earlier = separateTransaction.get(() -> attempts.findByRequest(requestKey));
    if (earlier.isPresent()) {
      return resultOfEarlierDeployment(requestKey, earlier.get());
    }
    String buildVersion = releases.get(releaseId).buildVersion();
    separateTransaction.run(() -> attempts.insert(requestKey, releaseId, environment, buildVersion, calendar.now()));
    CommandResult result = gateway.deploy(environment, releaseId, buildVersion);
    DeploymentOutcome outcome = result.succeeded() ? DeploymentOutcome.SMOKE_TESTING : DeploymentOutcome.DEPLOY_FAILED;
    separateTransaction.run(() -> attempts.recordDeployment(requestKey, result.exitCode(), result.output(), outcome,
        result.succeeded() ? null : calendar.now()));
    return result.succeeded()
        ? Result.success()
        : Result.failure("Deployment of " + releaseId + " build " + buildVersion + " to " + environment + " failed"
            + describe(result));
  }

  /** Runs the smoke tests of the attempt this request deployed. */
  public Result smokeTest(String releaseId, String environment, String requestKey) {
    DeploymentAttempt attempt = separateTransaction.get(() -> attempts.findByRequest(requestKey))
        .orElseThrow(() -> new IllegalStateException("no deployment attempt " + requestKey + " to smoke-test"));
    if (attempt.outcome() == DeploymentOutcome.PASSED) {
      return Result.success();
    }
    if (attempt.outcome() == DeploymentOutcome.SMOKE_TEST_FAILED) {
      return Result.failure(smokeFailure(releaseId, environment, attempt.smokeTestExitCode(), attempt.smokeTestOutput()));
    }
    CommandResult result = gateway.smokeTest(environment, releaseId);
    DeploymentOutcome outcome = result.succeeded() ? DeploymentOutcome.PASSED : DeploymentOutcome.SMOKE_TEST_FAILED;
    separateTransaction.run(() ->
        attempts.recordSmokeTest(requestKey, result.exitCode(), result.output(), outcome, calendar.now()));
    return result.succeeded()
        ? Result.success()
        : Result.failure(smokeFailure(releaseId, environment, result.exitCode(), result.output()));
  }

  /**
   * The environment now runs the release. Outside internal testing the release has also passed the
   * environment; in the internal test environment it passes when the test team signs it off.
   */
  @Transactional
  public boolean recordRunning(String releaseId, String environment, String deploymentId) {
    String buildVersion = releases.get(releaseId).buildVersion();
    boolean internalTesting = environment.equals(route.internalTestEnvironment());
    environments.recordRunning(environment, releaseId, buildVersion, calendar.now());
    environments.recordDeployed(releaseId, environment, !internalTesting, calendar.now());
    environments.release(environment, deploymentId);
    if (environment.equals(route.liveEnvironment())) {
      releases.markRunningInLive(releaseId);
    }
    return internalTesting;
  }

  /** The test team's sign-off: failed defects leave the release, and the release may go further. */
  @Transactional
  public void recordInternalTestResults(String releaseId, String environment, List<String> failedDefects) {
    releases.removeFailedDefects(releaseId, failedDefects);
    environments.recordPassed(releaseId, environment, calendar.now());
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
      separateTransaction.run(() -> attempts.setOutcome(requestKey, DeploymentOutcome.UNKNOWN, calendar.now()));
      return Result.failure("The deployment of build " + attempt.buildVersion() + " to " + attempt.environment()
          + " was cut off while its command ran, so its outcome is unknown. It was not run again: check "
          + attempt.environment() + " and give the build to redeploy.");
    }
    if (attempt.outcome() == DeploymentOutcome.UNKNOWN) {
      return Result.failure("The outcome of deploying build " + attempt.buildVersion() + " to "
          + attempt.environment() + " is unknown.");
    }
    if (attempt.outcome().deployed()) {
      return Result.success();
    }
    return Result.failure("Deployment of build " + attempt.buildVersion() + " to " + attempt.environment()
        + " failed" + describe(new CommandResult(attempt.exitCode(), attempt.output())));
  }

  private static String smokeFailure(String releaseId, String environment, Integer exitCode, String output) {
    return "Smoke tests of " + releaseId + " in " + environment + " failed"
        + describe(new CommandResult(exitCode, output));
  }

  private static String describe(CommandResult result) {
    String code = result.exitCode() == null ? " without an exit code" : " with exit code " + result.exitCode();
    String output = result.output() == null || result.output().isBlank() ? "" : ":\n" + lastLines(result.output());
    return code + output;
  }

  private static String lastLines(String output) {
    List<String> lines = output.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** What a deployment step tells the process: success, or the problem for fix forward. */
  public record Result(boolean succeeded, String problem) {

    static Result success() {
      return new Result(true, null);
    }

    static Result failure(String problem) {
      return new Result(false, problem);
    }
  }

  /** Why a release may not go to an environment yet. */
  public record RouteViolation(String environment, String requiredEnvironment, String message) {
  }
}
