package uk.ccmt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs after the process tests (failsafe, in mvn verify) and joins their coverage reports: every
 * flow node of every model in bpmn/ must have been reached by some test.
 */
class ProcessCoverageIT {

  private static final Path REPORTS = Path.of("target/process-test-coverage");

  @TestFactory
  Stream<DynamicTest> everyFlowNodeOfEveryModelIsCovered() throws IOException {
    Map<String, Set<String>> covered = coveredFlowNodes();
    List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).isNotEmpty();
    return models.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                      for (Process process : model.getModelElementsByType(Process.class)) {
                        Set<String> nodes = new TreeSet<>();
                        model.getModelElementsByType(FlowNode.class).stream()
                            .filter(node -> processOf(node) == process)
                            .forEach(node -> nodes.add(node.getId()));
                        nodes.removeAll(covered.getOrDefault(process.getId(), Set.of()));
                        assertThat(nodes)
                            .as("flow nodes of %s that no test reaches", process.getId())
                            .isEmpty();
                      }
                    }));
  }

  private static Map<String, Set<String>> coveredFlowNodes() throws IOException {
    assertThat(REPORTS)
        .as("process test coverage reports (run the process tests first)")
        .isDirectory();
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> covered = new HashMap<>();
    try (Stream<Path> files = Files.walk(REPORTS)) {
      for (Path report :
          files.filter(file -> file.getFileName().toString().equals("report.json")).toList()) {
        for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
          for (JsonNode run : suite.path("runs")) {
            for (JsonNode event : run.path("events")) {
              if ("FLOW_NODE".equals(event.path("source").asText())) {
                covered
                    .computeIfAbsent(event.path("modelKey").asText(), key -> new HashSet<>())
                    .add(event.path("definitionKey").asText());
              }
            }
          }
        }
      }
    }
    return covered;
  }

  private static Process processOf(FlowNode node) {
    var parent = node.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }
}
