package uk.ccmt.participant;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.ccmt.system.Grants;
import uk.ccmt.system.Groups;

/**
 * Each organisation's Camunda group, participant-&lt;CODE&gt;. Camunda 7 groups cannot contain
 * groups, so "a member of participants" is kept two ways: the organisation's users are added to
 * both groups, and the organisation's group gets Tasklist and its filter, so a user an
 * administrator adds to participant-&lt;CODE&gt; alone can still work its tasks.
 *
 * <p>Deliberately no grant on process definitions per organisation: the engine's task query looks
 * grants up by each task's process definition key, so a thousand grants on "informationRequest"
 * were read for every open task, and one organisation's Tasklist query took 12 s among 6,000 open
 * requests instead of 30 ms. The diagrams are granted once, to participants (IdentitySetup).
 *
 * <p>Each organisation also gets its tenant ({@link OrganisationTenants}), in the same transaction
 * as its group.
 */
@Component
class OrganisationAccess {

  private final IdentityService identity;
  private final FilterService filters;
  private final Grants grants;
  private final JdbcClient jdbc;

  private final AuthorizationService authorizations;
  private final OrganisationTenants tenants;
  private final TransactionTemplate transaction;

  OrganisationAccess(
      IdentityService identity,
      FilterService filters,
      Grants grants,
      JdbcClient jdbc,
      AuthorizationService authorizations,
      OrganisationTenants tenants,
      PlatformTransactionManager transactions) {
    this.authorizations = authorizations;
    this.tenants = tenants;
    this.transaction = new TransactionTemplate(transactions);
    this.identity = identity;
    this.filters = filters;
    this.grants = grants;
    this.jdbc = jdbc;
  }

  /**
   * At start, organisations registered before organisations had groups get theirs, and those
   * registered before organisations had tenants get their tenant. Only those: a thousand
   * organisations must not cost a thousand look-ups of grants at every start of every node. One
   * transaction, so a tenant never exists without its group's membership.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  void setUpRegistered() {
    transaction.executeWithoutResult(
        status -> {
          Set<String> groups =
              identity.createGroupQuery().list().stream()
                  .map(Group::getId)
                  .collect(Collectors.toSet());
          Set<String> existingTenants = tenants.existing();
          Optional<String> filter = organisationTasksFilter();
          for (String[] organisation :
              jdbc.sql("select code, name from participant order by code")
                  .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                  .list()) {
            if (!groups.contains(Groups.ofParticipant(organisation[0]))) {
              setUp(organisation[0], organisation[1], filter);
            }
            tenants.createMissing(organisation[0], organisation[1], existingTenants);
          }
        });
  }

  /**
   * Creates the groups and grants of many new organisations at once: the groups and the filter are
   * looked up once, and a group created here has no grants yet, so none is looked up.
   */
  void setUpAll(java.util.List<Participant> participants) {
    Set<String> groups =
        identity.createGroupQuery().list().stream().map(Group::getId).collect(Collectors.toSet());
    Optional<String> filter = organisationTasksFilter();
    Set<String> existingTenants = tenants.existing();
    for (Participant participant : participants) {
      String groupId = Groups.ofParticipant(participant.code());
      if (groups.contains(groupId)) {
        setUp(participant.code(), participant.name(), filter);
        continue;
      }
      Group group = identity.newGroup(groupId);
      group.setName(participant.name());
      group.setType("WORKFLOW");
      identity.saveGroup(group);
      grantNew(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      filter.ifPresent(id -> grantNew(groupId, Resources.FILTER, id, Permissions.READ));
    }
    tenants.createMissing(participants, existingTenants);
  }

  private void grantNew(
      String groupId, Resources resource, String resourceId, Permissions permission) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }

  /** Creates the organisation's group, its grants and its tenant; safe to repeat. */
  void setUp(Participant participant) {
    setUp(participant.code(), participant.name(), organisationTasksFilter());
    tenants.ensure(participant.code(), participant.name());
  }

  private void setUp(String code, String name, Optional<String> organisationTasksFilter) {
    String groupId = Groups.ofParticipant(code);
    grants.ensureGroup(groupId, name);
    grants.grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    organisationTasksFilter.ifPresent(
        filter -> grants.grant(groupId, Resources.FILTER, filter, Permissions.READ));
  }

  private Optional<String> organisationTasksFilter() {
    return Optional.ofNullable(
            filters.createFilterQuery().filterName(Groups.ORGANISATION_TASKS_FILTER).singleResult())
        .map(Filter::getId);
  }
}
