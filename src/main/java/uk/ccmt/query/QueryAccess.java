package uk.ccmt.query;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.ccmt.system.Grants;
import uk.ccmt.system.Groups;

/**
 * participantQuery is the one process an organisation's user starts, from Tasklist's "Start
 * process": participants may read its definition and create its instances, and nothing else. CREATE
 * on process instances lets them start only definitions they may CREATE_INSTANCE of, which is this
 * one alone. They never read an instance: its tenant is their organisation's, and they hold no READ
 * on instances. One grant to the participants group, never one per organisation (see
 * participant/OrganisationAccess).
 */
@Component
class QueryAccess {

  private final Grants grants;

  QueryAccess(Grants grants) {
    this.grants = grants;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  void grantTheStart() {
    grants.grant(
        Groups.PARTICIPANTS,
        Resources.PROCESS_DEFINITION,
        Queries.PROCESS_KEY,
        Permissions.READ,
        Permissions.CREATE_INSTANCE);
    grants.grant(
        Groups.PARTICIPANTS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
  }
}
