package uk.ccmt.query;

import static uk.ccmt.query.QueryVariables.ANSWER;
import static uk.ccmt.query.QueryVariables.CONTRIBUTION;
import static uk.ccmt.query.QueryVariables.CONTRIBUTOR_GROUP;
import static uk.ccmt.query.QueryVariables.PARTICIPANT_CODE;
import static uk.ccmt.query.QueryVariables.PUBLISH;
import static uk.ccmt.query.QueryVariables.QUERY_DUE_AT;
import static uk.ccmt.query.QueryVariables.QUERY_ID;
import static uk.ccmt.query.QueryVariables.QUERY_REMINDER_AT;
import static uk.ccmt.query.QueryVariables.QUERY_SUBJECT;
import static uk.ccmt.query.QueryVariables.ROUTE;

import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.TextInput;

/**
 * The service tasks and task listeners of participantQuery (bpmn/participant-query.bpmn). The steps
 * after a task run in the transaction that completes it, so a refused value keeps the task open
 * (400 naming the field).
 */
@Configuration(proxyBeanMethods = false)
class QueryDelegates {

  /** Where a text cut short on a form is read whole. */
  private static final String WHOLE = "GET /api/queries/";

  /**
   * Stores the query raised (or ties the one raised over the API to this instance), then keeps only
   * the query's ids and times as variables: whatever else the starter sent goes, so no answer,
   * route or flag can be set in advance from a start form.
   */
  @Bean
  JavaDelegate registerQueryDelegate(Queries queries) {
    return execution -> {
      Map<String, Object> started = new HashMap<>(execution.getVariables());
      Query query =
          queries.register(
              execution.getTenantId(),
              started,
              ProcessVariables.currentUser(execution),
              execution.getProcessInstanceId());
      for (String name : List.copyOf(execution.getVariableNames())) {
        execution.removeVariable(name);
      }
      execution.setProcessBusinessKey(query.id());
      execution.setVariable(QUERY_ID, query.id());
      execution.setVariable(PARTICIPANT_CODE, query.participantCode());
      execution.setVariable(QUERY_SUBJECT, query.subject());
      execution.setVariable(QUERY_DUE_AT, Date.from(query.targetAt()));
      execution.setVariable(QUERY_REMINDER_AT, Date.from(queries.reminderAt(query)));
    };
  }

  /**
   * answerQuery's answer: route "answer" (or none) needs a non-blank answer, and publish is true or
   * false (false when not given); development or programme passes it on.
   */
  @Bean
  JavaDelegate applyQueryAnswerDelegate(Queries queries) {
    return execution -> {
      String route = route(execution.getVariable(ROUTE));
      execution.setVariable(ROUTE, route);
      if (route.equals("answer")) {
        Object given = execution.getVariable(ANSWER);
        if (given != null && !(given instanceof String)) {
          throw ProcessVariables.refused(
              ANSWER, "must be text, not " + ProcessVariables.kindOf(given));
        }
        String answer = TextInput.text((String) given, ANSWER, TextInput.DEFAULT_MAX);
        Object publish = execution.getVariable(PUBLISH);
        boolean published = publish != null && ProcessVariables.requiredBoolean(publish, PUBLISH);
        queries.answer(id(execution), answer, published, ProcessVariables.currentUser(execution));
        // the answer lives in participant_query; the instance keeps only the flag
        execution.removeVariable(ANSWER);
        execution.setVariable(PUBLISH, published);
      } else {
        queries.passOn(id(execution), route);
        execution.setVariable(CONTRIBUTOR_GROUP, queries.contributorGroup(route));
      }
    };
  }

  /** contributeToQuery's contribution, kept for the release managers' next look at the query. */
  @Bean
  JavaDelegate recordQueryContributionDelegate(Queries queries) {
    return execution -> {
      Object given = execution.getVariable(CONTRIBUTION);
      if (given != null && !(given instanceof String)) {
        throw ProcessVariables.refused(
            CONTRIBUTION, "must be text, not " + ProcessVariables.kindOf(given));
      }
      String contribution = TextInput.text((String) given, CONTRIBUTION, TextInput.DEFAULT_MAX);
      queries.contribute(
          id(execution),
          (String) execution.getVariable(ROUTE),
          contribution,
          ProcessVariables.currentUser(execution));
      // the release managers choose again, with the contribution in view
      execution.removeVariable(ROUTE);
      execution.removeVariable(CONTRIBUTION);
    };
  }

  /** Delivers the answer queued with it, once per query whatever the retries. */
  @Bean
  JavaDelegate sendQueryAnswerDelegate(Queries queries) {
    return execution -> queries.deliverAnswer(id(execution));
  }

  @Bean
  JavaDelegate remindOfQueryDelegate(Queries queries) {
    return execution -> queries.remind(id(execution));
  }

  @Bean
  JavaDelegate escalateLateQueryDelegate(Queries queries) {
    return execution -> queries.escalate(id(execution));
  }

  /**
   * What answerQuery and contributeToQuery show (task-local, read-only on the form): the question,
   * who asked it, what it relates to, what was said about it so far, and the target time.
   */
  @Bean
  TaskListener queryTaskListener(
      Queries queries, ParticipantService participants, ReadableDates dates, Clock clock) {
    return task -> {
      if (task.getTaskDefinitionKey().equals("answerQuery")) {
        // each look at the query starts with no choice made: "answer" unless they pass it on
        task.getExecution().removeVariable(ROUTE);
      }
      Query query = queries.find(id(task));
      task.setName(
          (task.getTaskDefinitionKey().equals("answerQuery")
                  ? "Answer query "
                  : "Contribute to query ")
              + query.id()
              + ": "
              + query.subject());
      task.setDueDate(Date.from(query.targetAt()));
      task.setVariableLocal(
          "queryOrganisation",
          participants.get(query.participantCode()).name() + " (" + query.participantCode() + ")");
      task.setVariableLocal("queryText", Excerpt.of(query.text(), WHOLE + query.id()));
      task.setVariableLocal(
          "queryRelatesTo", query.relatesTo() == null ? "nothing named" : query.relatesTo());
      task.setVariableLocal(
          "queryContributions",
          Excerpt.of(contributions(queries.contributions(query.id())), WHOLE + query.id()));
      task.setVariableLocal(
          "contextDeadline",
          "**Answer by:** "
              + dates.describe(query.targetAt())
              + " ("
              + clock.getZone().getId()
              + ")");
    };
  }

  private static String contributions(List<Query.Contribution> contributions) {
    if (contributions.isEmpty()) {
      return "None yet.";
    }
    StringBuilder text = new StringBuilder();
    for (Query.Contribution contribution : contributions) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append("development".equals(contribution.route()) ? "Development team" : "Programme")
          .append(contribution.givenBy() == null ? "" : " (" + contribution.givenBy() + ")")
          .append(": ")
          .append(contribution.text());
    }
    return text.toString();
  }

  private static String route(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return "answer";
    }
    if (!(value instanceof String text)) {
      throw ProcessVariables.refused(
          ROUTE, "must be one of " + Queries.ROUTES + ", not " + ProcessVariables.kindOf(value));
    }
    String route = text.strip().toLowerCase(Locale.ROOT);
    if (!Queries.ROUTES.contains(route)) {
      throw ProcessVariables.refused(ROUTE, "'" + text + "' is not one of " + Queries.ROUTES);
    }
    return route;
  }

  private static String id(DelegateExecution execution) {
    return (String) execution.getVariable(QUERY_ID);
  }

  private static String id(DelegateTask task) {
    return (String) task.getVariable(QUERY_ID);
  }
}
