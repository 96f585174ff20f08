package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

/** Which exceptions are refusals, one INFO line, and which stay the engine's ERROR. */
class QuietRefusalsTest {

  @Test
  void shouldFindARefusalWhereverTheEngineWrappedIt() {
    assertThat(
            QuietRefusals.refusalIn(
                new ProcessEngineException(
                    "wrapped", new InvalidInputException("sshPublicKey", "is not a public key"))))
        .contains("sshPublicKey: is not a public key");
    assertThat(
            QuietRefusals.refusalIn(
                new FormFieldValidationException("ipRanges", "ipRanges: 10.0.0.0/33 is no range")))
        .contains("ipRanges: 10.0.0.0/33 is no range");
    assertThat(
            QuietRefusals.refusalIn(
                new ProcessEngineException(PasswordPolicyRefusal.CAMUNDA_MESSAGE)))
        .contains("password: does not match the password policy");
  }

  @Test
  void shouldLeaveEveryOtherFailureAnError() {
    assertThat(QuietRefusals.refusalIn(new ProcessEngineException("ENGINE-03005 deadlock")))
        .isEmpty();
    assertThat(
            QuietRefusals.refusalIn(
                new ProcessEngineException("wrapped", new IllegalStateException("a bug"))))
        .isEmpty();
    assertThat(QuietRefusals.refusalIn(null)).isEmpty();
  }
}
