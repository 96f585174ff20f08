package uk.ccmt.environment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.TextInput;

/**
 * A release manager's recorded rollback: the one way an environment goes back to an older build. It
 * names the earlier release and why, and runs the deployment through deployRelease like any other,
 * so the route, the environment's hold and fix forward all apply.
 */
@Service
public class EnvironmentRollbacks {

  static final String ENVIRONMENT_ROLLBACK = "environmentRollback";
  private static final int MAX_REASON = 1000;

  private final RouteToLive route;
  private final EnvironmentRepository environments;
  private final EnvironmentRollbackRepository rollbacks;
  private final ReleaseService releases;
  private final Clock clock;
  private final RuntimeService runtime;
  private final DecisionRecord decisions;

  EnvironmentRollbacks(
      RouteToLive route,
      EnvironmentRepository environments,
      EnvironmentRollbackRepository rollbacks,
      ReleaseService releases,
      Clock clock,
      RuntimeService runtime,
      DecisionRecord decisions) {
    this.route = route;
    this.environments = environments;
    this.rollbacks = rollbacks;
    this.releases = releases;
    this.clock = clock;
    this.runtime = runtime;
    this.decisions = decisions;
  }

  @Transactional
  public Rollback request(
      String requestedEnvironment, String releaseId, String reason, String user) {
    String environment =
        route
            .canonical(requestedEnvironment)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "environment",
                        "'"
                            + requestedEnvironment
                            + "' is not on the route to live "
                            + String.join(" → ", route.environments())));
    if (releaseId == null || releaseId.isBlank()) {
      throw new InvalidInputException(
          "releaseId", "is required: the earlier release to go back to");
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException(
          "reason", "is required: say why " + environment + " goes back");
    }
    String why = TextInput.text(reason, "reason", MAX_REASON);
    Release target =
        releases
            .find(releaseId.strip())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "releaseId", "there is no release '" + releaseId.strip() + "'"));
    String build = target.buildVersion();
    if (build == null || !environments.hasRun(target.id(), build, environment)) {
      throw new InvalidInputException(
          "releaseId",
          "release "
              + target.id()
              + (build == null
                  ? " has no build"
                  : " build " + build + " never ran in " + environment)
              + ": a rollback goes back to a build the environment ran before");
    }
    EnvironmentView current = environments.find(environment).orElseThrow();
    if (target.id().equals(current.releaseId()) && build.equals(current.buildVersion())) {
      throw new ConflictException(
          "Nothing to roll back",
          environment + " already runs release " + target.id() + " build " + build);
    }
    if (rollbacks.requestedIn(environment).isPresent()) {
      throw new ConflictException(
          "Rollback in progress", "a rollback of " + environment + " is already running");
    }
    long id =
        rollbacks.insert(
            environment,
            target.id(),
            build,
            current.releaseId(),
            current.buildVersion(),
            why,
            user,
            clock.instant());
    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            ENVIRONMENT_ROLLBACK,
            target.id(),
            Map.of(
                DeployReleaseVariables.RELEASE_ID, target.id(),
                DeployReleaseVariables.ENVIRONMENT, environment,
                EnvironmentRollbackVariables.ROLLBACK_ID, id));
    rollbacks.attachProcess(id, instance.getId());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("environment", environment);
    values.put("releaseId", target.id());
    values.put("buildVersion", build);
    values.put("replacedReleaseId", current.releaseId());
    values.put("replacedBuildVersion", current.buildVersion());
    decisions.record(
        target.id(),
        "rollback",
        "Roll back " + environment,
        "rolled back " + environment + " to " + target.id() + " build " + build,
        values,
        user,
        why);
    return rollbacks.find(id).orElseThrow();
  }

  /**
   * The earlier release runs in the environment again. In the live test environment the release it
   * replaced no longer runs there: it is rolled back. Answers whether participants are told: they
   * test in the live test environment only.
   */
  @Transactional
  public boolean recordDone(long rollbackId) {
    Rollback rollback = rollbacks.find(rollbackId).orElseThrow();
    boolean live = rollback.environment().equals(route.liveEnvironment());
    if (rollbacks.end(rollbackId, RollbackOutcome.DONE, clock.instant())
        && live
        && rollback.replacedReleaseId() != null
        && !rollback.replacedReleaseId().equals(rollback.releaseId())) {
      releases.markRolledBack(rollback.replacedReleaseId());
    }
    return live;
  }

  @Transactional
  public void recordRefused(long rollbackId) {
    rollbacks.end(rollbackId, RollbackOutcome.REFUSED, clock.instant());
  }

  /** However its process ends, a rollback still marked requested was ended by an operator. */
  @Transactional
  public void recordEnded(long rollbackId) {
    rollbacks.end(rollbackId, RollbackOutcome.CANCELLED, clock.instant());
  }

  public List<Rollback> ofRelease(String releaseId) {
    return rollbacks.ofRelease(releaseId);
  }

  public Optional<Rollback> find(long rollbackId) {
    return rollbacks.find(rollbackId);
  }
}
