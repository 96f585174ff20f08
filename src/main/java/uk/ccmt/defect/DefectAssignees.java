package uk.ccmt.defect;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Whose work a defect is: the assignee of its open task in defectFix (business key D-&lt;id&gt;),
 * as the engine's task query says. The register keeps no copy, so it is never out of date.
 */
@Component
class DefectAssignees {

  static final String PROCESS = "defectFix";
  static final String BUSINESS_KEY_PREFIX = "D-";

  private final TaskService tasks;
  private final RuntimeService runtime;

  DefectAssignees(TaskService tasks, RuntimeService runtime) {
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /** The ids of the defects whose open defectFix task is assigned to this user. */
  Set<String> assignedTo(String user) {
    Set<String> instances =
        tasks.createTaskQuery().processDefinitionKey(PROCESS).taskAssignee(user).list().stream()
            .map(Task::getProcessInstanceId)
            .collect(Collectors.toSet());
    if (instances.isEmpty()) {
      return Set.of();
    }
    List<ProcessInstance> found =
        runtime.createProcessInstanceQuery().processInstanceIds(instances).list();
    return found.stream()
        .map(ProcessInstance::getBusinessKey)
        .filter(key -> key != null && key.startsWith(BUSINESS_KEY_PREFIX))
        .map(key -> key.substring(BUSINESS_KEY_PREFIX.length()))
        .collect(Collectors.toSet());
  }
}
