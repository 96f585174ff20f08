package uk.ccmt.system;

import static uk.ccmt.system.Groups.DEVELOPMENT_TEAM;
import static uk.ccmt.system.Groups.PARTICIPANTS;
import static uk.ccmt.system.Groups.RELEASE_MANAGERS;
import static uk.ccmt.system.Groups.TEST_TEAM;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Product configuration that is always there, demo or not: the groups of PRODUCT.md §2, what each
 * may do in the engine, and a Tasklist filter per group. Idempotent, so every node of a cluster may
 * run it at every start. Administrators (camunda-admin) get every permission from Camunda's own
 * admin-user set-up.
 */
@Component
class IdentitySetup {

  private static final String ANY = Authorization.ANY;

  private final FilterService filters;
  private final TaskService tasks;
  private final Grants grants;

  IdentitySetup(FilterService filters, TaskService tasks, Grants grants) {
    this.filters = filters;
    this.tasks = tasks;
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  void setUp() {
    grants.ensureGroup(RELEASE_MANAGERS, "Release managers");
    grants.ensureGroup(DEVELOPMENT_TEAM, "Development team");
    grants.ensureGroup(TEST_TEAM, "Internal test team");
    grants.ensureGroup(PARTICIPANTS, "Market participants");

    // Tasklist for everyone who works tasks; Cockpit for the release managers, who watch releases.
    for (String group : List.of(RELEASE_MANAGERS, DEVELOPMENT_TEAM, TEST_TEAM, PARTICIPANTS)) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    }
    grant(RELEASE_MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(
        RELEASE_MANAGERS,
        Resources.PROCESS_DEFINITION,
        ANY,
        Permissions.READ,
        Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY);
    // UPDATE lets them fire a timer early and retry a failed job, in Cockpit or the engine REST
    // API.
    grant(RELEASE_MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
    grant(RELEASE_MANAGERS, Resources.TASK, ANY, Permissions.READ);
    // Tasklist's "Start process": an emergency release for an S1 defect, by its start form.
    grant(
        RELEASE_MANAGERS,
        Resources.PROCESS_DEFINITION,
        "emergencyRelease",
        Permissions.CREATE_INSTANCE);
    grant(RELEASE_MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    grant(RELEASE_MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
    // The internal teams see the diagrams of the processes they work in; their tasks come
    // through the engine's own grants to a task's candidate group.
    grant(DEVELOPMENT_TEAM, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    grant(TEST_TEAM, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    // Participants see the diagrams of the three processes they work in, never their instances:
    // each of their tasks is readable only by its organisation's group, by the engine's per-task
    // grant.
    // One grant each, to participants, never one per organisation (see OrganisationAccess).
    for (String process :
        List.of(
            "informationRequest",
            "partnering",
            "emergencyDeploymentAgreement",
            "defectFix",
            "documentReviewRequest")) {
      grant(PARTICIPANTS, Resources.PROCESS_DEFINITION, process, Permissions.READ);
    }

    createFilter(
        "Release manager tasks",
        RELEASE_MANAGERS,
        10,
        "Reviews, confirmations and escalations of releases");
    createFilter(
        "Development team tasks",
        DEVELOPMENT_TEAM,
        20,
        "Fix-forward corrections and emergency fixes");
    createFilter(
        "Test team tasks", TEST_TEAM, 30, "Internal test results before a release goes live");
    createFilter(
        Groups.ORGANISATION_TASKS_FILTER,
        PARTICIPANTS,
        40,
        "Information requests and partnering confirmations");
  }

  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    grants.grant(group, resource, resourceId, permissions);
  }

  private void createFilter(String name, String group, int priority, String description) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter =
          filters
              .newTaskFilter(name)
              .setOwner(null)
              .setQuery(
                  PARTICIPANTS.equals(group)
                      // a participant's tasks are for its organisation's group, participant-<CODE>
                      ? tasks
                          .createTaskQuery()
                          .taskCandidateGroupInExpression("${currentUserGroups()}")
                          .includeAssignedTasks()
                      : tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks())
              .setProperties(
                  Map.of("description", description, "priority", priority, "refresh", true));
      filters.saveFilter(filter);
    }
    grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
