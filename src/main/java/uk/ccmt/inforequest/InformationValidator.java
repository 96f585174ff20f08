package uk.ccmt.inforequest;

import static uk.ccmt.system.ProcessVariables.refused;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.inforequest.RequestType.Field;
import uk.ccmt.system.TextInput;

/**
 * Checks what a participant submits for an information request by walking its type's fields in the
 * order of {@link RequestType#fields()}, each by its own {@link FieldRule}, and returns the values
 * to store. The first invalid field is refused with {@link
 * uk.ccmt.system.ProcessVariables#refused}, so the task stays open and the message says which field
 * is wrong and why. The forms check the same rules; this is the check that counts.
 */
@Component
public class InformationValidator {

  public Map<String, Object> validate(RequestType type, Map<String, Object> submitted) {
    if (type == null) {
      throw refused("requestType", "is required");
    }
    Map<String, Object> values = submitted == null ? Map.of() : submitted;
    Map<String, Object> normalised = new LinkedHashMap<>();
    for (Field field : type.fields()) {
      Object value = values.get(field.key());
      characters(value, field.key());
      normalised.put(field.key(), field.rule().check(value, field.key()));
    }
    return Collections.unmodifiableMap(normalised);
  }

  /** TextInput's rule first, for every field: no NUL or control characters in what is stored. */
  private static void characters(Object value, String field) {
    if (value instanceof String text) {
      characters(text, field);
    } else if (value instanceof Collection<?> items) {
      items.stream()
          .filter(String.class::isInstance)
          .forEach(item -> characters((String) item, field));
    }
  }

  private static void characters(String text, String field) {
    TextInput.characterProblem(text, true)
        .ifPresent(
            reason -> {
              throw refused(field, reason);
            });
  }
}
