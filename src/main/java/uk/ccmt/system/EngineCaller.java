package uk.ccmt.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Who calls an engine API, as the engine will see them: the user, its groups and its tenants. Each
 * is looked up once per login: for /engine-rest and /api by {@link
 * CamundaIdentityAuthenticationProvider} (HTTP Basic, once per request), for the webapps by
 * Camunda's own login, kept in the session.
 */
record EngineCaller(String userId, List<String> groups, List<String> tenants) {

  /** The tenants of a Spring Security authentication, kept as its details. */
  record Tenants(List<String> ids) {}

  /** The caller Spring Security authenticated, if any. */
  static Optional<EngineCaller> of(Authentication user) {
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    List<String> tenants = user.getDetails() instanceof Tenants known ? known.ids() : null;
    return Optional.of(new EngineCaller(user.getName(), Groups.of(user), tenants));
  }

  /** The webapps keep their login in the HTTP session, per process engine. */
  static Optional<EngineCaller> ofWebapp(HttpServletRequest request, String engine) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute("authenticatedUser")
            instanceof Authentications authentications)) {
      return Optional.empty();
    }
    return authentications.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication u
        ? Optional.of(new EngineCaller(u.getIdentityId(), u.getGroupIds(), u.getTenantIds()))
        : Optional.empty();
  }

  /**
   * Whether the engine's tenant check lets this caller see what belongs to the tenant: nothing's
   * (null) and staff see all ({@link StaffSeeEveryTenant}), everyone else their own tenants only.
   */
  boolean sees(String tenantId) {
    return tenantId == null
        || StaffSeeEveryTenant.seesEveryTenant(groups)
        || (tenants != null && tenants.contains(tenantId));
  }
}
