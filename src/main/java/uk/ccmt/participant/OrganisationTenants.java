package uk.ccmt.participant;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import uk.ccmt.system.Groups;

/**
 * A Camunda tenant per organisation, {@code <CODE>}, whose one member is the organisation's group
 * participant-&lt;CODE&gt;, and the tenant of every instance that belongs to one organisation.
 *
 * <p>Why: the engine's tenant check is a plain column filter in every query, so one organisation's
 * task query reads its own tasks and those without a tenant, never the other organisations' (see
 * docs/participant-isolation.md). The definitions stay shared (no tenant); only the instances of
 * {@link #ORGANISATION_PROCESSES}, one per organisation and request or question, get the tenant of
 * their {@value #ORGANISATION_VARIABLE} start variable. Releases and partnering rounds concern
 * several organisations and stay without a tenant; their participant tasks keep their per-task
 * grants. Staff see every tenant without being members of any (system/StaffSeeEveryTenant).
 */
@Component
class OrganisationTenants {

  /**
   * The processes of one organisation: inforequest's informationRequest, and release's
   * emergencyDeploymentAgreement (one organisation's answer to an emergency deployment), and
   * defect's defectFix when an organisation's user raised the defect (its confirmation and requests
   * for more information are the organisation's tasks; without participantCode it has no tenant).
   * Named here, not imported: both packages depend on participant, not the other way round.
   */
  static final Set<String> ORGANISATION_PROCESSES =
      Set.of(
          "informationRequest",
          "emergencyDeploymentAgreement",
          "defectFix",
          "participantQuery",
          // review: one organisation asked to review a document.
          "documentReviewRequest");

  /**
   * The processes an organisation's own user starts (query's participantQuery, from Tasklist's
   * "Start process" or the engine REST API): their tenant is the starting user's organisation,
   * taken from the engine's authentication, never from a variable the user could set. Only a start
   * without an organisation's user (the product's own API, which passes the caller's organisation)
   * reads {@value #ORGANISATION_VARIABLE}.
   */
  static final Set<String> STARTED_BY_THE_ORGANISATION = Set.of("participantQuery");

  /**
   * Their start variable naming the organisation (InformationRequestVariables,
   * EmergencyReleaseVariables).
   */
  static final String ORGANISATION_VARIABLE = "participantCode";

  /** The tenant of an organisation: its code, which holds only letters and digits. */
  static String of(String code) {
    return code;
  }

  private final IdentityService identity;

  OrganisationTenants(IdentityService identity) {
    this.identity = identity;
  }

  /** The ids of every tenant there is: one query. */
  Set<String> existing() {
    return identity.createTenantQuery().list().stream()
        .map(Tenant::getId)
        .collect(Collectors.toSet());
  }

  /**
   * Creates the tenant of each organisation that has none, and makes its group the tenant's member,
   * in the caller's transaction. {@code existing} are the tenants there are already.
   */
  void createMissing(Collection<Participant> organisations, Set<String> existing) {
    for (Participant organisation : organisations) {
      createMissing(organisation.code(), organisation.name(), existing);
    }
  }

  /** Creates the organisation's tenant and its group's membership unless the tenant exists. */
  void ensure(String code, String name) {
    createMissing(
        code,
        name,
        identity.createTenantQuery().tenantId(of(code)).count() > 0 ? Set.of(of(code)) : Set.of());
  }

  void createMissing(String code, String name, Set<String> existing) {
    String tenantId = of(code);
    if (existing.contains(tenantId)) {
      return;
    }
    Tenant tenant = identity.newTenant(tenantId);
    tenant.setName(name);
    identity.saveTenant(tenant);
    identity.createTenantGroupMembership(tenantId, Groups.ofParticipant(code));
  }

  /**
   * Gives the engine the provider below. A bean of its own: an engine plugin may not depend on the
   * engine's services, as OrganisationTenants does.
   */
  @Component
  static class Plugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      configuration.setTenantIdProvider(new OrganisationOfTheInstance());
    }
  }

  /** One organisation's request or answer belongs to its tenant; everything else to none. */
  static class OrganisationOfTheInstance implements TenantIdProvider {

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
      String key = ctx.getProcessDefinition().getKey();
      if (!ORGANISATION_PROCESSES.contains(key)) {
        return null;
      }
      if (STARTED_BY_THE_ORGANISATION.contains(key)) {
        String starter = organisationOfTheStartingUser();
        if (starter != null) {
          return of(starter);
        }
      }
      Object code =
          ctx.getVariables() == null ? null : ctx.getVariables().get(ORGANISATION_VARIABLE);
      return code instanceof String organisation && !organisation.isBlank()
          ? of(organisation)
          : null;
    }

    /** The organisation of the engine's authenticated user, if it is an organisation's user. */
    private static String organisationOfTheStartingUser() {
      CommandContext command = Context.getCommandContext();
      Authentication user = command == null ? null : command.getAuthentication();
      if (user == null || user.getGroupIds() == null) {
        return null;
      }
      return Groups.organisationsIn(user.getGroupIds()).stream().findFirst().orElse(null);
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
      return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(
        TenantIdProviderHistoricDecisionInstanceContext ctx) {
      return null;
    }
  }
}
