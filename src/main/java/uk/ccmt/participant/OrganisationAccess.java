package uk.ccmt.participant;

import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;
import uk.ccmt.system.Grants;
import uk.ccmt.system.Groups;

/**
 * Each organisation's Camunda group, participant-&lt;CODE&gt;. Camunda 7 groups cannot contain
 * groups, so "a member of participants" is kept two ways: the organisation's users are added to
 * both groups, and the organisation's group gets the same few grants as participants, so a user an
 * administrator adds to participant-&lt;CODE&gt; alone still has a working Tasklist.
 */
@Component
class OrganisationAccess {

  /** The processes whose tasks go to organisations; participants see their diagrams, not instances. */
  static final List<String> PARTICIPANT_PROCESSES = List.of("informationRequest", "partnering");

  private final IdentityService identity;
  private final FilterService filters;
  private final Grants grants;

  OrganisationAccess(IdentityService identity, FilterService filters, Grants grants) {
    this.identity = identity;
    this.filters = filters;
    this.grants = grants;
  }

  /** Creates the organisation's group and its grants; safe to repeat. */
  void setUp(Participant participant) {
    String groupId = Groups.ofParticipant(participant.code());
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName(participant.name());
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
    grants.grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    Filter organisationTasks = filters.createFilterQuery().filterName(Groups.ORGANISATION_TASKS_FILTER).singleResult();
    if (organisationTasks != null) {
      grants.grant(groupId, Resources.FILTER, organisationTasks.getId(), Permissions.READ);
    }
    for (String process : PARTICIPANT_PROCESSES) {
      grants.grant(groupId, Resources.PROCESS_DEFINITION, process, Permissions.READ);
    }
  }
}
