package uk.ccmt.environment;

import static uk.ccmt.environment.DeployReleaseVariables.ENVIRONMENT;
import static uk.ccmt.environment.DeployReleaseVariables.ENVIRONMENT_FROZEN;
import static uk.ccmt.environment.DeployReleaseVariables.FREEZE_ENDS;
import static uk.ccmt.environment.DeployReleaseVariables.RELEASE_ID;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.freeze.Freeze;
import uk.ccmt.freeze.Freezes;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.ReadableDates;

/**
 * The freeze wait of deployRelease: a deployment to a frozen environment waits, visibly, at the
 * release managers' overrideFreeze task until the freeze ends, is lifted, or they override it for
 * this one deployment with a reason.
 */
@Configuration(proxyBeanMethods = false)
class DeployReleaseFreezeDelegates {

  /** Task-local, for the overrideFreeze form: the freeze, in words. */
  static final String FREEZE_DESCRIPTION = "freezeDescription";

  static final String FREEZE_REASON = "freezeReason";
  static final String FREEZE_ENDS_TEXT = "freezeEndsText";
  static final String RELEASE_BUILD = "releaseBuild";
  static final String ENVIRONMENT_RUNS = "environmentRunsNow";

  /** The reason of an override: the decision record's comment. */
  static final String COMMENT = "comment";

  /**
   * Asked before the environment is held, and again whenever the wait ends by itself: another
   * freeze may follow the one that ended.
   */
  @Bean
  JavaDelegate checkFreezeDelegate(Freezes freezes, Clock clock) {
    return execution -> {
      Optional<Freeze> freeze =
          freezes.holding((String) execution.getVariable(ENVIRONMENT), clock.instant());
      execution.setVariable(ENVIRONMENT_FROZEN, freeze.isPresent());
      execution.setVariable(Freezes.FREEZE_ID, freeze.map(Freeze::id).orElse(null));
      execution.setVariable(FREEZE_ENDS, freeze.map(f -> Date.from(f.to())).orElse(null));
    };
  }

  /** Names the task for Tasklist and puts what is being decided on the form. */
  @Bean
  TaskListener overrideFreezeContextListener(
      Freezes freezes,
      ReleaseService releases,
      DeploymentService deployments,
      ReadableDates dates,
      Clock clock) {
    return task -> {
      String releaseId = (String) task.getVariable(RELEASE_ID);
      String environment = (String) task.getVariable(ENVIRONMENT);
      Freeze freeze =
          freezes.find(String.valueOf(task.getVariable(Freezes.FREEZE_ID))).orElseThrow();
      task.setName("Deploy " + releaseId + " to " + environment + " during freeze?");
      String zone = " (" + clock.getZone().getId() + ")";
      task.setVariableLocal(
          FREEZE_DESCRIPTION,
          freeze.subjectId()
              + ": "
              + String.join(", ", freeze.environments())
              + " frozen from "
              + dates.describe(freeze.from())
              + " to "
              + dates.describe(freeze.to())
              + zone
              + ", declared by "
              + freeze.declaredBy());
      task.setVariableLocal(FREEZE_REASON, freeze.reason());
      task.setVariableLocal(FREEZE_ENDS_TEXT, dates.describe(freeze.to()) + zone);
      task.setVariableLocal(RELEASE_BUILD, releases.get(releaseId).buildVersion());
      task.setVariableLocal(
          ENVIRONMENT_RUNS,
          deployments.environments().stream()
              .filter(view -> view.name().equals(environment))
              .findFirst()
              .filter(view -> view.releaseId() != null)
              .map(
                  view ->
                      view.releaseId()
                          + " build "
                          + view.buildVersion()
                          + (view.deployedAt() == null
                              ? ""
                              : ", since " + dates.describe(view.deployedAt()) + zone))
              .orElse("nothing yet"));
    };
  }

  /**
   * On the override's flow only, so a wait that ends by itself needs no reason. An execution
   * listener: what it throws reaches the engine REST API unwrapped, as a 400 that keeps the task
   * open.
   */
  @Bean
  ExecutionListener freezeOverrideReasonValidator() {
    return execution -> ProcessVariables.requiredText(execution.getVariable(COMMENT), COMMENT);
  }
}
