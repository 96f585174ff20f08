package uk.ccmt.defect;

import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import uk.ccmt.defect.DefectFixEvents.FailedInternalTesting;
import uk.ccmt.defect.DefectFixEvents.FixGiven;
import uk.ccmt.defect.DefectFixEvents.Released;
import uk.ccmt.defect.DefectFixEvents.WorkStarts;
import uk.ccmt.system.Groups;

/**
 * Each raised defect's defectFix process, business key {@code D-<defect id>}: started, told of a
 * fix given over the API, of a failed internal test and of its release. It listens synchronously,
 * in the transaction that changes the register (see {@link DefectFixEvents}).
 */
@Component
class DefectFixProcess {

  static final String PROCESS_KEY = "defectFix";

  /** The fix was given over the API before the development team's task asked for it. */
  static final String FIX_DELIVERED = "DefectFixDelivered";

  static final String FAILED_INTERNAL_TESTING = "DefectFailedInternalTesting";

  static final String RELEASED = "DefectReleased";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final DefectRepository defects;
  private final DefectFixProperties properties;
  private final Clock clock;

  DefectFixProcess(
      RuntimeService runtime,
      TaskService tasks,
      IdentityService identity,
      DefectRepository defects,
      DefectFixProperties properties,
      Clock clock) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.defects = defects;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The API's logged-in user takes the task before it is completed, so the decision record and the
   * task's history name who gave the fix. The completion itself runs as the API's other engine
   * calls do, so the endpoint's own access rule stays the one that decides.
   */
  private void assignToTheCaller(String taskId) {
    var caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller != null && identity.getCurrentAuthentication() == null) {
      tasks.setAssignee(taskId, caller.getName());
    }
  }

  /**
   * The business key: always "D-" and the id, so that defect "7" (D-7) and defect "D-7" (D-D-7)
   * never share one, as emergency releases are E-&lt;defect id&gt;.
   */
  static String businessKey(String defectId) {
    return "D-" + defectId;
  }

  @EventListener
  void start(WorkStarts starts) {
    String key = businessKey(starts.defectId());
    if (runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(key)
            .count()
        > 0) {
      return; // one running defectFix per defect
    }
    Defect defect = defects.find(starts.defectId()).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(DefectFixVariables.DEFECT_ID, defect.id());
    variables.put(DefectFixVariables.START_AT, starts.startAt().name());
    variables.put(DefectFixVariables.DEFECT_CLOSED, false);
    variables.put(
        DefectFixVariables.FIX_DUE,
        Date.from(clock.instant().plus(properties.target().of(defect.severity()))));
    variables.put(DefectFixVariables.CONFIRM_WITHIN, properties.confirmWithin().toString());
    String organisation = organisationOf(defect.raisedBy());
    if (organisation != null) {
      // the tenant of the organisation's instance (participant/OrganisationTenants)
      variables.put(DefectFixVariables.PARTICIPANT_CODE, organisation);
    }
    variables.put(
        DefectFixVariables.RAISER_GROUP,
        organisation != null
            ? Groups.ofParticipant(organisation)
            : staffGroupOf(defect.raisedBy()));
    runtime.startProcessInstanceByKey(PROCESS_KEY, key, variables);
  }

  /**
   * A defect edited into an S1 that stops testing takes the emergency path: its defectFix ends, so
   * the defect is nobody's work twice. A deferred emergency starts it again.
   */
  @EventListener
  void emergencyTakesOver(S1DefectRaised raised) {
    runtime
        .createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(businessKey(raised.defectId()))
        .list()
        .forEach(
            fix ->
                runtime.deleteProcessInstance(
                    fix.getId(), "an S1 that stops testing: the emergency release takes over"));
  }

  @EventListener
  void fixGiven(FixGiven given) {
    String key = businessKey(given.defectId());
    List<Task> deliver =
        tasks
            .createTaskQuery()
            .processInstanceBusinessKey(key)
            .processDefinitionKey(PROCESS_KEY)
            .taskDefinitionKey("deliverDefectFix")
            .list();
    if (!deliver.isEmpty()) {
      assignToTheCaller(deliver.get(0).getId());
      tasks.complete(
          deliver.get(0).getId(), Map.of(DefectFixVariables.BUILD_VERSION, given.buildVersion()));
      return;
    }
    // before the delivery (in analysis, or asking the raiser): the fix settles the work
    runtime
        .createMessageCorrelation(FIX_DELIVERED)
        .processInstanceBusinessKey(key)
        .setVariable(DefectFixVariables.BUILD_VERSION, given.buildVersion())
        .correlateAll();
  }

  @EventListener
  void failedInternalTesting(FailedInternalTesting failed) {
    for (String id : failed.defectIds()) {
      runtime
          .createMessageCorrelation(FAILED_INTERNAL_TESTING)
          .processInstanceBusinessKey(businessKey(id))
          .setVariable(DefectFixVariables.FAILED_IN, failed.releaseId())
          .correlateAll();
    }
  }

  @EventListener
  void released(Released released) {
    for (String id : released.defectIds()) {
      runtime
          .createMessageCorrelation(RELEASED)
          .processInstanceBusinessKey(businessKey(id))
          .setVariable(DefectFixVariables.RELEASE_ID_OF_FIX, released.releaseId())
          .correlateAll();
    }
  }

  /** The organisation of a raiser who is one of its users, or null. */
  private String organisationOf(String raisedBy) {
    if (raisedBy == null) {
      return null;
    }
    for (Group group : identity.createGroupQuery().groupMember(raisedBy).list()) {
      String id = group.getId();
      if (id.startsWith(Groups.ofParticipant("")) && !id.equals(Groups.PARTICIPANTS)) {
        return id.substring(Groups.ofParticipant("").length());
      }
    }
    return null;
  }

  /**
   * The staff group of a raiser who is a staff member (test team first, the usual raiser), else the
   * release managers, who own the register.
   */
  private String staffGroupOf(String raisedBy) {
    if (raisedBy != null) {
      List<String> groups =
          identity.createGroupQuery().groupMember(raisedBy).list().stream()
              .map(Group::getId)
              .toList();
      for (String staff :
          List.of(Groups.TEST_TEAM, Groups.DEVELOPMENT_TEAM, Groups.RELEASE_MANAGERS)) {
        if (groups.contains(staff)) {
          return staff;
        }
      }
    }
    return Groups.RELEASE_MANAGERS;
  }
}
