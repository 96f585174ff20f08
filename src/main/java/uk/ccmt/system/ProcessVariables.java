package uk.ccmt.system;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.Spin;
import org.camunda.spin.SpinRuntimeException;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads the values people submit with a task. Camunda Forms send lists as Json-typed variables,
 * REST clients often as a String holding a JSON array; both are accepted. A value that makes no
 * sense is refused with the product's {@link InvalidInputException}, naming the field: the engine
 * REST API answers 400, Tasklist shows the message, and the task stays open.
 */
public final class ProcessVariables {

  private ProcessVariables() {}

  public static List<String> stringList(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof SpinJsonNode node) {
      return stringList(node.toString(), field);
    }
    if (value instanceof Collection<?> items) {
      return distinct(items.stream().map(item -> requireText(item, field)).toList());
    }
    if (value instanceof String text) {
      if (text.isBlank()) {
        return List.of();
      }
      SpinJsonNode node;
      try {
        // the engine's own JSON data format, the one that reads what Camunda Forms send
        node = Spin.JSON(text);
      } catch (SpinRuntimeException e) {
        throw refused(field, "must be a JSON array of defect ids, for example [\"D-1\"]");
      }
      if (!node.isArray()) {
        throw refused(field, "must be a JSON array of defect ids, for example [\"D-1\"]");
      }
      List<String> ids = new ArrayList<>();
      for (SpinJsonNode item : node.elements()) {
        if (!item.isString() || item.stringValue().isBlank()) {
          throw refused(field, "must hold defect ids as strings, found " + item);
        }
        ids.add(listItem(item.stringValue(), field));
      }
      return distinct(ids);
    }
    throw refused(field, "must be a JSON array of defect ids, not " + kindOf(value));
  }

  public static boolean requiredBoolean(Object value, String field) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw refused(
        field,
        value == null
            ? "is required (true or false)"
            : "must be true or false, not '" + value + "'");
  }

  /**
   * A yes/no decision from a task, stored back as a Boolean whether it came from a checkbox or as
   * "true"/"false" text from a radio group, so the model's gateways always route on a Boolean.
   */
  public static boolean storeDecision(VariableScope scope, String field) {
    boolean decision = requiredBoolean(scope.getVariable(field), field);
    scope.setVariable(field, decision);
    return decision;
  }

  /**
   * A required text from a task, bounded by the field's length in {@link
   * TextInput#maxLength(String)} (a buildVersion fits its 100-character column) and refused when it
   * holds NUL or control characters.
   */
  public static String requiredText(Object value, String field) {
    return requiredText(value, field, TextInput.maxLength(field));
  }

  /**
   * A required text of at most maxLength characters, one line unless the field may span lines
   * ({@link TextInput}).
   */
  public static String requiredText(Object value, String field, int maxLength) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw refused(field, "is required");
    }
    try {
      return TextInput.isMultiLine(field)
          ? TextInput.text(text, field, maxLength)
          : TextInput.line(text, field, maxLength);
    } catch (InvalidInputException e) {
      throw refused(field, e.reason());
    }
  }

  /** A day and a 24-hour time as a UK programme writes them: 03/12/2026 10:00. */
  private static final java.time.format.DateTimeFormatter UK_DATE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu H:mm")
          .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  /**
   * A date-time as a Date, as ISO-8601 text with or without an offset, or as a UK day and 24-hour
   * time ("03/12/2026 10:00"); text without an offset is read in the given zone (the calendar
   * zone).
   */
  public static Instant requiredDateTime(Object value, String field, ZoneId zone) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw refused(field, "is required: a day and a 24-hour time, " + example(zone));
    }
    String written = text.strip();
    try {
      return OffsetDateTime.parse(written).toInstant();
    } catch (DateTimeException withOffset) {
      try {
        return LocalDateTime.parse(written).atZone(zone).toInstant();
      } catch (DateTimeException withoutOffset) {
        try {
          return LocalDateTime.parse(written.replace(",", " ").replaceAll(" +", " "), UK_DATE_TIME)
              .atZone(zone)
              .toInstant();
        } catch (DateTimeException notUk) {
          throw refused(
              field,
              "'"
                  + written
                  + "' is not an ISO-8601 date-time such as 2026-12-01T14:00, nor a day and a"
                  + " 24-hour time, "
                  + example(zone));
        }
      }
    }
  }

  private static String example(ZoneId zone) {
    return "such as 01/12/2026 14:00 (day/month/year, " + zone.getId() + " time)";
  }

  /**
   * The user completing the task, in the synchronous step after it: the engine's current
   * authentication. Null when the engine itself completes it (no authenticated user).
   */
  public static String currentUser(DelegateExecution execution) {
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /**
   * What kind of value a person sent, in their words ("a number", "a list"), for a refusal: never a
   * Java class name.
   */
  public static String kindOf(Object value) {
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "true or false";
    }
    if (value instanceof Collection<?> || value instanceof Object[]) {
      return "a list";
    }
    if (value instanceof Date || value instanceof java.time.temporal.Temporal) {
      return "a date";
    }
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof SpinJsonNode || value instanceof java.util.Map<?, ?>) {
      return "structured data";
    }
    return "a value of another kind";
  }

  /**
   * The refusal of a submitted value, naming the field and the reason. Thrown from a delegate or
   * listener, it reaches the engine REST API as a 400 ({@link RefusalsAtTheProcessEdge}).
   */
  public static InvalidInputException refused(String field, String reason) {
    return new InvalidInputException(field, reason);
  }

  private static String requireText(Object item, String field) {
    if (item instanceof String text && !text.isBlank()) {
      return listItem(text, field);
    }
    throw refused(field, "must hold defect ids as strings, found " + item);
  }

  /** A defect id in a list: one line, no longer than a defect id column. */
  private static String listItem(String id, String field) {
    try {
      return TextInput.line(id, field, TextInput.maxLength("defectId"));
    } catch (InvalidInputException e) {
      throw refused(field, "holds an id that " + e.reason());
    }
  }

  private static List<String> distinct(List<String> ids) {
    return List.copyOf(new LinkedHashSet<>(ids));
  }
}
