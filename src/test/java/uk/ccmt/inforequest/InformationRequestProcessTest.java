package uk.ccmt.inforequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.inforequest.InformationRequestService.NewCampaign;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/** informationRequestCampaign and informationRequest: one method per path. */
@CcmtTest
class InformationRequestProcessTest extends ProcessTestSupport {

  /** A Monday morning; the campaigns below are due on the Friday after, 17:00 London. */
  private static final String NOW = "2026-12-07T09:00:00Z";

  private static final String DUE_DAY = "2026-12-11";

  @Autowired InformationRequestService requests;

  @Autowired uk.ccmt.participant.ParticipantService participants;

  @BeforeEach
  void twoOrganisations() {
    clockAt(NOW);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example", "switching@brg.example");
    given.participantNotTakingPart("OUT", "nobody@out.example");
    given.releaseManager("rachel");
  }

  @Test
  void shouldAskEveryOrganisationTakingPartForEachTypeAndEmailEachOnce() throws Exception {
    String campaign = start(List.of("CONTACT_DETAILS", "SFTP_INFORMATION"));
    runDueJobs();

    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("provideInformation")
            .orderByTaskName()
            .asc()
            .list();
    assertThat(tasks).hasSize(4);
    assertThat(
            engine.getTaskService().createTaskQuery().taskCandidateGroup("participant-NLE").count())
        .isEqualTo(2);
    assertThat(
            engine.getTaskService().createTaskQuery().taskCandidateGroup("participant-BRG").count())
        .isEqualTo(2);
    Task sftp = task(campaign + "/NLE/SFTP_INFORMATION", "provideInformation");
    assertThat(sftp.getName()).isEqualTo("Provide SFTP information (" + campaign + ")");
    assertThat(sftp.getDueDate().toInstant()).hasToString("2026-12-11T17:00:00Z");
    assertThat(engine.getRuntimeService().getVariables(sftp.getProcessInstanceId()))
        .as("the one variable of a request")
        .containsOnlyKeys("participantCode");
    assertThat(engine.getTaskService().getVariablesLocal(sftp.getId()))
        .as("what its form shows")
        .containsOnlyKeys("participantName", "dueText");
    assertThat(engine.getFormService().getTaskFormData(sftp.getId()).getCamundaFormRef().getKey())
        .isEqualTo("information-request-sftp-information");

    List<MimeMessage> mail = TestMailServer.received();
    assertThat(mail)
        .extracting(message -> message.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder(
            "trials@nle.example", "ops@brg.example", "switching@brg.example");
    assertThat(mail.get(0).getSubject())
        .startsWith("Information request " + campaign + " for ")
        .endsWith(": contact details, SFTP information");
    assertThat(MailParts.textOf(mail.get(0)))
        .contains(
            "by 11 December 2026, 17:00 GMT",
            "  - Contact details",
            "  - SFTP information",
            "/camunda/app/tasklist/");
    assertThat(MailParts.alternativeOf(mail.get(0)))
        .as("HTML with a text alternative")
        .satisfies(
            parts -> {
              assertThat(parts.text().replace("\r\n", "\n"))
                  .contains(
                      "Each item is a task for your organisation in Camunda Tasklist",
                      "  - Contact details\n  - SFTP information\n\n");
              assertThat(parts.html())
                  .contains(
                      "<li>Contact details</li>",
                      "<li>SFTP information</li>",
                      "<strong>11 December 2026, 17:00 GMT</strong>",
                      "/camunda/app/tasklist/\">");
            });
    assertThat(campaignInstance(campaign)).isWaitingAt("Event_LastRequestAnswered");
  }

  @Test
  void shouldOpenALargeCampaignAGroupOfOrganisationsAtATimeTheGroupsSideBySide() {
    for (int i = 0; i < 45; i++) {
      given.participant(String.format("ORG%02d", i), "CHALLENGER", "org" + i + "@example.org");
    }
    String campaign = start(List.of("REGISTRATION_CONFIRMATION"));
    ProcessInstance instance = campaignInstance(campaign);
    startOpeningSteps(instance);

    List<Job> steps = jobsAt(instance, "Task_OpenInformationRequests");
    assertThat(steps).as("47 organisations, 20 per step, every step waiting at once").hasSize(3);
    assertThat(steps).allSatisfy(step -> assertThat(((JobEntity) step).isExclusive()).isFalse());
    // in any order: each step opens its own group
    for (int i = steps.size() - 1; i >= 0; i--) {
      engine.getManagementService().executeJob(steps.get(i).getId());
    }
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("provideInformation")
                .count())
        .isEqualTo(47);
    assertThat(instance).isWaitingAt("Task_EmailInformationRequests");
    assertThat(TestMailServer.received()).isEmpty();

    jobsAt(instance, "Task_EmailInformationRequests")
        .forEach(email -> engine.getManagementService().executeJob(email.getId()));
    assertThat(TestMailServer.received()).hasSize(48);
    List<Job> finishing = jobsAt(instance, "EndEvent_GroupOpen");
    assertThat(finishing)
        .hasSize(3)
        .allSatisfy(job -> assertThat(((JobEntity) job).isExclusive()).isTrue());
    finishing.forEach(job -> engine.getManagementService().executeJob(job.getId()));

    assertThat(instance).isWaitingAt("Event_LastRequestAnswered");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId())
                .activityId("Task_CheckAnswers")
                .count())
        .as("the campaign looks for answers once, after the last group")
        .isEqualTo(1);
  }

  /**
   * A step that runs again, as a retry does after a crash between its commit and its job's end,
   * finds its requests open by business key and opens none twice, nor emails twice.
   */
  @Test
  void shouldOpenNothingTwiceWhenAStepRunsAgain() {
    String campaign = start(List.of("CONTACT_DETAILS", "SFTP_INFORMATION"));
    ProcessInstance instance = campaignInstance(campaign);
    startOpeningSteps(instance);
    Job step = jobsAt(instance, "Task_OpenInformationRequests").get(0);
    engine.getManagementService().executeJob(step.getId());

    requests.openGroup(campaign, 0, 1);
    requests.emailGroup(campaign, 0, 1);
    runDueJobs();

    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("informationRequest")
                .count())
        .isEqualTo(4);
    assertThat(TestMailServer.received()).as("NLE and BRG's contacts, once each").hasSize(3);
    assertThat(instance).isWaitingAt("Event_LastRequestAnswered");
  }

  @Test
  void shouldRecordValidAnswersAndEndTheCampaignWithTheLastOne() {
    String campaign = start(List.of("CONTACT_DETAILS"));
    runDueJobs();

    complete(
        campaign + "/NLE/CONTACT_DETAILS",
        "provideInformation",
        Map.of(
            "contactName",
            "Nia Lewis",
            "contactEmail",
            "nia@nle.example",
            "contactPhone",
            "+44 161 555 0100"));
    assertThat(campaignInstance(campaign)).isWaitingAt("Event_LastRequestAnswered");
    complete(
        campaign + "/BRG/CONTACT_DETAILS",
        "provideInformation",
        Map.of(
            "contactName",
            "Bo Reid",
            "contactEmail",
            "bo@brg.example",
            "contactPhone",
            "020 7946 0000"));

    assertThat(
            jdbc.sql("select count(*) from information_request where state = 'RECEIVED'")
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(
            jdbc.sql(
                    """
            select s.field_value from information_response s join information_request r on r.id = s.request_id
            where r.participant_code = 'NLE' and s.field_name = 'contactEmail'""")
                .query(String.class)
                .single())
        .isEqualTo("nia@nle.example");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(campaign)
                .count())
        .isZero();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("EndEvent_InformationCollected")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldEndACampaignAnsweredBeforeItLooksForAnswers() {
    String campaign =
        requests.start(
            new NewCampaign(List.of("CONTACT_DETAILS"), List.of("NLE"), DUE_DAY), "rachel");
    ProcessInstance instance = campaignInstance(campaign);
    startOpeningSteps(instance);
    engine
        .getManagementService()
        .executeJob(jobsAt(instance, "Task_OpenInformationRequests").get(0).getId());

    complete(
        campaign + "/NLE/CONTACT_DETAILS",
        "provideInformation",
        Map.of(
            "contactName",
            "Nia Lewis",
            "contactEmail",
            "nia@nle.example",
            "contactPhone",
            "+44 161 555 0100"));
    runDueJobs();

    assertThat(instance)
        .isEnded()
        .hasPassed("EndEvent_InformationCollected")
        .hasNotPassed("Event_LastRequestAnswered");
  }

  @Test
  void shouldRefuseAWeakSshKeyAndKeepTheTaskOpenThenAcceptAGoodOne() {
    String campaign = start(List.of("SFTP_INFORMATION"));
    runDueJobs();
    Task task = task(campaign + "/NLE/SFTP_INFORMATION", "provideInformation");

    assertThatThrownBy(
            () ->
                engine
                    .getTaskService()
                    .complete(
                        task.getId(),
                        Map.of(
                            "sftpUsername",
                            "nle-trials",
                            "sshPublicKey",
                            SshKeys.rsaKey(1024),
                            "sourceIpAddresses",
                            "203.0.113.10")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("sshPublicKey")
        .hasMessageContaining("1024");
    assertThat(hasTask(campaign + "/NLE/SFTP_INFORMATION", "provideInformation")).isTrue();
    assertThat(jdbc.sql("select count(*) from information_response").query(Integer.class).single())
        .isZero();

    assertThatThrownBy(
            () ->
                engine
                    .getTaskService()
                    .complete(
                        task.getId(),
                        Map.of(
                            "sftpUsername",
                            "nle-trials",
                            "sshPublicKey",
                            SshKeys.ed25519Key(),
                            "sourceIpAddresses",
                            "203.0.113.0/33")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("sourceIpAddresses");

    engine
        .getTaskService()
        .complete(
            task.getId(),
            Map.of(
                "sftpUsername",
                "nle-trials",
                "sshPublicKey",
                SshKeys.ed25519Key(),
                "sourceIpAddresses",
                "203.0.113.10, 198.51.100.0/24"));
    assertThat(
            jdbc.sql(
                    "select field_value from information_response where field_name = 'sourceIpAddresses'")
                .query(String.class)
                .single())
        .isEqualTo("203.0.113.10\n198.51.100.0/24");
  }

  @Test
  void shouldRemindTheOrganisationTwoDaysBeforeTheDueDateOnce() throws Exception {
    String campaign = start(List.of("API_REGISTRATION"));
    runDueJobs();
    TestMailServer.purge();
    ProcessInstance request = requestInstance(campaign, "NLE", "API_REGISTRATION");

    clockAt("2026-12-09T17:00:00Z");
    fireTimer(request, "Timer_ReminderDue");
    Job sending =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(request.getId())
            .activityId("Task_SendReminder")
            .singleResult();
    engine.getManagementService().executeJob(sending.getId());

    List<MimeMessage> mail = TestMailServer.received();
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).getAllRecipients()[0]).hasToString("trials@nle.example");
    assertThat(mail.get(0).getSubject())
        .isEqualTo(
            "Reminder: information request "
                + campaign
                + ", API registration, is due 11 December 2026, 17:00 GMT");
    assertThat(MailParts.alternativeOf(mail.get(0)))
        .as("HTML with a text alternative")
        .satisfies(
            parts -> {
              assertThat(parts.text().replace("\r\n", "\n"))
                  .contains(
                      "We have not yet received your API registration for the CCMT market trials",
                      "It is due by 11 December 2026, 17:00 GMT. Please provide it in Camunda Tasklist:\n",
                      "/camunda/app/tasklist/");
              assertThat(parts.html())
                  .contains(
                      "<span>API registration</span>",
                      "<strong>11 December 2026, 17:00 GMT</strong>",
                      "/camunda/app/tasklist/\">");
            });
    assertThat(request).hasPassed("EndEvent_ParticipantReminded").isWaitingAt("provideInformation");
    assertThat(
            jdbc.sql("select count(*) from information_request where reminded_at is not null")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldNotRemindARequestOpenedInsideTheReminderWindow() {
    clockAt("2026-12-10T09:00:00Z");
    String campaign = start(List.of("IX_SETUP"));
    runDueJobs();
    TestMailServer.purge();

    runDueJobs();

    ProcessInstance request = requestInstance(campaign, "NLE", "IX_SETUP");
    assertThat(request).hasPassed("Task_SendReminder").isWaitingAt("provideInformation");
    assertThat(TestMailServer.received()).isEmpty();
  }

  @Test
  void shouldEscalateAnOverdueRequestToTheReleaseManagersWithoutClosingIt() throws Exception {
    String campaign = start(List.of("REGISTRATION_CONFIRMATION"));
    runDueJobs();
    TestMailServer.purge();
    ProcessInstance request = requestInstance(campaign, "BRG", "REGISTRATION_CONFIRMATION");

    clockAt("2026-12-11T17:00:01Z");
    fireTimer(request, "Timer_RequestOverdue");
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(request.getId())
                .activityId("Task_ReportOverdueRequest")
                .singleResult()
                .getId());

    assertThat(TestMailServer.received())
        .extracting(MimeMessage::getSubject)
        .containsExactly(
            "Overdue information requests " + campaign + ": 2 not received from 2 organisations");
    assertThat(TestMailServer.received().get(0).getAllRecipients()[0])
        .hasToString("rachel@programme.example");
    assertThat(MailParts.textOf(TestMailServer.received().get(0)))
        .contains(
            "Organisation BRG (BRG): registration confirmation",
            "Organisation NLE (NLE): registration confirmation");
    assertThat(MailParts.alternativeOf(TestMailServer.received().get(0)))
        .as("HTML with a text alternative")
        .satisfies(
            parts -> {
              assertThat(parts.text().replace("\r\n", "\n"))
                  .contains(
                      "  - Organisation BRG (BRG): registration confirmation\n",
                      "\n\nEach is waiting for the release managers in Tasklist as \"Chase overdue information request\".",
                      "The campaign's state: GET /api/information-requests/" + campaign);
              assertThat(parts.html())
                  .contains(
                      "<li>Organisation BRG (BRG): registration confirmation</li>",
                      "<li>Organisation NLE (NLE): registration confirmation</li>")
                  .doesNotContain("more organisations");
            });

    // the other request's escalation sends nothing more: one notice per campaign
    ProcessInstance other = requestInstance(campaign, "NLE", "REGISTRATION_CONFIRMATION");
    fireTimer(other, "Timer_RequestOverdue");
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(other.getId())
                .activityId("Task_ReportOverdueRequest")
                .singleResult()
                .getId());
    assertThat(TestMailServer.received()).hasSize(1);
    assertThat(
            hasTask(campaign + "/NLE/REGISTRATION_CONFIRMATION", "chaseOverdueInformationRequest"))
        .isTrue();
    Task chase =
        task(campaign + "/BRG/REGISTRATION_CONFIRMATION", "chaseOverdueInformationRequest");
    assertThat(chase.getName())
        .isEqualTo("Chase BRG for registration confirmation (" + campaign + ")");
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(chase.getId())
                .taskCandidateGroup("release-managers")
                .count())
        .isEqualTo(1);
    assertThat(request).isWaitingAt("provideInformation", "chaseOverdueInformationRequest");

    engine
        .getTaskService()
        .complete(chase.getId(), Map.of("chaseOutcome", "Bo will confirm on Monday"));
    assertThat(request)
        .hasPassed("EndEvent_OverdueRequestChased")
        .isWaitingAt("provideInformation");

    complete(
        campaign + "/BRG/REGISTRATION_CONFIRMATION",
        "provideInformation",
        Map.of("confirmedBy", "Bo Reid", "registrationConfirmed", true));
    assertThat(request).isEnded().hasPassed("EndEvent_InformationReceived");
  }

  @Test
  void shouldCloseAnOpenChaseWhenTheInformationArrives() {
    String campaign = start(List.of("REGISTRATION_CONFIRMATION"));
    runDueJobs();
    ProcessInstance request = requestInstance(campaign, "NLE", "REGISTRATION_CONFIRMATION");
    clockAt("2026-12-12T09:00:00Z");
    runDueJobs();
    assertThat(request).isWaitingAt("provideInformation", "chaseOverdueInformationRequest");

    complete(
        campaign + "/NLE/REGISTRATION_CONFIRMATION",
        "provideInformation",
        Map.of("confirmedBy", "Nia Lewis", "registrationConfirmed", "true"));

    assertThat(request).isEnded();
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("chaseOverdueInformationRequest")
                .processInstanceId(request.getId())
                .count())
        .isZero();
  }

  @Test
  void shouldRemoveTheOverdueChaseWhenTheRequestIsAnsweredAndEndTheCampaignWithTheLastAnswer() {
    String campaign = start(List.of("REGISTRATION_CONFIRMATION"));
    runDueJobs();
    clockAt("2026-12-12T09:00:00Z");
    runDueJobs();
    assertThat(
            hasTask(campaign + "/NLE/REGISTRATION_CONFIRMATION", "chaseOverdueInformationRequest"))
        .isTrue();
    assertThat(
            hasTask(campaign + "/BRG/REGISTRATION_CONFIRMATION", "chaseOverdueInformationRequest"))
        .isTrue();

    complete(
        campaign + "/NLE/REGISTRATION_CONFIRMATION",
        "provideInformation",
        Map.of("confirmedBy", "Nia Lewis", "registrationConfirmed", true));
    complete(
        campaign + "/BRG/REGISTRATION_CONFIRMATION",
        "provideInformation",
        Map.of("confirmedBy", "Bo Reid", "registrationConfirmed", true));

    assertThat(engine.getTaskService().createTaskQuery().count()).as("tasks left open").isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
        .as("instances left running")
        .isZero();
    assertThat(engine.getManagementService().createJobQuery().list())
        .noneMatch(job -> job.getProcessInstanceId() != null);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("EndEvent_InformationReceived")
                .count())
        .isEqualTo(2);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId("EndEvent_InformationCollected")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldDropAPendingReminderAndOverdueReportWhenTheRequestIsAnsweredFirst() {
    String campaign = start(List.of("CONTACT_DETAILS"));
    runDueJobs();
    ProcessInstance request = requestInstance(campaign, "NLE", "CONTACT_DETAILS");
    clockAt("2026-12-11T17:00:01Z");
    fireTimer(request, "Timer_ReminderDue");
    fireTimer(request, "Timer_RequestOverdue");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(request.getId())
                .count())
        .isEqualTo(2);

    complete(
        campaign + "/NLE/CONTACT_DETAILS",
        "provideInformation",
        Map.of(
            "contactName",
            "Nia Lewis",
            "contactEmail",
            "nia@nle.example",
            "contactPhone",
            "+44 161 555 0100"));

    assertThat(request)
        .isEnded()
        .hasPassed("EndEvent_InformationReceived")
        .hasNotPassed("Task_ReportOverdueRequest", "chaseOverdueInformationRequest");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(request.getId())
                .count())
        .isZero();
    assertThat(hasTask(campaign + "/NLE/CONTACT_DETAILS", "chaseOverdueInformationRequest"))
        .isFalse();
  }

  @Test
  void shouldKeepEveryTextVariableOfALargeCampaignWithinAThousandCharacters() {
    for (int i = 0; i < 30; i++) {
      String code = String.format("ORGANISATIONCODE%04d", i);
      participants.register(
          new uk.ccmt.participant.ParticipantService.NewParticipant(
              code,
              ("Organisation " + code + " ").repeat(10).substring(0, 200),
              "CHALLENGER",
              "Region " + (i % 7),
              List.of("trials@" + code.toLowerCase(java.util.Locale.ROOT) + ".example"),
              true));
    }
    String campaign = start(List.of("CONTACT_DETAILS", "SFTP_INFORMATION"));
    runEveryDueJob();
    clockAt("2026-12-11T17:00:01Z");
    runEveryDueJob();

    Task chase =
        task(campaign + "/ORGANISATIONCODE0017/SFTP_INFORMATION", "chaseOverdueInformationRequest");
    assertThat(engine.getFormService().getTaskFormData(chase.getId()).getCamundaFormRef().getKey())
        .isEqualTo("chaseOverdueInformationRequest");
    assertThat(
            engine
                .getFormService()
                .getTaskFormVariables(chase.getId())
                .getValue("participantName", String.class))
        .startsWith("Organisation ORGANISATIONCODE0017")
        .endsWith("(ORGANISATIONCODE0017)");
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("chaseOverdueInformationRequest")
                .count())
        .as("30 organisations and NLE and BRG, two types each")
        .isEqualTo(64);
    assertThat(textVariablesOverTheExcerptLimit())
        .as("text variables over 1,000 characters")
        .isEmpty();
  }

  @Test
  void shouldShowEachRequestOutstandingReceivedOrOverdue() {
    String campaign = start(List.of("CONTACT_DETAILS"));
    runDueJobs();
    complete(
        campaign + "/NLE/CONTACT_DETAILS",
        "provideInformation",
        Map.of(
            "contactName",
            "Nia Lewis",
            "contactEmail",
            "nia@nle.example",
            "contactPhone",
            "+44 161 555 0100"));
    InformationRequestService.Viewer releaseManager =
        new InformationRequestService.Viewer(true, List.of());

    var beforeDue = requests.status(campaign, releaseManager);
    assertThat(beforeDue.received()).isEqualTo(1);
    assertThat(beforeDue.outstanding()).isEqualTo(1);
    assertThat(beforeDue.overdue()).isZero();

    clockAt("2026-12-11T17:00:00Z");
    var atDue = requests.status(campaign, releaseManager);
    assertThat(atDue.participants())
        .extracting(
            organisation -> organisation.code() + ":" + organisation.requests().get(0).state())
        .containsExactly("BRG:OVERDUE", "NLE:RECEIVED");
    assertThat(atDue.participants().get(1).requests().get(0).values())
        .containsEntry("contactName", "Nia Lewis")
        .containsEntry("contactPhone", "+44 161 555 0100");

    var brgOnly =
        requests.status(campaign, new InformationRequestService.Viewer(false, List.of("BRG")));
    assertThat(brgOnly.participants())
        .extracting(organisation -> organisation.code())
        .containsExactly("BRG");
    assertThat(brgOnly.requests()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                requests.status(
                    campaign, new InformationRequestService.Viewer(false, List.of("OUT"))))
        .isInstanceOf(uk.ccmt.system.NotFoundException.class);
  }

  @Test
  void shouldRecordAnAnswerForItsOwnRequestWhateverVariablesTheOrganisationSends() {
    String campaign = start(List.of("REGISTRATION_CONFIRMATION"));
    runDueJobs();
    ProcessInstance brg = requestInstance(campaign, "BRG", "REGISTRATION_CONFIRMATION");
    Long brgRequestId =
        jdbc.sql("select id from information_request where participant_code = 'BRG'")
            .query(Long.class)
            .single();
    Task nle = task(campaign + "/NLE/REGISTRATION_CONFIRMATION", "provideInformation");

    engine.getTaskService().setVariable(nle.getId(), "campaignId", "IR-999");
    engine
        .getTaskService()
        .complete(
            nle.getId(),
            Map.of(
                "confirmedBy",
                "Nia Lewis",
                "registrationConfirmed",
                true,
                "requestId",
                brgRequestId,
                "requestType",
                "SFTP_INFORMATION"));

    assertThat(
            jdbc.sql(
                    "select participant_code || ':' || state from information_request order by participant_code")
                .query(String.class)
                .list())
        .containsExactly("BRG:OUTSTANDING", "NLE:RECEIVED");
    assertThat(brg).isWaitingAt("provideInformation");
  }

  /** Every job due now, however many: a large campaign has more than runDueJobs takes at once. */
  private void runEveryDueJob() {
    List<Job> due = engine.getManagementService().createJobQuery().executable().list();
    while (!due.isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
      due = engine.getManagementService().createJobQuery().executable().list();
    }
  }

  private String start(List<String> types) {
    return requests.start(new NewCampaign(types, null, DUE_DAY), "rachel");
  }

  private ProcessInstance campaignInstance(String campaign) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("informationRequestCampaign")
        .processInstanceBusinessKey(campaign)
        .singleResult();
  }

  private ProcessInstance requestInstance(String campaign, String code, String type) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(campaign + "/" + code + "/" + type)
        .singleResult();
  }

  /** Runs the campaign's first job, which splits it into its opening steps. */
  private void startOpeningSteps(ProcessInstance campaign) {
    Job split =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(campaign.getId())
            .singleResult();
    assertThat(split.getJobDefinitionId()).isNotNull();
    assertThat(
            engine
                .getManagementService()
                .createJobDefinitionQuery()
                .jobDefinitionId(split.getJobDefinitionId())
                .singleResult()
                .getActivityId())
        .startsWith("SubProcess_OpenRequestsByGroup");
    engine.getManagementService().executeJob(split.getId());
  }

  private List<Job> jobsAt(ProcessInstance campaign, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(campaign.getId())
        .activityId(activityId)
        .list();
  }
}
