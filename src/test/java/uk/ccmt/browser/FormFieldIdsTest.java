package uk.ccmt.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tasklist's refusal-on-field script (app/ccmt/refusal-on-field.js) finds the field of a refused
 * variable {@code <key>} by its form-js id, {@code Field_<Key>}: every field a person can edit, in
 * every form, must be named so, or its refusal shows in the notification only.
 */
class FormFieldIdsTest {

  @Test
  void everyEditableFieldIsNamedFieldAndItsKey() throws IOException {
    List<String> misnamed = new ArrayList<>();
    int editable = 0;
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(file -> file.toString().endsWith(".form")).sorted().toList()) {
        for (JsonNode field : editableFields(new ObjectMapper().readTree(form.toFile()))) {
          editable++;
          String key = field.path("key").asText();
          String expected = "Field_" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
          if (!field.path("id").asText().equals(expected)) {
            misnamed.add(form.getFileName() + ": " + field.path("id").asText() + " for " + key);
          }
        }
      }
    }
    assertThat(editable).as("editable fields found").isGreaterThan(40);
    assertThat(misnamed).as("fields not named Field_<Key>").isEmpty();
  }

  private static List<JsonNode> editableFields(JsonNode container) {
    List<JsonNode> fields = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")
          && !component.path("readonly").asBoolean()
          && !component.path("disabled").asBoolean()) {
        fields.add(component);
      }
      fields.addAll(editableFields(component));
    }
    return fields;
  }
}
