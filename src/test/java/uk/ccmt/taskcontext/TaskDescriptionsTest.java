package uk.ccmt.taskcontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Tasklist's Description tab shows a user task's documentation, so every user task has one written
 * for the person doing the task: plain sentences, no ids, variable names or expressions.
 */
class TaskDescriptionsTest {

  private static final Pattern ID_LIKE = Pattern.compile("\\b[A-Z][a-z]+_[A-Za-z]+\\b");
  private static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][a-zA-Z]*\\b");

  @Test
  void everyUserTaskHasADescriptionForThePersonDoingIt() throws IOException {
    List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      models = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).isNotEmpty();
    List<String> problems = new ArrayList<>();
    int userTasks = 0;
    for (Path model : models) {
      BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
      for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
        userTasks++;
        String where = model.getFileName() + " " + task.getId() + ": ";
        String text =
            task.getDocumentations().stream()
                .map(Documentation::getTextContent)
                .map(String::strip)
                .reduce((a, b) -> a + " " + b)
                .orElse("");
        if (text.length() < 40) {
          problems.add(where + "documentation missing or shorter than 40 characters");
        }
        if (text.contains("${")) {
          problems.add(where + "documentation contains an expression");
        }
        if (ID_LIKE.matcher(text).find()) {
          problems.add(where + "documentation contains an id-like word");
        }
        var camel = CAMEL_CASE.matcher(text);
        if (camel.find()) {
          problems.add(where + "documentation contains the camelCase word " + camel.group());
        }
        if (!text.endsWith(".")) {
          problems.add(where + "documentation does not end with a full stop");
        }
      }
    }
    assertThat(userTasks).isGreaterThan(30);
    assertThat(problems).isEmpty();
  }
}
