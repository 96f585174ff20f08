package uk.ccmt.taskcontext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import uk.ccmt.decision.Decision;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.defect.ItemKind;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.environment.EnvironmentView;
import uk.ccmt.environment.RouteToLive;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ReadableDates;

/**
 * What each decision form shows about what is being decided, as task-local variables (each at most
 * {@link Excerpt#LIMIT} characters, in Markdown for the forms' text components): the defects with
 * their titles, severities and components, the build, what the environment runs now, the deadline
 * with its zone, what was removed since the last step and why, and the last attempt's failure.
 * Nothing here changes the process: the variables are the task's own and go when it ends.
 */
@Service
public class TaskContexts {

  /** The defects being decided on, one line each. */
  public static final String DEFECTS = "contextDefects";

  /** The build being decided on. */
  public static final String BUILD = "contextBuild";

  /** The environment the decision is about, and what it runs now. */
  public static final String ENVIRONMENT = "contextEnvironment";

  /** The deadline, with its zone. */
  public static final String DEADLINE = "contextDeadline";

  /** What was removed since the last step, and why. */
  public static final String REMOVED = "contextRemoved";

  /** The last deployment attempt's failure. */
  public static final String LAST_ATTEMPT = "contextLastAttempt";

  /** The heading configuration changes are listed under, apart from the defects. */
  static final String CHANGES_HEADING = "Configuration changes";

  /** Every decision form's optional comment: each task opens with none. */
  static final String COMMENT = "comment";

  private static final Logger LOG = LoggerFactory.getLogger(TaskContexts.class);

  private final ReleaseService releases;
  private final DefectService defects;
  private final DeploymentService deployments;
  private final RouteToLive route;
  private final DecisionRecord decisions;
  private final ReadableDates dates;
  private final Clock clock;

  TaskContexts(
      ReleaseService releases,
      DefectService defects,
      DeploymentService deployments,
      RouteToLive route,
      DecisionRecord decisions,
      ReadableDates dates,
      Clock clock) {
    this.releases = releases;
    this.defects = defects;
    this.deployments = deployments;
    this.route = route;
    this.decisions = decisions;
    this.dates = dates;
    this.clock = clock;
  }

  /**
   * Sets the task's context variables. A context that cannot be read is logged and left out: the
   * task opens all the same, with the ids the model gives it.
   */
  void fill(DelegateTask task) {
    // A comment belongs to one decision: the next form opens with an empty one, not the last one's.
    task.getExecution().removeVariable(COMMENT);
    Map<String, String> context;
    try {
      context = contextOf(task);
    } catch (RuntimeException e) {
      LOG.warn(
          "No context for task {} ({}): {}",
          task.getTaskDefinitionKey(),
          task.getId(),
          e.toString());
      return;
    }
    context.forEach(
        (name, text) -> {
          if (text != null && !text.isBlank()) {
            task.setVariableLocal(name, Excerpt.of(text, whereTheWholeIs(task)));
          }
        });
  }

