package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spelling of one engine path is the same path to the gate (issue 11, the trailing-slash
 * bpmnError).
 */
class EnginePathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/engine-rest/task/abc/bpmnError",
        "/engine-rest/task/abc/bpmnError/",
        "/engine-rest/task/abc/bpmnError//",
        "/engine-rest//task//abc/bpmnError",
        "/engine-rest/task/abc/BPMNERROR",
        "/engine-rest/task/abc/%62pmn%45rror",
        "/engine-rest/task/abc/bpmnError;x=y",
        "/engine-rest/task;a=b/abc/bpmnError",
        "/%65ngine-rest/task/abc/bpmnError",
        "/ccmt/engine-rest/task/abc/bpmnError"
      })
  void shouldReadEverySpellingAsTheSamePath(String spelling) throws Exception {
    EnginePath path = EnginePath.of(spelling, spelling.startsWith("/ccmt") ? "/ccmt" : "");

    assertThat(path.toString()).isEqualTo("/engine-rest/task/abc/bpmnerror");
    assertThat(path.from(1).matches("task/*/bpmnerror")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/engine-rest/task/abc%2FbpmnError",
        "/engine-rest/task/abc/%2e%2e/x",
        "/engine-rest/task/./x",
        "/engine-rest/task/abc%5Cx",
        "/engine-rest/task/abc%3Bx",
        "/engine-rest/task/%00",
        "/engine-rest/task/%zz"
      })
  void shouldRefuseSegmentsThatAreNotNames(String spelling) {
    assertThatThrownBy(() -> EnginePath.of(spelling, "")).isInstanceOf(EnginePath.Unreadable.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"task", "task/abc", "task/abc/variables", "task/abc/variables/x/data"})
  void shouldMatchATrailingDoubleStarAgainstAnyRest(String rest) throws Exception {
    EnginePath path = EnginePath.of("/" + rest, "");

    assertThat(path.matches("task/**")).isTrue();
    assertThat(path.matches("filter/**")).isFalse();
  }
}
