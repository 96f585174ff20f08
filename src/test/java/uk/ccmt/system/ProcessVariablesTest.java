package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

/** Lists of ids arrive as JSON text or as Spin JSON; both are read by the engine's data format. */
class ProcessVariablesTest {

  @Test
  void shouldReadAJsonArrayGivenAsTextOrAsSpinJson() {
    assertThat(ProcessVariables.stringList("[\"D-1\", \"D-2\", \"D-1\"]", "excludedDefects"))
        .containsExactly("D-1", "D-2");
    assertThat(ProcessVariables.stringList(Spin.JSON("[\"D-3\"]"), "excludedDefects"))
        .containsExactly("D-3");
    assertThat(ProcessVariables.stringList(" ", "excludedDefects")).isEmpty();
  }

  @Test
  void shouldRefuseTextThatIsNotAJsonArrayOfIds() {
    assertThatThrownBy(() -> ProcessVariables.stringList("D-1", "excludedDefects"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a JSON array of defect ids");
    assertThatThrownBy(() -> ProcessVariables.stringList("{\"id\":\"D-1\"}", "excludedDefects"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a JSON array of defect ids");
    assertThatThrownBy(() -> ProcessVariables.stringList("[\"D-1\", 7]", "excludedDefects"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must hold defect ids as strings, found 7");
  }
}