  /** The context of a task by its key: the same key has the same context in every model. */
  Map<String, String> contextOf(DelegateTask task) {
    Map<String, String> context = new LinkedHashMap<>();
    if (DEFECT_FIX_TASKS.contains(task.getTaskDefinitionKey())) {
      return defectFixContext(task, context);
    }
    String releaseId = text(task.getVariable("releaseId"));
    if (releaseId == null) {
      return context;
    }
    Optional<Release> release = releases.find(releaseId);
    String environment = text(task.getVariable("environment"));
    String key = task.getTaskDefinitionKey();
    switch (key) {
      case "reviewReleaseContents" -> {
        context.put(DEFECTS, defectList("Defects proposed for " + releaseId, included(releaseId)));
        context.put(BUILD, buildsOfFixes(releaseId));
        context.put(ENVIRONMENT, runsNow(route.environments().get(0), "First environment"));
        context.put(DEADLINE, deadline("Review by", task.getDueDate()));
      }
      case "chaseProvisionalReleaseNote" -> {
        context.put(DEFECTS, defectList("Defects proposed for " + releaseId, included(releaseId)));
        context.put(DEADLINE, deadline("Was due by", date(task.getVariable("provisionalNoteDue"))));
      }
      case "chaseInternalTestResults" -> {
        context.put(DEFECTS, defectList("Defects in testing", included(releaseId)));
        context.put(BUILD, build(release));
        context.put(
            DEADLINE,
            deadline("Internal test cut-off", date(task.getVariable("internalTestingDue"))));
      }
      case "recordInternalTestResults" -> {
        context.put(DEFECTS, defectList("Defects to test", included(releaseId)));
        context.put(BUILD, build(deployedBuild(task, release)));
        context.put(ENVIRONMENT, runsNow(environment, "Environment"));
        context.put(
            DEADLINE,
            deadline("Internal test cut-off", date(fromCaller(task, "internalTestingDue"))));
        context.put(REMOVED, removed(releaseId));
      }
      case "confirmReleaseContents" -> {
        context.put(
            DEFECTS, defectList("Defects that passed internal testing", included(releaseId)));
        context.put(BUILD, build(release));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(DEADLINE, deadline("Deployment slot", task.getDueDate()));
        context.put(REMOVED, removed(releaseId));
      }
      case "correctReleaseErrors" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(
            BUILD, build(text(task.getVariable("failedBuildVersion")), "Build that failed"));
        context.put(ENVIRONMENT, runsNow(environment, "Environment"));
        context.put(LAST_ATTEMPT, lastAttempt(releaseId, environment));
      }
      case "reviewRouteToLiveViolation" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(BUILD, build(release));
        context.put(LAST_ATTEMPT, violation(task, releaseId));
        context.put(ENVIRONMENT, allEnvironments());
      }
      case "holdReleaseReview", "chaseReleaseReview" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(
            DEADLINE,
            deadline(
                "Release review due by",
                task.getDueDate() != null
                    ? task.getDueDate()
                    : date(task.getVariable("reviewDue"))));
      }
      case "provideEmergencyFix" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(BUILD, lastBuildChange(releaseId));
        context.put(DEADLINE, agreedTime(releaseId));
      }
      // Not agreeEmergencyDeployment: one per organisation, up to a thousand at once, each with
      // the context its own form is given.
      case "approveEmergencyFix" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        String build = lastBuildChange(releaseId);
        context.put(BUILD, (build == null ? "" : build) + fourEyes(task, releaseId));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(DEADLINE, agreedTime(releaseId));
      }
      case "decideWithoutStakeholderAgreement", "confirmStakeholderAgreement" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(BUILD, lastBuildChange(releaseId));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(DEADLINE, agreedTime(releaseId));
      }
      case "agreeNewDeploymentTime" -> {
        context.put(DEFECTS, defectsOf(task, releaseId));
        context.put(BUILD, build(release));
        context.put(ENVIRONMENT, runsNow(route.liveEnvironment(), "Live environment"));
        context.put(DEADLINE, agreedTime(releaseId).replace("Agreed", "Agreed, now passed,"));
      }
      default -> {
        // information requests and partnering carry their own context
      }
    }
    return context;
  }

  /** The tasks of defectFix (bpmn/defect-fix.bpmn), about one defect rather than a release. */
  static final List<String> DEFECT_FIX_TASKS =
      List.of(
          "analyseDefect",
          "provideDefectInformation",
          "deliverDefectFix",
          "confirmDefectFix",
          "chaseDefectFix");

  /**
   * One defect: its title, severity, component and raiser, the target time of its fix (UK style,
   * zone named), its build once released, and why its last fix failed internal testing (the test
   * team's comment from the decision record) or what its raiser added.
   */
  private Map<String, String> defectFixContext(DelegateTask task, Map<String, String> context) {
    String defectId = text(task.getVariable("defectId"));
    if (defectId == null) {
      return context;
    }
    Defect defect = defects.get(defectId);
    context.put(
        DEFECTS,
        "**Defect:** "
            + describe(defect)
            + "\n\n**Raised by:** "
            + (defect.raisedBy() == null ? "not named" : Markdown.escape(defect.raisedBy())));
    String key = task.getTaskDefinitionKey();
    if (key.equals("confirmDefectFix")) {
      context.put(BUILD, build(defect.buildVersion(), "Build released"));
      context.put(
          DEADLINE,
          deadline(
              "Confirm by",
              task.getDueDate() != null
                  ? task.getDueDate()
                  : confirmBy(task.getVariable("confirmWithin"))));
      return context;
    }
    context.put(DEADLINE, deadline("Target time of the fix", date(task.getVariable("fixDueAt"))));
    String failedIn = text(task.getVariable("failedInRelease"));
    if (failedIn != null && !key.equals("provideDefectInformation")) {
      String testers = lastComment(failedIn, "recordInternalTestResults");
      context.put(
          REMOVED,
          "**Failed internal testing in "
              + Markdown.escape(failedIn)
              + ":** "
              + (testers == null
                  ? "the test team gave no reason"
                  : "the test team said: " + Markdown.escape(testers)));
    }
    String information = text(task.getVariable("information"));
    if (information != null && key.equals("analyseDefect")) {
      context.merge(
          REMOVED,
          "**More information from the raiser:** " + Markdown.escape(information),
          (a, b) -> a + "\n\n" + b);
    }
    return context;
  }

  private Date confirmBy(Object confirmWithin) {
    String within = text(confirmWithin);
    return within == null
        ? null
        : Date.from(clock.instant().plus(java.time.Duration.parse(within)));
  }

  private List<Defect> included(String releaseId) {
    return releases.includedDefects(releaseId);
  }

  /** The release's defects, or for an emergency the S1 defect it is for. */
  private String defectsOf(DelegateTask task, String releaseId) {
    List<Defect> inRelease = included(releaseId);
    String defectId = text(task.getVariable("defectId"));
    if (inRelease.isEmpty() && defectId != null) {
      try {
        inRelease = List.of(defects.get(defectId));
      } catch (RuntimeException unknown) {
        return "**S1 defect:** " + Markdown.escape(defectId);
      }
    }
    return defectList(defectId != null ? "S1 defect" : "Defects in " + releaseId, inRelease);
  }

  /**
   * The defects under the heading, and the configuration changes among the items under a heading of
   * their own ("Configuration changes"), shown only when there are any.
   */
  private static String defectList(String heading, List<Defect> list) {
    List<Defect> defectsOnly = list.stream().filter(item -> !isChange(item)).toList();
    List<Defect> changes = list.stream().filter(TaskContexts::isChange).toList();
    List<String> lines = new ArrayList<>();
    if (defectsOnly.isEmpty()) {
      lines.add("**" + heading + ":** none");
    } else {
      lines.add("**" + heading + ":**");
      lines.add("");
      defectsOnly.forEach(defect -> lines.add("- " + describe(defect)));
    }
    if (!changes.isEmpty()) {
      lines.add("");
      lines.add("**" + CHANGES_HEADING + ":**");
      lines.add("");
      changes.forEach(change -> lines.add("- " + describe(change)));
    }
    return String.join("\n", lines);
  }

  private static boolean isChange(Defect item) {
    return item.kind() == ItemKind.CONFIGURATION;
  }

  static String describe(Defect defect) {
    StringBuilder line = new StringBuilder();
    line.append("**").append(Markdown.escape(defect.id())).append("** ");
    line.append(Markdown.escape(defect.title()));
    if (isChange(defect)) {
      line.append(" (configuration change");
      if (defect.component() != null && !defect.component().isBlank()) {
        line.append(", component ").append(Markdown.escape(defect.component()));
      }
      if (defect.buildVersion() != null) {
        line.append(", build or package ").append(Markdown.escape(defect.buildVersion()));
      }
      return line.append(")").toString();
    }
    line.append(" (severity ").append(defect.severity());
    if (defect.component() != null && !defect.component().isBlank()) {
      line.append(", component ").append(Markdown.escape(defect.component()));
    }
    line.append(")");
    return line.toString();
  }

  private String buildsOfFixes(String releaseId) {
    List<String> builds =
        included(releaseId).stream()
            .map(Defect::buildVersion)
            .filter(build -> build != null && !build.isBlank())
            .distinct()
            .map(Markdown::escape)
            .toList();
    return builds.isEmpty()
        ? null
        : "**Builds of the fixes:** "
            + String.join(", ", builds)
            + " (the latest usually carries all)";
  }

  private static String build(Optional<Release> release) {
    return build(release.map(Release::buildVersion).orElse(null), "Build");
  }

  private static String build(String buildVersion) {
    return build(buildVersion, "Build");
  }

  private static String build(String buildVersion, String label) {
    return buildVersion == null || buildVersion.isBlank()
        ? null
        : "**" + label + ":** " + Markdown.escape(buildVersion);
  }

  /** The build this deployment deploys: its own variable, else the release's. */
  private static String deployedBuild(DelegateTask task, Optional<Release> release) {
    String own = text(task.getVariable("buildVersion"));
    return own != null ? own : release.map(Release::buildVersion).orElse(null);
  }

  /** Who provided the fix, who may therefore not approve it, and the approvals so far. */
  private String fourEyes(DelegateTask task, String releaseId) {
    StringBuilder text = new StringBuilder();
    releases
        .providerOfCurrentBuild(releaseId)
        .ifPresent(
            provider ->
                text.append("\n\n**Provided by:** ")
                    .append(Markdown.escape(provider))
                    .append(", who may not approve it"));
    List<String> approvers = releases.approversOfCurrentFix(releaseId);
    Object required = task.getVariable("approvalsRequired");
    text.append("\n\n**Approvals so far:** ").append(approvers.size());
    if (required != null) {
      text.append(" of ").append(required);
    }
    if (!approvers.isEmpty()) {
      text.append(" (")
          .append(String.join(", ", approvers.stream().map(Markdown::escape).toList()))
          .append(")");
    }
    return text.toString();
  }

  /** The last build the release took, who gave it and why. */
  private String lastBuildChange(String releaseId) {
    var builds = releases.builds(releaseId);
    if (builds.isEmpty()) {
      return releases
          .find(releaseId)
          .map(Release::buildVersion)
          .map(TaskContexts::build)
          .orElse(null);
    }
    var last = builds.get(builds.size() - 1);
    return "**Build:** "
        + Markdown.escape(last.buildVersion())
        + (last.reason() == null ? "" : " (" + Markdown.escape(last.reason()) + ")");
  }

  private String runsNow(String environment, String label) {
    if (environment == null) {
      return null;
    }
    Optional<EnvironmentView> view =
        deployments.environments().stream()
            .filter(env -> env.name().equals(environment))
            .findFirst();
    return "**" + label + ":** " + view.map(this::describe).orElse(Markdown.escape(environment));
  }

  private String describe(EnvironmentView env) {
    StringBuilder text = new StringBuilder(Markdown.escape(env.name()));
    if (env.releaseId() == null) {
      text.append(" runs no release yet");
    } else {
      text.append(" runs ")
          .append(Markdown.escape(env.releaseId()))
          .append(", build ")
          .append(Markdown.escape(String.valueOf(env.buildVersion())));
      if (env.deployedAt() != null) {
        text.append(", since ").append(moment(env.deployedAt()));
      }
    }
    if (env.heldBy() != null) {
      text.append("; held by ").append(Markdown.escape(env.heldBy()));
    }
    return text.toString();
  }

  private String allEnvironments() {
    List<String> lines = new ArrayList<>();
    lines.add("**Route to live now:**");
    lines.add("");
    deployments.environments().forEach(env -> lines.add("- " + describe(env)));
    return String.join("\n", lines);
  }

  private String deadline(String label, Date due) {
    return due == null ? null : "**" + label + ":** " + moment(due.toInstant());
  }

  private String agreedTime(String releaseId) {
    return releases
        .agreedDeploymentTime(releaseId)
        .map(time -> "**Agreed deployment time:** " + moment(time))
        .orElse("**Agreed deployment time:** none yet");
  }

  /**
   * A moment as people read it, with its zone named: "3 December 2026, 10:00 GMT (Europe/London)".
   */
  String moment(Instant instant) {
    return dates.describe(instant) + " (" + clock.getZone().getId() + ")";
  }

  /** The defects removed from the release and why, with the test team's comment for a failure. */
  private String removed(String releaseId) {
    var changes = releases.removedDefects(releaseId);
    if (changes.isEmpty()) {
      return "**Removed since the last step:** nothing";
    }
    String testersComment = lastComment(releaseId, "recordInternalTestResults");
    String reviewComment = lastComment(releaseId, "reviewReleaseContents");
    List<String> ids = changes.stream().map(change -> change.id()).toList();
    Map<String, Defect> byId = new LinkedHashMap<>();
    defects.withIds(ids).forEach(defect -> byId.put(defect.id(), defect));
    List<String> lines = new ArrayList<>();
    lines.add("**Removed since the last step:**");
    lines.add("");
    for (var change : changes) {
      Defect defect = byId.get(change.id());
      String what = defect == null ? "**" + Markdown.escape(change.id()) + "**" : describe(defect);
      String why =
          switch (change.reason()) {
            case "FAILED_INTERNAL_TESTING" ->
                "failed internal testing"
                    + (testersComment == null
                        ? ""
                        : "; the test team said: " + Markdown.escape(testersComment));
            case "EXCLUDED_AT_REVIEW" ->
                "left out at the release review"
                    + (reviewComment == null
                        ? ""
                        : "; the release managers said: " + Markdown.escape(reviewComment));
            default -> "removed when the release was cancelled";
          };
      lines.add("- " + what + ": " + why);
    }
    return String.join("\n", lines);
  }

  private String lastComment(String releaseId, String task) {
    return decisions.about(releaseId).stream()
        .filter(decision -> task.equals(decision.task()) && decision.comment() != null)
        .reduce((earlier, later) -> later) // the record is in the order decisions were taken
        .map(Decision::comment)
        .orElse(null);
  }

  /** The last attempt in this environment, with its outcome and the start of what it said. */
  private String lastAttempt(String releaseId, String environment) {
    Optional<DeploymentAttempt> last =
        deployments.history(releaseId).stream()
            .filter(attempt -> environment == null || environment.equals(attempt.environment()))
            .reduce((earlier, later) -> later);
    return last.map(this::describe).orElse(null);
  }

  private String describe(DeploymentAttempt attempt) {
    StringBuilder text = new StringBuilder("**Last attempt:** ");
    text.append("attempt ")
        .append(attempt.attempt())
        .append(" in ")
        .append(Markdown.escape(attempt.environment()))
        .append(", build ")
        .append(Markdown.escape(attempt.buildVersion()))
        .append(", started ")
        .append(moment(attempt.startedAt()))
        .append(": ")
        .append(attempt.outcome().description());
    if (attempt.exitCode() != null && attempt.exitCode() != 0) {
      text.append(" (deployment exit code ").append(attempt.exitCode()).append(")");
    }
    if (attempt.smokeTestExitCode() != null && attempt.smokeTestExitCode() != 0) {
      text.append(" (smoke test exit code ").append(attempt.smokeTestExitCode()).append(")");
    }
    String output =
        attempt.smokeTestExitCode() != null && attempt.smokeTestExitCode() != 0
            ? attempt.smokeTestOutput()
            : attempt.output();
    if (output != null && !output.isBlank()) {
      String tail = output.strip();
      if (tail.length() > 400) {
        tail = "…" + tail.substring(tail.length() - 400);
      }
      text.append("\n\nIt said: ").append(Markdown.escape(tail.replace('\n', ' ')));
    }
    return text.toString();
  }

  private String violation(DelegateTask task, String releaseId) {
    String violation = text(task.getVariable("routeToLiveViolation"));
    // the history is in the order the attempts started
    List<DeploymentAttempt> history = deployments.history(releaseId);
    String attempts = history.isEmpty() ? null : describe(history.get(history.size() - 1));
    String summary = violation == null ? null : "**Violation:** " + Markdown.escape(violation);
    if (summary == null) {
      return attempts;
    }
    return attempts == null ? summary : summary + "\n\n" + attempts;
  }

  /** A variable of the process that called this one (deployRelease is called by the releases). */
  private static Object fromCaller(DelegateTask task, String name) {
    DelegateExecution execution = task.getExecution();
    Object own = execution.getVariable(name);
    if (own != null) {
      return own;
    }
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    return caller == null ? null : caller.getVariable(name);
  }

  private static Date date(Object value) {
    return value instanceof Date date ? date : null;
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text : null;
  }

  private static String whereTheWholeIs(DelegateTask task) {
    Object releaseId = task.getVariable("releaseId");
    return releaseId == null ? "the task's process" : "GET /api/releases/" + releaseId;
  }
}
