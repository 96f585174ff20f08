package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * Stakeholder agreement asked for real: after the emergency note of E-D-7 (raised Monday 30
 * November 2026 at 09:00 GMT, deployment agreed for 15:00), each organisation taking part answers
 * in its own emergencyDeploymentAgreement, within the four-hour window.
 */
@CcmtTest
class EmergencyAgreementProcessTest extends ProcessTestSupport {

  private static final String DEFECT = "D-7";
  private static final String RELEASE = "E-D-7";
  private static final String TASK = "agreeEmergencyDeployment";

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
  }

  @AfterEach
  void nobodyIsAuthenticated() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldAskEachOrganisationInItsOwnTenantAndShowTheReleaseManagersTheTally() throws Exception {
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participantNotTakingPart("OUT", "out@out.example");
    ProcessInstance emergency = reachTheAgreement();

    assertThat(emergency).isWaitingAt("Gateway_AwaitAnswersOrWindow");
    List<Task> tasks = tasks();
    assertThat(tasks).extracting(Task::getTenantId).containsExactlyInAnyOrder("BGS", "NLE");
    Task bgs = taskOf("BGS");
    assertThat(bgs).hasCandidateGroup("participant-BGS");
    assertThat(bgs.getName())
        .isEqualTo("Agree emergency deployment E-D-7 at Mon 30 Nov 2026 15:00 Europe/London");
    assertThat(bgs.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
    assertThat(engine.getTaskService().getVariablesLocal(bgs.getId()))
        .containsEntry("participantName", "Organisation BGS (BGS)")
        .containsEntry("releaseId", RELEASE)
        .containsEntry("defectId", DEFECT)
        .containsEntry("buildVersion", "3.0.0")
        .containsEntry("agreedDeploymentTime", "Mon 30 Nov 2026 15:00 Europe/London")
        .containsEntry("agreementDeadline", "Mon 30 Nov 2026 13:00 Europe/London")
        .containsKeys("defectTitle", "defectComponent");

    List<MimeMessage> requests = agreementRequests();
    assertThat(requests)
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("trials@bgs.example", "ops@nle.example");
    MailParts.Alternative mail = MailParts.alternativeOf(requests.get(0));
    assertThat(requests.get(0).getSubject())
        .isEqualTo(
            "Emergency deployment agreement E-D-7, round 1: do you agree to deploy at Mon 30 Nov"
                + " 2026 15:00 Europe/London? Please answer by Mon 30 Nov 2026 13:00"
                + " Europe/London");
    assertThat(mail.text())
        .contains(
            "E-D-7",
            DEFECT,
            "3.0.0",
            "Mon 30 Nov 2026 13:00 Europe/London",
            "/camunda/app/tasklist/");
    assertThat(mail.html())
        .contains("Mon 30 Nov 2026 15:00 Europe/London", "/camunda/app/tasklist/");

    assertThatThrownBy(() -> answerAs("nle-ops", "NLE", false, null))
        .as("an objection needs its reason")
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comment")
        .hasMessageContaining("say why your organisation does not agree");
    assertThat(taskOf("NLE")).as("the task stays open").isNotNull();
    answerAs("nle-ops", "NLE", false, "Our trading desk runs its month-end test at 15:00");
    assertThat(emergency).isWaitingAt("Gateway_AwaitAnswersOrWindow");
    answerAs("bgs-trials", "BGS", true, null);

    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    assertThat(emergency).hasPassed("Event_EveryOrganisationAnswered", "Task_CloseAgreementRound");
    Map<String, Object> tally =
        engine.getTaskService().getVariables(task(RELEASE, "confirmStakeholderAgreement").getId());
    assertThat(tally)
        .containsEntry("organisationsAsked", 2)
        .containsEntry("organisationsAgreed", 1)
        .containsEntry("organisationsObjected", 1)
        .containsEntry("organisationsNotAnswered", 0)
        .containsEntry(
            "agreementTally",
            "Round 1: 2 organisations asked; 1 agreed, 1 objected, 0 did not answer.")
        .containsEntry("unansweredOrganisations", "None");
    assertThat((String) tally.get("objections"))
        .startsWith(
            "Organisation NLE (NLE): Our trading desk runs its month-end test at 15:00 – nle-ops,")
        .doesNotContain("BGS");
    assertThat((String) tally.get("agreedOrganisations"))
        .startsWith("Organisation BGS (BGS) – bgs-trials, Mon 30 Nov 2026 09:00 Europe/London");
    assertThat(
            jdbc.sql(
                    """
                    select participant_code || ':' || answer || ':' || answered_by
                    from emergency_agreement where release_id = ? order by participant_code""")
                .param(RELEASE)
                .query(String.class)
                .list())
        .containsExactly("BGS:AGREED:bgs-trials", "NLE:OBJECTED:nle-ops");
    assertThat(agreementInstances())
        .allSatisfy(instance -> assertThat(instance.getEndTime()).isNotNull());

    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    assertThat(emergency).isWaitingAt("Timer_DeploymentScheduleReached");
    runDueJobs();
    assertThat(agreementRequests()).as("nobody is asked twice").hasSize(2);
  }

  @Test
  void shouldCountWhoDidNotAnswerWhenTheWindowClosesAndAskAgainInANewRound() throws Exception {
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("SSE", "CHALLENGER", "ops@sse.example");
    ProcessInstance emergency = reachTheAgreement();
    answer("BGS", true, "Fine by us");

    clockAt("2026-11-30T13:00:00Z");
    ProcessInstance nle = agreementOf("NLE");
    fireTimer(nle, "Timer_AgreementDeadlinePassed");
    assertThat(nle).isEnded().hasPassed("Task_RecordNoAnswer", "EndEvent_NoAnswer");
    assertThat(emergency).isWaitingAt("Gateway_AwaitAnswersOrWindow");
    fireTimer(emergency, "Timer_AgreementWindowClosed");

    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    assertThat(tasks()).as("the window closed: no organisation's task is left").isEmpty();
    Map<String, Object> tally =
        engine.getTaskService().getVariables(task(RELEASE, "confirmStakeholderAgreement").getId());
    assertThat(tally)
        .containsEntry("organisationsAgreed", 1)
        .containsEntry("organisationsNotAnswered", 2)
        .containsEntry("objections", "None")
        .containsEntry("unansweredOrganisations", "Organisation NLE (NLE)\nOrganisation SSE (SSE)");
    assertThat((String) tally.get("agreedOrganisations")).contains("Fine by us");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("emergencyDeploymentAgreement")
                .count())
        .isZero();

    complete(
        RELEASE,
        "confirmStakeholderAgreement",
        Map.of("stakeholdersAgreed", false, "comment", "Two organisations did not answer"));
    complete(RELEASE, "decideWithoutStakeholderAgreement", Map.of("askStakeholdersAgain", true));
    runDueJobs();

    assertThat(tasks()).as("round 2 asks everyone again").hasSize(3);
    assertThat(taskOf("NLE").getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
    assertThat(agreementRequests()).as("one email per organisation and round").hasSize(6);
    assertThat(engine.getRuntimeService().getVariable(emergency.getId(), "stakeholdersAgreed"))
        .as("the release managers decide afresh")
        .isNull();
  }

  @Test
  void shouldAskFortyOneOrganisationsInThreeGroupsAndKeepTheTallyWithinItsLimit() {
    List<String> codes =
        java.util.stream.IntStream.rangeClosed(1, 41).mapToObj(i -> "O" + (100 + i)).toList();
    codes.forEach(code -> given.participant(code, "CHALLENGER", code.toLowerCase() + "@o.example"));
    ProcessInstance emergency = reachTheAgreement();

    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(emergency.getId())
                .activityId("Task_AskOrganisations")
                .count())
        .as("one asking step per group of twenty")
        .isEqualTo(3);
    assertThat(tasks()).hasSize(41);
    assertThat(agreementRequests()).hasSize(41);
    for (String code : codes) {
      answer(code, false, "We object because " + "our test window is booked. ".repeat(10));
    }

    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    Map<String, Object> tally =
        engine.getTaskService().getVariables(task(RELEASE, "confirmStakeholderAgreement").getId());
    assertThat(tally).containsEntry("organisationsObjected", 41);
    assertThat((String) tally.get("objections"))
        .hasSizeLessThanOrEqualTo(uk.ccmt.system.Excerpt.LIMIT)
        .startsWith("Organisation O101 (O101): We object because")
        .contains(
            "more: see the stakeholder agreement of E-D-7 (GET /api/releases/E-D-7/agreement)");
    assertThat(textVariablesOverTheExcerptLimit()).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from emergency_agreement where answer = 'OBJECTED'")
                .query(Integer.class)
                .single())
        .as("the whole list lives in the table")
        .isEqualTo(41);
  }

  @Test
  void shouldGoStraightToTheConfirmationWhenNoOrganisationTakesPart() {
    given.participantNotTakingPart("OUT", "out@out.example");
    ProcessInstance emergency = reachTheAgreement();

    assertThat(emergency)
        .isWaitingAt("confirmStakeholderAgreement")
        .hasPassed("Task_StartAgreementRound", "Task_CloseAgreementRound")
        .hasNotPassed("SubProcess_AskOrganisationsByGroup");
    Map<String, Object> tally =
        engine.getTaskService().getVariables(task(RELEASE, "confirmStakeholderAgreement").getId());
    assertThat(tally)
        .containsEntry("organisationsAsked", 0)
        .containsEntry("organisationsAgreed", 0);
    assertThat((String) tally.get("agreementTally")).startsWith("No organisation takes part");
    assertThat(agreementRequests()).isEmpty();
  }

  @Test
  void shouldGoOnAtOnceWhenEveryAnswerCameBeforeTheLastGroupWasAsked() {
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    ProcessInstance emergency = raiseAndApprove();
    while (tasks().isEmpty()) {
      runOneDueJob();
    }
    answer("BGS", true, null);
    runDueJobs();

    assertThat(emergency)
        .isWaitingAt("confirmStakeholderAgreement")
        .hasPassed("Task_CheckAgreementAnswers")
        .hasNotPassed("Event_EveryOrganisationAnswered", "Timer_AgreementWindowClosed");
  }

  @Test
  void shouldEndTheOpenQuestionsWhenTheEmergencyReleaseIsCancelled() {
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    ProcessInstance emergency = reachTheAgreement();
    answer("BGS", true, null);

    engine
        .getRuntimeService()
        .deleteProcessInstance(
            emergency.getId(), "Cancelled in Cockpit: the defect was a duplicate");

    assertThat(tasks()).isEmpty();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .count())
        .as("no instance stays active after the release's end")
        .isZero();
    assertThat(
            jdbc.sql("select answer from emergency_agreement where participant_code = 'NLE'")
                .query(String.class)
                .single())
        .isEqualTo("NO_ANSWER");
    assertThat(
            jdbc.sql("select count(*) from emergency_agreement_round where closed_at is null")
                .query(Integer.class)
                .single())
        .isZero();
  }

  private ProcessInstance reachTheAgreement() {
    ProcessInstance emergency = raiseAndApprove();
    runDueJobs();
    return emergency;
  }

  private ProcessInstance raiseAndApprove() {
    given.s1DefectStoppingTests(DEFECT);
    ProcessInstance emergency = subProcess(RELEASE, "emergencyRelease");
    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", "true", "deploymentSchedule", "2026-11-30T15:00"));
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0"));
    runDueJobs();
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    return emergency;
  }

  private void runOneDueJob() {
    Job job =
        engine.getManagementService().createJobQuery().executable().list().stream()
            .filter(due -> due.getProcessInstanceId() != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no job left to run"));
    engine.getManagementService().executeJob(job.getId());
  }

  /**
   * Answers as an organisation's user, authenticated as the engine REST API authenticates one: its
   * groups and its tenant. The task is found first, as staff see it.
   */
  private void answerAs(String user, String code, boolean agreed, String comment) {
    String taskId = taskOf(code).getId();
    Map<String, Object> answer = new HashMap<>();
    answer.put("agreed", agreed);
    answer.put("comment", comment);
    engine
        .getIdentityService()
        .setAuthentication(user, List.of("participant-" + code, "participants"), List.of(code));
    try {
      engine.getTaskService().complete(taskId, answer);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void answer(String code, boolean agreed, String comment) {
    Map<String, Object> answer = new HashMap<>();
    answer.put("agreed", agreed);
    answer.put("comment", comment);
    engine.getTaskService().complete(taskOf(code).getId(), answer);
  }

  private List<Task> tasks() {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceBusinessKey(RELEASE)
        .taskDefinitionKey(TASK)
        .list();
  }

  private Task taskOf(String code) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceBusinessKey(RELEASE)
        .taskDefinitionKey(TASK)
        .tenantIdIn(code)
        .singleResult();
  }

  private ProcessInstance agreementOf(String code) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("emergencyDeploymentAgreement")
        .tenantIdIn(code)
        .singleResult();
  }

  private List<HistoricProcessInstance> agreementInstances() {
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("emergencyDeploymentAgreement")
        .list();
  }

  private static List<MimeMessage> agreementRequests() {
    return TestMailServer.received().stream()
        .filter(
            mail -> {
              try {
                return mail.getSubject().startsWith("Emergency deployment agreement ");
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
