package uk.ccmt.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Two refusals the engine REST API answers with Camunda's 500, answered in Camunda's own error
 * shape instead; every other engine exception goes to Camunda's handler as before.
 *
 * <ul>
 *   <li>A password the policy refuses ({@code POST /engine-rest/user/create}, {@code PUT
 *       …/user/{id}/credentials}): 400.
 *   <li>Anything of a tenant the caller is not in, that is another organisation's task, instance or
 *       variables: 403, as the per-task grants refused it before organisations had tenants
 *       (docs/participant-isolation.md). EngineRestInputFilter answers a task of another tenant so
 *       before the engine sees the call, on both engine APIs; this is the net behind it for the
 *       rest of /engine-rest.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EngineRestRefusals {

  /** The engine's words (ENGINE-13034) when a command reaches into a tenant not the caller's. */
  static final String TENANT_REFUSAL = "because it belongs to no authenticated tenant";

  @Bean
  ResourceConfigCustomizer engineRestRefusalMapper() {
    return config -> config.register(Mapper.class);
  }

  /** Chosen over Camunda's handler of the same exception type by its higher priority. */
  @Priority(Priorities.USER - 100)
  static class Mapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      String message = exception.getMessage() == null ? "" : exception.getMessage();
      if (message.contains(PasswordPolicyRefusal.CAMUNDA_MESSAGE)) {
        return refusal(
            HttpStatus.BAD_REQUEST,
            "InvalidRequestException",
            "password: does not match the password policy (GET /engine-rest/identity/password-policy shows it)");
      }
      if (message.contains(TENANT_REFUSAL)) {
        return refusal(
            HttpStatus.FORBIDDEN, "AuthorizationException", "It belongs to another organisation");
      }
      return camunda.toResponse(exception);
    }

    private static Response refusal(HttpStatus status, String type, String message) {
      return Response.status(status.value())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("type", type, "message", message, "code", 0))
          .build();
    }
  }
}
