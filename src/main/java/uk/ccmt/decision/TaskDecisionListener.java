package uk.ccmt.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.delegate.ExecutionListenerInvocation;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.InvalidInputException;

/**
 * On the completion of every user task of every model: the task is assigned to whoever completes
 * it, a choice that needs a reason is refused without one (the task stays open), and the decision
 * is written to the record in the completing transaction.
 */
final class TaskDecisionListener implements TaskListener {

  /**
   * Refuses, as its activity ends, the completion the task listener found without its reason. It
   * goes through the engine's delegate interceptor, as a listener of the model would, so the
   * refusal is translated in the one place that turns refusals into the engine REST API's 400.
   */
  static final ExecutionListener REFUSAL_AT_THE_END =
      execution ->
          Context.getProcessEngineConfiguration()
              .getDelegateInterceptor()
              .handleInvocation(
                  new ExecutionListenerInvocation(
                      refused ->
                          SubmittedValues.refusalAtTheEndOf(refused.getId())
                              .ifPresent(
                                  refusal -> {
                                    throw refusal;
                                  }),
                      execution));

  /** The variable of every decision form that carries the optional comment. */
  static final String COMMENT = "comment";

  private static final String RELEASE_ID = "releaseId";
  private static final int MAX_LIST_ITEMS = 100;

  private final DecisionRecord record;
  private final ObjectMapper json;
  private final ReadonlyFormFields readonlyFields;

  TaskDecisionListener(DecisionRecord record, ObjectMapper json) {
    this.record = record;
    this.json = json;
    this.readonlyFields = new ReadonlyFormFields(json);
  }

  @Override
  public void notify(DelegateTask task) {
    String taskKey = task.getTaskDefinitionKey();
    Map<String, Object> submitted = plain(SubmittedValues.of(task.getId()).orElse(Map.of()));
    String user = completingUser(task);
    if (user != null && !user.equals(task.getAssignee())) {
      task.setAssignee(user);
    }
    String comment = text(submitted.get(COMMENT));
    Optional<DecisionRules.ReasonRequired> reasonRequired =
        DecisionRules.reasonRequired(taskKey, submitted);
    if (comment == null && reasonRequired.isPresent()) {
      String reasonVariable = reasonRequired.get().reasonVariable();
      comment = reasonVariable == null ? null : text(submitted.get(reasonVariable));
      if (comment == null) {
        SubmittedValues.refuseWhenTheTaskEnds(
            task.getId(),
            task.getExecutionId(),
            new InvalidInputException(COMMENT, reasonRequired.get().rule()));
        return;
      }
    }
    Map<String, Object> values = new LinkedHashMap<>(submitted);
    values.remove(COMMENT);
    values.keySet().removeAll(readonlyFields.of(task));
    record.record(
        subjectOf(task),
        taskKey,
        task.getName(),
        DecisionRules.wordsFor(taskKey, submitted, task.getVariables()),
        bounded(values, task),
        user == null ? task.getAssignee() : user,
        comment == null ? null : Excerpt.of(comment, "the task's history in Cockpit"));
  }

  /** The release, else the request or partnering round the instance is about (its business key). */
  private static String subjectOf(DelegateTask task) {
    Object releaseId = task.getVariable(RELEASE_ID);
    if (releaseId instanceof String id && !id.isBlank()) {
      return id;
    }
    String businessKey = task.getExecution().getProcessBusinessKey();
    return businessKey == null ? task.getProcessInstanceId() : businessKey;
  }

  private static String completingUser(DelegateTask task) {
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /** The submitted values as plain JSON-able values: texts, booleans, numbers, lists and maps. */
  private Map<String, Object> plain(Map<String, Object> submitted) {
    Map<String, Object> values = new LinkedHashMap<>();
    submitted.forEach((name, value) -> values.put(name, plain(value)));
    return values;
  }

  private Object plain(Object value) {
    if (value instanceof SerializableValue serializable
        && (!serializable.isDeserialized() || serializable.getValue() == null)) {
      String serialized = serializable.getValueSerialized();
      return isJson(serializable) ? parsed(serialized) : serialized;
    }
    if (value instanceof TypedValue typed) {
      Object inner = typed.getValue();
      return isJson(typed) && inner != null ? parsed(inner.toString()) : plain(inner);
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Number) {
      return value;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(this::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> plain = new LinkedHashMap<>();
      map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
      return plain;
    }
    return value.toString();
  }

  private static boolean isJson(TypedValue value) {
    return value.getType() != null && "json".equals(value.getType().getName());
  }

  private Object parsed(String serialized) {
    if (serialized == null) {
      return null;
    }
    try {
      return json.readValue(serialized, Object.class);
    } catch (JsonProcessingException notJson) {
      return serialized;
    }
  }

  /** Long texts cut with {@link Excerpt}, long lists kept to their first items. */
  private static Map<String, Object> bounded(Map<String, Object> values, DelegateTask task) {
    String whereTheWholeIs = "the history of task " + task.getId() + " in Cockpit";
    Map<String, Object> bounded = new LinkedHashMap<>();
    values.forEach((name, value) -> bounded.put(name, bounded(value, whereTheWholeIs)));
    return bounded;
  }

  private static Object bounded(Object value, String whereTheWholeIs) {
    if (value instanceof String text) {
      return Excerpt.of(text, whereTheWholeIs);
    }
    if (value instanceof List<?> list) {
      List<Object> kept =
          list.stream().limit(MAX_LIST_ITEMS).map(item -> bounded(item, whereTheWholeIs)).toList();
      String joined = String.valueOf(kept);
      if (list.size() > MAX_LIST_ITEMS || joined.length() > Excerpt.LIMIT) {
        return Excerpt.of(list.stream().map(String::valueOf).toList(), ", ", whereTheWholeIs);
      }
      return kept;
    }
    if (value instanceof Map<?, ?> map) {
      String text = String.valueOf(map);
      return text.length() > Excerpt.LIMIT ? Excerpt.of(text, whereTheWholeIs) : map;
    }
    return value;
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text.strip() : null;
  }
}
