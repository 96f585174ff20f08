package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one rule for text from the API, CSV files and task completions. */
class TextInputTest {

  @Test
  void shouldBoundABuildVersionByItsColumnOnTheApiAndInTasksAlike() {
    assertThat(TextInput.line(" " + "9".repeat(100) + " ", "buildVersion")).hasSize(100);
    assertThatThrownBy(() -> TextInput.line("9".repeat(101), "buildVersion"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("buildVersion: must be at most 100 characters, this one has 101");
    assertThatThrownBy(() -> ProcessVariables.requiredText("9".repeat(101), "buildVersion"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("buildVersion: must be at most 100 characters, this one has 101");
  }

  @Test
  void shouldRefuseNulEverywhereAndControlCharactersOutsideLineBreaksAndTabs() {
    assertThat(TextInput.characterProblem("a\u0000b", true))
        .hasValueSatisfying(reason -> assertThat(reason).contains("NUL"));
    assertThat(TextInput.characterProblem("a\u001bb", true)).isPresent();
    assertThat(TextInput.characterProblem("a\u007fb", true)).isPresent();
    assertThat(TextInput.characterProblem("two\nlines\twith a tab\r\n", true)).isEmpty();
    assertThat(TextInput.characterProblem("1.0\n2.0", false)).isPresent();
    assertThatThrownBy(() -> ProcessVariables.requiredText("1.1\u0000", "buildVersion"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("buildVersion: must not contain the NUL");
    assertThat(
            ProcessVariables.requiredText("Go ahead:\nwe pair them by hand", "partneringDecision"))
        .isEqualTo("Go ahead:\nwe pair them by hand");
  }
}
