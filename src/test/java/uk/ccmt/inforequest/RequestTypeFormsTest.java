package uk.ccmt.inforequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Holds every information-request form to its {@link RequestType}: the keys a participant fills in
 * are the type's fields, in the same order. Read-only components (the organisation's name and the
 * due date, which the task listener sets for display) are not answers and are left out.
 */
class RequestTypeFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachRequestTypeHasAFormWhoseAnswerKeysAreItsFields() throws IOException {
    Map<String, List<String>> forms = forms();

    assertThat(forms.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(RequestType.values()).map(RequestType::formKey).toList());
    for (RequestType type : RequestType.values()) {
      assertThat(forms.get(type.formKey()))
          .as("answer keys of %s.form", type.formKey())
          .containsExactlyElementsOf(type.fields().stream().map(RequestType.Field::key).toList());
    }
  }

  @Test
  void eachFormIsDeployedUnderTheIdItsTypeNames() throws IOException {
    for (Resource form : formFiles()) {
      JsonNode json = read(form);
      assertThat(json.path("id").asText())
          .as(form.getFilename())
          .isEqualTo(form.getFilename().replace(".form", ""));
    }
  }

  /** Form id → the keys of its components that take an answer, in the order the form shows them. */
  private static Map<String, List<String>> forms() throws IOException {
    Map<String, List<String>> forms = new TreeMap<>();
    for (Resource form : formFiles()) {
      JsonNode json = read(form);
      List<String> keys = new ArrayList<>();
      answerKeys(json, keys);
      forms.put(json.path("id").asText(), keys);
    }
    return forms;
  }

  private static void answerKeys(JsonNode container, List<String> keys) {
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")
          && !component.path("readonly").asBoolean(false)
          && !component.path("disabled").asBoolean(false)) {
        keys.add(component.get("key").asText());
      }
      answerKeys(component, keys);
    }
  }

  private static List<Resource> formFiles() throws IOException {
    Resource[] files =
        new PathMatchingResourcePatternResolver()
            .getResources("classpath:forms/information-request-*.form");
    assertThat(files).as("information-request forms on the classpath").isNotEmpty();
    return List.of(files);
  }

  private static JsonNode read(Resource form) throws IOException {
    try (InputStream in = form.getInputStream()) {
      return JSON.readTree(in);
    }
  }
}
