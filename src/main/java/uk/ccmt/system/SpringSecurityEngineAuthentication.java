package uk.ccmt.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The engine REST API's authentication: the user Spring Security authenticated, with the groups and
 * tenants {@link CamundaIdentityAuthenticationProvider} looked up for this request, so Camunda's
 * ProcessEngineAuthenticationFilter does not look them up a second time. It sets them as the
 * engine's authentication for the call and clears it afterwards.
 */
public class SpringSecurityEngineAuthentication implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(
      HttpServletRequest request, ProcessEngine engine) {
    return EngineCaller.of(SecurityContextHolder.getContext().getAuthentication())
        .map(
            caller -> {
              AuthenticationResult result = AuthenticationResult.successful(caller.userId());
              result.setGroups(caller.groups());
              // null only for an authentication made elsewhere: then Camunda looks them up
              result.setTenants(caller.tenants());
              return result;
            })
        .orElseGet(AuthenticationResult::unsuccessful);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(
      HttpServletResponse response, ProcessEngine engine) {
    // Spring Security answers 401 with its challenge before the engine API is reached
  }
}
