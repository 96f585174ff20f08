package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/**
 * The net behind EngineRestInputFilter: an engine refusal for another tenant that reaches the
 * engine REST API's exception mapping answers 403, never Camunda's 500.
 */
class EngineRestRefusalsTest {

  private final EngineRestRefusals.Mapper mapper = new EngineRestRefusals.Mapper();

  @Test
  void shouldAnswerAnotherTenantsResourceWith403() {
    var answer =
        mapper.toResponse(
            new ProcessEngineException(
                "ENGINE-13034 Cannot work on task 'abc' because it belongs to no authenticated"
                    + " tenant."));
    assertThat(answer.getStatus()).isEqualTo(403);
  }

  @Test
  void shouldLeaveEveryOtherEngineExceptionToCamunda() {
    assertThat(mapper.toResponse(new ProcessEngineException("something else")).getStatus())
        .isEqualTo(500);
  }
}
