package uk.ccmt.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Records every user-task completion of every model, the ones added later included, without a line
 * in any model: a parse listener gives each user task a completion listener, and a command
 * interceptor tells that listener which values the completion submitted.
 */
@Component
class DecisionRecordingPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<DecisionRecord> record;
  private final ObjectMapper json;

  DecisionRecordingPlugin(ObjectProvider<DecisionRecord> record, ObjectMapper json) {
    this.record = record;
    this.json = json;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    SubmittedValues.check();
    List<CommandInterceptor> interceptors =
        configuration.getCustomPreCommandInterceptorsTxRequired() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new SubmittedValues());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);

    List<BpmnParseListener> parseListeners =
        configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    parseListeners.add(new EveryUserTask(new TaskDecisionListener(record.getObject(), json)));
    configuration.setCustomPostBPMNParseListeners(parseListeners);
  }

  /** Adds the decision listener to the completion of every user task, after the model's own. */
  private static final class EveryUserTask extends AbstractBpmnParseListener {

    private final TaskListener listener;

    EveryUserTask(TaskListener listener) {
      this.listener = listener;
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
      }
    }

    /**
     * The refusal listener goes on each user task's end once the whole process is parsed: the
     * engine adds a task's own execution listeners after its parse listeners ran, and the model's
     * own checks (such as "not in this release") come first.
     */
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      addRefusalsIn(processDefinition);
    }

    private static void addRefusalsIn(ScopeImpl scope) {
      for (ActivityImpl activity : scope.getActivities()) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior) {
          activity.addListener(
              ExecutionListener.EVENTNAME_END, TaskDecisionListener.REFUSAL_AT_THE_END);
        }
        addRefusalsIn(activity);
      }
    }
  }
}
