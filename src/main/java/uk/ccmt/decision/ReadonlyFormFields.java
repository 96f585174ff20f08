package uk.ccmt.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The fields of a task's Camunda Form that show context and decide nothing (readonly or disabled,
 * such as the release id or the build): Tasklist submits readonly fields with the rest, and the
 * record keeps only what was decided. Read from the forms of the task's own deployment, once per
 * deployment; a task without a Camunda Form has none.
 */
final class ReadonlyFormFields {

  private static final String FORM_SUFFIX = ".form";

  private final ObjectMapper json;

  /** Per deployment id: per form id, its readonly keys. Deployments never change. */
  private final Map<String, Map<String, Set<String>>> byDeployment = new ConcurrentHashMap<>();

  ReadonlyFormFields(ObjectMapper json) {
    this.json = json;
  }

  Set<String> of(DelegateTask task) {
    if (!(task instanceof TaskEntity entity) || entity.getTaskDefinition() == null) {
      return Set.of();
    }
    FormDefinition form = entity.getTaskDefinition().getFormDefinition();
    Expression formKey = form == null ? null : form.getCamundaFormDefinitionKey();
    ProcessDefinitionEntity definition = entity.getProcessDefinition();
    if (formKey == null || definition == null || definition.getDeploymentId() == null) {
      return Set.of();
    }
    Object formId = formKey.getValue(task);
    if (formId == null) {
      return Set.of();
    }
    return byDeployment
        .computeIfAbsent(definition.getDeploymentId(), this::formsOf)
        .getOrDefault(formId.toString(), Set.of());
  }

  private Map<String, Set<String>> formsOf(String deploymentId) {
    Map<String, Set<String>> forms = new HashMap<>();
    for (ResourceEntity resource :
        Context.getCommandContext()
            .getResourceManager()
            .findResourcesByDeploymentId(deploymentId)) {
      if (resource.getName() == null || !resource.getName().endsWith(FORM_SUFFIX)) {
        continue;
      }
      try {
        JsonNode schema = json.readTree(resource.getBytes());
        Set<String> readonly = new HashSet<>();
        collect(schema.path("components"), readonly);
        if (schema.hasNonNull("id")) {
          forms.put(schema.path("id").asText(), Set.copyOf(readonly));
        }
      } catch (IOException notAForm) {
        // A resource that is not a form's JSON has no fields to leave out.
      }
    }
    return Map.copyOf(forms);
  }

  private static void collect(JsonNode components, Set<String> readonly) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")
          && (component.path("readonly").asBoolean(false)
              || component.path("disabled").asBoolean(false))) {
        readonly.add(component.path("key").asText());
      }
      collect(component.path("components"), readonly);
    }
  }
}
