package uk.ccmt.system;

import java.net.URI;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * With the password policy on (the prod profile), Camunda refuses a weak password of a new user
 * with a bare ProcessEngineException, which would answer 500. The API answers 400 naming {@code
 * password} and what the policy asks, like every other refused field. Any other engine exception is
 * left to the handlers that follow.
 */
@RestControllerAdvice(basePackages = "uk.ccmt")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PasswordPolicyRefusal {

  /**
   * Camunda's SaveUserCmd says exactly this, and nothing else, when the policy refuses a password.
   */
  static final String CAMUNDA_MESSAGE = "Password does not match policy";

  private final IdentityService identity;

  PasswordPolicyRefusal(IdentityService identity) {
    this.identity = identity;
  }

  @ExceptionHandler(ProcessEngineException.class)
  ProblemDetail refused(ProcessEngineException e) throws ProcessEngineException {
    if (e.getMessage() == null || !e.getMessage().contains(CAMUNDA_MESSAGE)) {
      throw e;
    }
    PasswordPolicy policy = identity.getPasswordPolicy();
    String reason =
        "does not match the password policy"
            + (policy == null ? "" : ": " + String.join(", ", PasswordRules.describe(policy)));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "password: " + reason);
    problem.setTitle("Invalid input");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    problem.setProperty("field", "password");
    problem.setProperty("reason", reason);
    return problem;
  }
}
