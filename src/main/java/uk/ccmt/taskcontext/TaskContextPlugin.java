package uk.ccmt.taskcontext;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model the context its form shows, without touching the models: a
 * parse listener adds a create listener to each user task, after the model's own listeners. The
 * listener asks {@link TaskContexts} when the task opens, so the engine's configuration does not
 * wait for the domain services that context reads.
 */
@Component
class TaskContextPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<TaskContexts> contexts;

  TaskContextPlugin(ObjectProvider<TaskContexts> contexts) {
    this.contexts = contexts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener listener = task -> contexts.getObject().fill(task);
    configuration
        .getCustomPostBPMNParseListeners()
        .add(
            new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                  userTask
                      .getTaskDefinition()
                      .addTaskListener(TaskListener.EVENTNAME_CREATE, listener);
                }
              }
            });
  }
}
