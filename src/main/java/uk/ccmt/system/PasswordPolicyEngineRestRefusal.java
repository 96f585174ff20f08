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

/**
 * The engine REST API answers a password the policy refuses ({@code POST /engine-rest/user/create},
 * {@code PUT …/user/{id}/credentials}) with Camunda's 500. It answers 400 instead, in Camunda's own
 * error shape; every other engine exception goes to Camunda's handler as before.
 */
@Configuration(proxyBeanMethods = false)
class PasswordPolicyEngineRestRefusal {

  @Bean
  ResourceConfigCustomizer passwordPolicyRefusalOnEngineRest() {
    return config -> config.register(Mapper.class);
  }

  /** Chosen over Camunda's handler of the same exception type by its higher priority. */
  @Priority(Priorities.USER - 100)
  static class Mapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      if (exception.getMessage() == null
          || !exception.getMessage().contains(PasswordPolicyRefusal.CAMUNDA_MESSAGE)) {
        return camunda.toResponse(exception);
      }
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              Map.of(
                  "type",
                  "InvalidRequestException",
                  "message",
                  "password: does not match the password policy (GET /engine-rest/identity/password-policy shows it)",
                  "code",
                  0))
          .build();
    }
  }
}
