package uk.ccmt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * participantQuery, one organisation's query from raised to answered, on Monday 30 November 2026 at
 * 09:00 (GMT, so London time equals UTC). The target time is five working days later.
 */
@CcmtTest
class ParticipantQueryProcessTest extends ProcessTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Queries queries;

  @Autowired uk.ccmt.decision.DecisionRecord decisions;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example", "ops@nle.example");
    given.participant("BRG", "CHALLENGER", "trials@brg.example");
    given.organisationUser("paula-q", "NLE");
    given.releaseManager("rachel");
  }

  private static Authentication organisationUser(String user, String code) {
    return new UsernamePasswordAuthenticationToken(
        user,
        null,
        List.of(
            new SimpleGrantedAuthority("GROUP_participant-" + code),
            new SimpleGrantedAuthority("GROUP_participants")));
  }

  private String raiseOverTheApi(String subject, String text) {
    JsonNode body =
        JSON.valueToTree(Map.of("subject", subject, "text", text, "relatesTo", "CCMTWG 22 June"));
    return queries.raise(body, organisationUser("paula-q", "NLE"));
  }

  private ProcessInstance instanceOf(String id) {
    return subProcess(id, "participantQuery");
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private void completeAs(String user, String id, String taskKey, Map<String, Object> values) {
    as(
        user,
        () -> complete(id, taskKey, values),
        "rachel".equals(user) ? "release-managers" : "development-team");
  }

  private static String subjectOf(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long rows() {
    return jdbc.sql("select count(*) from participant_query").query(Long.class).single();
  }

  @Test
  void shouldAnswerAQueryRaisedOverTheApiAndEmailTheOrganisationOnce() throws Exception {
    String id = raiseOverTheApi("Meter read cut-off", "When is the cut-off for meter reads?");
    ProcessInstance query = instanceOf(id);
    assertThat(query.getTenantId()).isEqualTo("NLE");
    assertThat(query.getBusinessKey()).isEqualTo(id);

    Task answer = task(id, "answerQuery");
    assertThat(answer).hasCandidateGroup("release-managers");
    assertThat(answer.getName()).isEqualTo("Answer query " + id + ": Meter read cut-off");
    assertThat(answer.getDueDate().toInstant())
        .as("five working days")
        .isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    assertThat(engine.getTaskService().getVariableLocal(answer.getId(), "queryText"))
        .isEqualTo("When is the cut-off for meter reads?");
    assertThat((String) engine.getTaskService().getVariableLocal(answer.getId(), "contextDeadline"))
        .contains("7 December 2026");

    completeAs(
        "rachel",
        id,
        "answerQuery",
        values("answer", "17:00 on the working day before.", "publish", true));
    assertThat(query).hasPassed("EndEvent_QueryAnswered").isWaitingAt("Task_SendAnswer");
    runDueJobs();
    assertThat(query).hasPassed("EndEvent_AnswerSent").isEnded();

    List<MimeMessage> answers =
        TestMailServer.received().stream()
            .filter(
                mail ->
                    subjectOf(mail).equals("Answer to your query " + id + ": Meter read cut-off"))
            .toList();
    assertThat(answers)
        .flatExtracting(mail -> List.of(mail.getAllRecipients()))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("trials@nle.example", "ops@nle.example");
    assertThat(MailParts.alternativeOf(answers.get(0)).text())
        .contains("When is the cut-off for meter reads?", "17:00 on the working day before.");

    Query answered = queries.find(id);
    assertThat(answered.status()).isEqualTo("ANSWERED");
    assertThat(answered.answeredBy()).isEqualTo("rachel");
    assertThat(answered.published()).isTrue();
    assertThat(queries.published())
        .singleElement()
        .satisfies(
            published -> {
              assertThat(published.subject()).isEqualTo("Meter read cut-off");
              assertThat(published.answer()).isEqualTo("17:00 on the working day before.");
            });
    assertThat(new QueryFigures(queries).of("NLE"))
        .containsExactly(
            Map.entry("raised", 1L), Map.entry("answered", 1L), Map.entry("published", 1L));
    assertThat(new QueryFigures(queries).of("BRG")).containsEntry("raised", 0L);
  }

  @Test
  void shouldRaiseFromTheStartFormInTheStartingUsersOrganisationWhateverTheVariablesSay() {
    long before = rows();
    as(
        "paula-q",
        () ->
            engine
                .getRuntimeService()
                .startProcessInstanceByKey(
                    "participantQuery",
                    values(
                        "subject", "Partner for switching",
                        "text", "Can we choose our own partner?\nWe know CWE well.",
                        "relatesTo", "",
                        "participantCode", "BRG",
                        "answer", "set in advance",
                        "publish", true)),
        "participant-NLE",
        "participants");
    assertThat(rows()).isEqualTo(before + 1);
    Query raised = queries.list(organisationUser("paula-q", "NLE")).get(0);
    assertThat(raised.participantCode()).isEqualTo("NLE");
    assertThat(raised.raisedBy()).isEqualTo("paula-q");
    assertThat(raised.relatesTo()).isNull();
    assertThat(raised.text()).isEqualTo("Can we choose our own partner?\nWe know CWE well.");

    ProcessInstance query = instanceOf(raised.id());
    assertThat(query.getTenantId()).isEqualTo("NLE");
    assertThat(engine.getRuntimeService().getVariables(query.getId()).keySet())
        .containsExactlyInAnyOrder(
            "queryId", "participantCode", "querySubject", "queryDueAt", "queryReminderAt");
    assertThat(queries.list(organisationUser("brg-q", "BRG"))).isEmpty();
  }

  @Test
  void shouldRefuseABadStartAndWriteNothing() {
    long before = rows();
    assertThatThrownBy(
            () ->
                as(
                    "paula-q",
                    () ->
                        engine
                            .getRuntimeService()
                            .startProcessInstanceByKey(
                                "participantQuery", values("subject", " ", "text", "Hello")),
                    "participant-NLE",
                    "participants"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("subject");
    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .startProcessInstanceByKey(
                        "participantQuery", values("subject", "No organisation", "text", "Hi")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("organisation's user");
    assertThatThrownBy(
            () ->
                as(
                    "paula-q",
                    () ->
                        engine
                            .getRuntimeService()
                            .startProcessInstanceByKey(
                                "participantQuery",
                                values("subject", "S", "text", "x".repeat(10_001))),
                    "participant-NLE",
                    "participants"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("text");
    assertThat(rows()).isEqualTo(before);
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("participantQuery")
                .count())
        .isZero();
  }

  @Test
  void shouldPassAQueryOnAndBringTheContributionsBackToTheReleaseManagers() {
    String id = raiseOverTheApi("Defect visibility", "Can we see other organisations' defects?");

    completeAs("rachel", id, "answerQuery", values("route", "development"));
    Task development = task(id, "contributeToQuery");
    assertThat(development).hasCandidateGroup("development-team");
    assertThat(development.getName())
        .isEqualTo("Contribute to query " + id + ": Defect visibility");
    assertThatThrownBy(
            () -> completeAs("devon", id, "contributeToQuery", values("contribution", "  ")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("contribution");
    completeAs("devon", id, "contributeToQuery", values("contribution", "No: each sees its own."));

    Task again = task(id, "answerQuery");
    assertThat(
            (String) engine.getTaskService().getVariableLocal(again.getId(), "queryContributions"))
        .contains("Development team (devon): No: each sees its own.");
    assertThat(engine.getTaskService().getVariable(again.getId(), "route")).isNull();

    completeAs("rachel", id, "answerQuery", values("route", "programme"));
    assertThat(task(id, "contributeToQuery")).hasCandidateGroup("release-managers");
    completeAs(
        "rachel", id, "contributeToQuery", values("contribution", "The plan says the same."));

    assertThatThrownBy(
            () -> completeAs("rachel", id, "answerQuery", values("answer", " ", "publish", false)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("answer");
    assertThatThrownBy(() -> completeAs("rachel", id, "answerQuery", values("route", "nobody")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("route");
    assertThat(queries.find(id).status()).isEqualTo("OPEN");

    completeAs("rachel", id, "answerQuery", values("answer", "Only your own.", "publish", false));
    runDueJobs();
    assertThat(instanceOf(id)).isNull();
    assertThat(queries.contributions(id))
        .extracting(Query.Contribution::route)
        .containsExactly("development", "programme");
    assertThat(queries.published()).isEmpty();
    assertThat(decisions.about(id))
        .extracting(uk.ccmt.decision.Decision::task, uk.ccmt.decision.Decision::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("answerQuery", "passed on to the development team"),
            org.assertj.core.groups.Tuple.tuple("contributeToQuery", "contributed"),
            org.assertj.core.groups.Tuple.tuple("answerQuery", "passed on to the programme"),
            org.assertj.core.groups.Tuple.tuple("contributeToQuery", "contributed"),
            org.assertj.core.groups.Tuple.tuple("answerQuery", "answered"));
  }

  @Test
  void shouldRemindBeforeTheTargetAndEscalateAtItAndEndBothWithTheAnswer() throws Exception {
    String id = raiseOverTheApi("Cut-over weekend", "Is the cut-over on the 12th?");
    ProcessInstance query = instanceOf(id);

    clockAt("2026-12-04T09:00:00Z");
    fireTimer(query, "StartEvent_ReminderDue");
    runDueJobs();
    clockAt("2026-12-07T09:00:00Z");
    fireTimer(query, "StartEvent_TargetTimePassed");
    runDueJobs();

    assertThat(TestMailServer.received())
        .extracting(ParticipantQueryProcessTest::subjectOf)
        .containsExactly(
            "Query " + id + " is due for an answer", "Query " + id + " was not answered in time");
    assertThat(TestMailServer.received().get(0).getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("rachel@programme.example");
    assertThat(query).isWaitingAt("answerQuery");

    completeAs("rachel", id, "answerQuery", values("answer", "Yes.", "publish", "false"));
    runDueJobs();
    assertThat(query).isEnded();
    assertThat(
            engine.getManagementService().createJobQuery().processInstanceId(query.getId()).count())
        .isZero();
  }

  @Test
  void shouldKeepALongQuestionInItsTableAndOnlyAnExcerptOnTheForm() {
    String question =
        "Why does the trial need this? ".repeat(300).strip(); // about 9,000 characters
    String id = raiseOverTheApi("A long question", question);
    assertThat(queries.find(id).text()).isEqualTo(question);
    Task answer = task(id, "answerQuery");
    assertThat((String) engine.getTaskService().getVariableLocal(answer.getId(), "queryText"))
        .hasSizeLessThanOrEqualTo(uk.ccmt.system.Excerpt.LIMIT)
        .endsWith("GET /api/queries/" + id);
    completeAs("rachel", id, "answerQuery", values("answer", "Because.", "publish", false));
    assertThat(textVariablesOverTheExcerptLimit()).isEmpty();
  }

  @Test
  void shouldCountTheTargetTimeInWorkingDays() {
    clockAt("2026-12-04T15:00:00Z"); // a Friday
    String id = raiseOverTheApi("Friday question", "Asked on a Friday.");
    assertThat(queries.find(id).targetAt()).isEqualTo(Instant.parse("2026-12-11T15:00:00Z"));
    assertThat(
            ((java.util.Date)
                    engine
                        .getRuntimeService()
                        .getVariable(instanceOf(id).getId(), "queryReminderAt"))
                .toInstant())
        .isEqualTo(Instant.parse("2026-12-10T15:00:00Z"));
  }
}
