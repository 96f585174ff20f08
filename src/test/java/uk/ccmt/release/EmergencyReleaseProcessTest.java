package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.note.NoteKind;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.Groups;

/**
 * The emergency release of S1 defect D-7, raised on Monday 30 November 2026 at 09:00 (GMT, so
 * London time equals UTC), with the fix agreed for 15:00 the same day.
 */
@CcmtTest
class EmergencyReleaseProcessTest extends ProcessTestSupport {

  private static final String DEFECT = "D-7";
  private static final String RELEASE = "E-D-7";
  private static final String RAISED_AT = "2026-11-30T09:00:00Z";
  private static final String SCHEDULE = "2026-11-30T15:00";
  private static final Instant SCHEDULED = Instant.parse("2026-11-30T15:00:00Z");

  @Autowired ReleaseService releases;

  @Autowired DeploymentService deployments;

  @Autowired ReleaseNoteService notes;

  @Autowired MockMvc mvc;

  @Autowired ReleaseStarter starter;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt(RAISED_AT);
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
  }

  @Test
  void shouldDeferTheFixToTheRegularReleaseWhenNoImmediateDeploymentIsNeeded() {
    ProcessInstance emergency = raiseS1Defect();
    assertThat(emergency).isWaitingAt("holdReleaseReview").hasBusinessKey(RELEASE);
    assertThat(task(RELEASE, "holdReleaseReview")).hasCandidateGroup("release-managers");
    assertThat(task(RELEASE, "holdReleaseReview").getName())
        .isEqualTo("Hold release review – E-D-7");
    assertThat(defectStatus(DEFECT)).isEqualTo("IN_RELEASE");
    assertThat(releases.get(RELEASE).type()).isEqualTo(ReleaseType.EMERGENCY);

    complete(RELEASE, "holdReleaseReview", Map.of("immediateDeployment", "false"));

    assertThat(emergency).isEnded().hasPassed("Task_DeferFix", "EndEvent_FixDeferred");
    assertThat(status(RELEASE)).isEqualTo("DEFERRED");
    assertThat(defectStatus(DEFECT))
        .as("back on the regular path, waiting for its fix")
        .isEqualTo("RAISED");
    assertThat(
            jdbc.sql("select release_id from defect where id = ?")
                .param(DEFECT)
                .query(String.class)
                .optional())
        .isEmpty();
  }

  @Test
  void shouldDeployTheApprovedFixToCcmtAtTheAgreedTime() throws Exception {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    assertThat(task(RELEASE, "provideEmergencyFix")).hasCandidateGroup("development-team");

    provideFixAndSignItOff("3.0.0");
    assertThat(task(RELEASE, "approveEmergencyFix")).hasCandidateGroup("release-managers");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", "true"));
    runDueJobs();
    stakeholdersAgree();

    assertThat(notesOf(RELEASE))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.kind()).isEqualTo(NoteKind.EMERGENCY);
              assertThat(note.summary()).contains("3.0.0", DEFECT);
            });
    assertThat(mailsButAgreementRequests()).hasSize(1);
    assertThat(task(RELEASE, "confirmStakeholderAgreement")).hasCandidateGroup("release-managers");
    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    assertThat(emergency).isWaitingAt("Timer_DeploymentScheduleReached");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(emergency.getId())
                .timers()
                .singleResult()
                .getDuedate()
                .toInstant())
        .isEqualTo(SCHEDULED);

    clockAt("2026-11-30T15:00:00Z");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");
    runDueJobs();

    assertThat(emergency)
        .isEnded()
        .hasPassed(
            "CallActivity_DeployToLive",
            "Task_CreateDeployedNote",
            "Task_SendDeployedNote",
            "EndEvent_EmergencyFixDeployed");
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
    assertThat(defectStatus(DEFECT)).isEqualTo("RELEASED");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .containsExactly("DEV1", "QAS1", "QAS2", "CCMT");
    assertThat(notesOf(RELEASE))
        .hasSize(2)
        .last()
        .satisfies(
            note -> assertThat(note.title()).isEqualTo("Emergency release note E-D-7, version 2"));
    assertThat(mailsButAgreementRequests())
        .as("the participants are told of the deployment")
        .hasSize(2);
  }

  @Test
  void shouldAskForAnotherFixWhenTheFixIsRefused() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    provideFixAndSignItOff("3.0.0");

    complete(
        RELEASE, "approveEmergencyFix", Map.of("fixApproved", false, "comment", "breaks reads"));
    assertThat(emergency).isWaitingAt("provideEmergencyFix");

    provideFixAndSignItOff("3.0.1");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    stakeholdersAgree();

    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    assertThat(releases.get(RELEASE).buildVersion()).isEqualTo("3.0.1");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::buildVersion)
        .containsExactly("3.0.0", "3.0.0", "3.0.0", "3.0.1", "3.0.1", "3.0.1");
  }

  @Test
  void shouldRefuseTheApprovalOfWhoeverProvidedTheFixAndKeepTheTaskOpen() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    as(
        "dana",
        () -> complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0")),
        Groups.DEVELOPMENT_TEAM,
        Groups.RELEASE_MANAGERS);
    runDueJobs();
    as(
        "tessa",
        () -> complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray())),
        Groups.TEST_TEAM);
    runDueJobs();

    assertThat(
            jdbc.sql(
                    "select provided_by from release_build where release_id = ? and build_version = ?")
                .params(RELEASE, "3.0.0")
                .query(String.class)
                .single())
        .isEqualTo("dana");
    assertThatThrownBy(
            () ->
                as(
                    "dana",
                    () -> complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true)),
                    Groups.RELEASE_MANAGERS))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(
            "fixApproved: you provided build 3.0.0, so another release manager must approve it");
    assertThat(emergency).isWaitingAt("approveEmergencyFix");

    as(
        "rachel",
        () -> complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true)),
        Groups.RELEASE_MANAGERS);
    runDueJobs();
    stakeholdersAgree();
    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
  }

  @Test
  void shouldRefuseTheSignOffOfWhoeverProvidedTheFix() {
    raiseS1Defect();
    agreeImmediateDeployment();
    as(
        "dana",
        () -> complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0")),
        Groups.DEVELOPMENT_TEAM,
        Groups.TEST_TEAM);
    runDueJobs();

    assertThatThrownBy(
            () ->
                as(
                    "dana",
                    () ->
                        complete(
                            RELEASE,
                            "recordInternalTestResults",
                            Map.of("failedDefects", jsonArray())),
                    Groups.TEST_TEAM))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(
            "failedDefects: you provided build 3.0.0, so someone else in the test team must sign"
                + " it off");
    assertThat(hasTask(RELEASE, "recordInternalTestResults")).as("still open").isTrue();
  }

  @Test
  void shouldAskForTwoDistinctApprovalsWhenTwoAreRequiredAndStartAgainAfterARefusal() {
    ProcessInstance emergency = raiseS1Defect();
    engine.getRuntimeService().setVariable(emergency.getId(), "approvalsRequired", 2);
    agreeImmediateDeployment();
    provideFixAndSignItOff("3.0.0");

    approveAs("rachel", true);
    assertThat(emergency).as("one approval of two").isWaitingAt("approveEmergencyFix");
    assertThat(
            engine
                .getFormService()
                .getTaskFormVariables(task(RELEASE, "approveEmergencyFix").getId())
                .keySet())
        .as("the next approver's form has no choice made for them")
        .doesNotContain("fixApproved");
    assertThatThrownBy(() -> approveAs("rachel", true))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(
            "fixApproved: you approved this fix already; 2 distinct release managers must approve"
                + " it");
    assertThat(emergency).isWaitingAt("approveEmergencyFix");

    approveAs("ronan", false);
    assertThat(emergency).as("a refusal asks for another fix").isWaitingAt("provideEmergencyFix");

    provideFixAndSignItOff("3.0.1");
    approveAs("rachel", true);
    assertThat(emergency)
        .as("the count starts again for the new fix")
        .isWaitingAt("approveEmergencyFix");
    approveAs("ronan", true);
    runDueJobs();
    stakeholdersAgree();
    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    assertThat(
            jdbc.sql(
                    """
                    select approved_by from emergency_fix_approval
                    where release_id = ? and voided_at is null order by id""")
                .param(RELEASE)
                .query(String.class)
                .list())
        .containsExactly("rachel", "ronan");
  }

  @Test
  void shouldAskForAnotherFixWhenTheFixFailsInternalTesting() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0"));
    runDueJobs();
    complete(
        RELEASE,
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray(DEFECT), "comment", "still fails"));
    runDueJobs();

    assertThatThrownBy(() -> complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(
            "fixApproved: build 3.0.0 failed internal testing for every defect of E-D-7");
    assertThat(defectStatus(DEFECT)).as("waiting for the emergency's next fix").isEqualTo("RAISED");
    assertThat(
            jdbc.sql("select count(*) from defect where status = 'FIXED' and release_id is null")
                .query(Integer.class)
                .single())
        .as("no weekly collection may take it meanwhile")
        .isZero();
    complete(
        RELEASE, "approveEmergencyFix", Map.of("fixApproved", false, "comment", "breaks reads"));
    provideFixAndSignItOff("3.0.1");

    assertThat(releases.includedDefects(RELEASE))
        .extracting(uk.ccmt.defect.Defect::id)
        .containsExactly(DEFECT);
    assertThat(defectStatus(DEFECT)).isEqualTo("IN_RELEASE");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    stakeholdersAgree();
    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
  }

  @Test
  void shouldAskTheStakeholdersAgainWhenTheReleaseManagersSaySo() {
    ProcessInstance emergency = reachStakeholderAgreement();

    stakeholdersObject();
    assertThat(task(RELEASE, "decideWithoutStakeholderAgreement"))
        .hasCandidateGroup("release-managers");
    complete(RELEASE, "decideWithoutStakeholderAgreement", Map.of("askStakeholdersAgain", "true"));
    runDueJobs();
    assertThat(emergency).isWaitingAt("Gateway_AwaitAnswersOrWindow");
    stakeholdersAgree();
    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");

    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    assertThat(emergency).isWaitingAt("Timer_DeploymentScheduleReached");
  }

  @Test
  void shouldWithdrawTheReleaseWhenTheStakeholdersDoNotAgree() {
    ProcessInstance emergency = reachStakeholderAgreement();

    withdrawForWantOfAgreement();
    runDueJobs();

    assertThat(emergency)
        .isEnded()
        .hasPassed("Task_WithdrawEmergencyRelease", "EndEvent_EmergencyReleaseWithdrawn");
    assertThat(status(RELEASE)).isEqualTo("WITHDRAWN");
    assertThat(defectStatus(DEFECT)).isEqualTo("RAISED");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");
  }

  @Test
  void shouldChaseALateReleaseReviewWithoutStoppingIt() throws Exception {
    ProcessInstance emergency = raiseS1Defect();
    assertThat(task(RELEASE, "holdReleaseReview").getDueDate().toInstant())
        .as("due 4 hours after the defect was raised")
        .isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));

    given.releaseManager("rachel");

    clockAt("2026-11-30T13:00:00Z");
    fireTimer(emergency, "Timer_ReviewDeadline");
    runDueJobs();

    assertThat(mailsButAgreementRequests())
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.getAllRecipients())
                  .extracting(Object::toString)
                  .containsExactly("rachel@programme.example");
              assertThat(mail.getSubject())
                  .isEqualTo("Release review of emergency release E-D-7 is late");
              MailParts.Alternative parts = MailParts.alternativeOf(mail);
              assertThat(parts.text())
                  .startsWith("The release review of emergency release E-D-7 was due at ")
                  .contains(" and has not been held. Testing is stopped by: D-7 – ")
                  .endsWith(". Hold the release review in Tasklist.");
              assertThat(parts.html())
                  .contains(
                      "<strong>E-D-7</strong>",
                      "<li>D-7 – ",
                      "Hold the release review in Tasklist.");
            });
    assertThat(task(RELEASE, "chaseReleaseReview")).hasCandidateGroup("release-managers");
    assertThat(emergency).isWaitingAt("holdReleaseReview", "chaseReleaseReview");
    complete(RELEASE, "chaseReleaseReview", Map.of());
    assertThat(emergency)
        .hasPassed("EndEvent_ReleaseReviewChased")
        .isWaitingAt("holdReleaseReview");
  }

  @Test
  void shouldFixForwardWhenTheEmergencyDeploymentFails() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0-broken"));
    runDueJobs();

    assertThat(task(RELEASE, "correctReleaseErrors")).hasCandidateGroup("development-team");
    complete(RELEASE, "correctReleaseErrors", Map.of("buildVersion", "3.0.1"));
    runDueJobs();
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    stakeholdersAgree();
    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    clockAt("2026-11-30T15:00:00Z");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");
    runDueJobs();

    assertThat(emergency).isEnded().hasPassed("EndEvent_EmergencyFixDeployed");
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
    assertThat(releases.get(RELEASE).buildVersion()).isEqualTo("3.0.1");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment, DeploymentAttempt::buildVersion)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("DEV1", "3.0.0-broken"),
            org.assertj.core.groups.Tuple.tuple("DEV1", "3.0.1"))
        .endsWith(org.assertj.core.groups.Tuple.tuple("CCMT", "3.0.1"));
  }

  @Test
  void shouldRefuseAReviewWithoutAUsableDeploymentSchedule() {
    ProcessInstance emergency = raiseS1Defect();

    assertRefused(Map.of("immediateDeployment", true), "deploymentSchedule: is required");
    assertRefused(
        Map.of("immediateDeployment", true, "deploymentSchedule", " "),
        "deploymentSchedule: is required");
    assertRefused(
        Map.of("immediateDeployment", true, "deploymentSchedule", "next Tuesday"),
        "deploymentSchedule: 'next Tuesday' is not an ISO-8601 date-time");
    assertRefused(
        Map.of("immediateDeployment", true, "deploymentSchedule", "2026-11-30T08:59"),
        "deploymentSchedule: 30 November 2026, 08:59 GMT is in the past");
    assertRefused(
        Map.of(
            "immediateDeployment",
            true,
            "deploymentSchedule",
            Date.from(Instant.parse("2026-11-29T12:00:00Z"))),
        "is in the past");
    assertRefused(Map.of("deploymentSchedule", SCHEDULE), "immediateDeployment: is required");
    assertThat(emergency).isWaitingAt("holdReleaseReview");

    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", "true", "deploymentSchedule", "2026-11-30T16:00:00+01:00"));
    assertThat(emergency).isWaitingAt("provideEmergencyFix");
    assertThat(engine.getRuntimeService().getVariable(emergency.getId(), "deploymentSchedule"))
        .isEqualTo(Date.from(SCHEDULED));
  }

  @Test
  void shouldWithdrawTheReleaseWhenItsPromotionViolatesTheRouteToLive() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0"));
    violateRouteToLive(
        subProcess(RELEASE, "deployRelease"),
        "Task_DeployRelease",
        "Release E-D-7 must pass DEV1 before it can be deployed to QAS1");

    assertThat(emergency)
        .isWaitingAt("reviewRouteToLiveViolation")
        .hasPassed("Error_PromotionRouteViolated");
    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    assertThat(emergency).isEnded().hasPassed("EndEvent_EmergencyReleaseWithdrawn");
    assertThat(status(RELEASE)).isEqualTo("WITHDRAWN");
  }

  @Test
  void shouldWithdrawTheReleaseWhenItsDeploymentToCcmtViolatesTheRouteToLive() {
    ProcessInstance emergency = reachStakeholderAgreement();
    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    // Before the agreed time, the QAS2 sign-off is withdrawn (QAS2 was rebuilt): CCMT must refuse
    // the fix.
    jdbc.sql("update release_environment set passed_at = null where environment = 'QAS2'").update();

    clockAt("2026-11-30T15:00:00Z");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");

    assertThat(emergency)
        .isWaitingAt("reviewRouteToLiveViolation")
        .hasPassed("Error_LiveDeploymentRouteViolated");
    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    runDueJobs();
    assertThat(emergency).isEnded().hasPassed("EndEvent_EmergencyReleaseWithdrawn");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");
  }

  @Test
  void shouldStartOneEmergencyForAnS1DefectThatStopsTestingPostedTwice() throws Exception {
    String manager = given.user("rachel", Groups.RELEASE_MANAGERS);

    postDefect(manager, DEFECT, "S1", true)
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
    postDefect(manager, DEFECT, "S1", true)
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                .isConflict());
    postDefect(manager, "D-8", "S1", false)
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());

    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("emergencyRelease")
                .list())
        .singleElement()
        .satisfies(instance -> assertThat(instance.getBusinessKey()).isEqualTo(RELEASE));
    assertThat(releases.find("E-D-8")).isEmpty();
    assertThat(defectStatus("D-8")).isEqualTo("RAISED");
  }

  @Test
  void shouldRunTwoEmergenciesIndependently() {
    given.s1DefectStoppingTests(DEFECT);
    given.s1DefectStoppingTests("D-8");
    ProcessInstance first = subProcess(RELEASE, "emergencyRelease");
    ProcessInstance second = subProcess("E-D-8", "emergencyRelease");

    complete("E-D-8", "holdReleaseReview", Map.of("immediateDeployment", false));
    agreeImmediateDeployment();

    assertThat(second).isEnded().hasPassed("EndEvent_FixDeferred");
    assertThat(first).isWaitingAt("provideEmergencyFix");
    assertThat(status("E-D-8")).isEqualTo("DEFERRED");
    assertThat(status(RELEASE)).isEqualTo("IN_PROGRESS");
    assertThat(releases.includedDefects(RELEASE))
        .extracting(uk.ccmt.defect.Defect::id)
        .containsExactly(DEFECT);
  }

  @Test
  void shouldFoldTheEmergencyIntoTheFinalNoteOfTheWeeksRegularRelease() {
    // The week's regular release was collected on Monday morning; the emergency lands mid-week.
    clockAt("2026-11-30T08:00:00Z");
    given.fixedDefects("5.0.0", "D-1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    clockAt(RAISED_AT);
    deployEmergencyAtTheAgreedTime(reachStakeholderAgreement());

    clockAt("2026-12-03T10:30:00Z");
    releases.markRunningInLive("R-2026-W49");
    ReleaseNote weekly = notes.createFinal("R-2026-W49");

    assertThat(weekly.summary()).contains("D-1", "Emergency releases included: E-D-7");
    assertThat(weekly.bodyText())
        .contains("E-D-7", "3.0.0", DEFECT, "Defect D-7 stops switching tests");
  }

  /**
   * The weekly release and the emergency are both due in CCMT at Thursday 10:00. CCMT runs one
   * deployment at a time: the emergency waits until the weekly deployment is over, and both records
   * show that order.
   */
  @Test
  void shouldDeployToCcmtAfterAWeeklyDeploymentThatHoldsIt() {
    clockAt("2026-11-30T08:00:00Z");
    given.fixedDefects("5.0.0", "D-1");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess("R-2026-W49", "weeklyRelease");
    clockAt(RAISED_AT);
    fireTimer(week, "Timer_CycleStart");
    complete(
        "R-2026-W49",
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();
    complete("R-2026-W49", "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    complete("R-2026-W49", "confirmReleaseContents", Map.of("contentsConfirmed", true));
    ProcessInstance emergency = raiseS1Defect();
    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", true, "deploymentSchedule", "2026-12-03T10:00"));
    provideFixAndSignItOff("3.0.0");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    stakeholdersAgree();
    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));

    clockAt("2026-12-03T10:00:00Z");
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");
    assertThat(subProcess(RELEASE, "deployRelease")).isWaitingAt("Timer_EnvironmentInUse");
    runDueJobs();
    assertThat(week).isEnded();
    assertThat(emergency).isActive();
    clockAt("2026-12-03T10:05:00Z");
    runDueJobs();

    assertThat(emergency).isEnded().hasPassed("EndEvent_EmergencyFixDeployed");
    DeploymentAttempt weekly = inCcmt("R-2026-W49");
    DeploymentAttempt emergencyAttempt = inCcmt(RELEASE);
    assertThat(emergencyAttempt.startedAt()).isAfterOrEqualTo(weekly.finishedAt());
    assertThat(status("R-2026-W49")).isEqualTo("DEPLOYED");
    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
    assertThat(deployments.environments())
        .filteredOn(env -> env.name().equals("CCMT"))
        .singleElement()
        .satisfies(env -> assertThat(env.releaseId()).isEqualTo(RELEASE));
  }

  @Test
  void shouldStartAnEmergencyFromTheStartFormInTasklist() {
    ProcessInstance emergency =
        submitStartForm(DEFECT, "Nominations rejected for every challenger");

    assertThat(emergency)
        .hasBusinessKey(RELEASE)
        .isWaitingAt("holdReleaseReview")
        .hasPassed("StartEvent_S1DefectRaisedInTasklist", "Task_RaiseS1Defect");
    assertThat(
            jdbc.sql(
                    "select severity || ' ' || stops_testing || ' ' || status from defect where id = ?")
                .param(DEFECT)
                .query(String.class)
                .single())
        .isEqualToIgnoringCase("S1 true IN_RELEASE");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("emergencyRelease")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseAStartFormForADefectThatIsAlreadyRaisedOrHasNoUsableId() {
    given.s1DefectStoppingTests(DEFECT);

    assertThatThrownBy(() -> submitStartForm(DEFECT, "The same defect again"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("defectId")
        .hasMessageContaining("already raised");
    assertThatThrownBy(() -> submitStartForm("D 8", "A defect id with a space"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("defectId");
    assertThatThrownBy(() -> submitStartForm("D-8", " "))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("defectTitle: is required");
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("emergencyRelease")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldRemoveTheReleaseReviewChaseOnceTheReviewIsHeldAndEndTheDeferredRelease() {
    ProcessInstance emergency = raiseS1Defect();
    given.releaseManager("rachel");
    clockAt("2026-11-30T13:00:00Z");
    fireTimer(emergency, "Timer_ReviewDeadline");
    runDueJobs();
    assertThat(hasTask(RELEASE, "chaseReleaseReview")).isTrue();

    complete(RELEASE, "holdReleaseReview", Map.of("immediateDeployment", false));

    assertThat(hasTask(RELEASE, "chaseReleaseReview"))
        .as("the chase ends with the review")
        .isFalse();
    assertThat(emergency)
        .hasPassed("EndEvent_ReviewHeld", "EndEvent_FixDeferred")
        .hasNotPassed("EndEvent_ReleaseReviewChased");
    assertEndedWithNothingLeftOpen(emergency);
    assertThat(status(RELEASE)).isEqualTo("DEFERRED");
  }

  @Test
  void shouldRemoveTheReleaseReviewChaseAndStillDeployTheFixAtTheAgreedTime() {
    ProcessInstance emergency = raiseS1Defect();
    clockAt("2026-11-30T13:00:00Z");
    fireTimer(emergency, "Timer_ReviewDeadline");
    runDueJobs();

    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", true, "deploymentSchedule", SCHEDULE));
    assertThat(hasTask(RELEASE, "chaseReleaseReview")).isFalse();
    provideFixAndSignItOff("3.0.0");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    stakeholdersAgree();
    deployEmergencyAtTheAgreedTime(emergency);

    assertEndedWithNothingLeftOpen(emergency);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceId(emergency.getId())
                .taskDefinitionKey("chaseReleaseReview")
                .singleResult()
                .getEndTime())
        .as("the chase is closed")
        .isNotNull();
  }

  @Test
  void shouldAnnounceTheWithdrawalWithItsReasonOnceTheEmergencyNoteWasShared() throws Exception {
    reachStakeholderAgreement();
    withdrawForWantOfAgreement();
    runDueJobs();

    assertThat(notesOf(RELEASE))
        .filteredOn(note -> note.kind() == NoteKind.WITHDRAWN)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.title()).isEqualTo("Emergency release withdrawn E-D-7");
              assertThat(note.summary())
                  .contains("3.0.0", DEFECT, "the stakeholders did not agree to the deployment");
            });
    assertThat(mailsButAgreementRequests())
        .extracting(jakarta.mail.Message::getSubject)
        .containsExactly("Emergency release note E-D-7", "Emergency release withdrawn E-D-7");
    MailParts.Alternative withdrawal = MailParts.alternativeOf(mailsButAgreementRequests().get(1));
    assertThat(withdrawal.text())
        .contains("is withdrawn: the stakeholders did not agree to the deployment", DEFECT);
    assertThat(withdrawal.html())
        .contains(
            "the stakeholders did not agree to the deployment",
            "http://localhost:8080/releases/E-D-7#withdrawn-1");
  }

  @Test
  void shouldNotAnnounceAWithdrawalBeforeTheEmergencyNoteWasShared() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", "3.0.0"));
    violateRouteToLive(
        subProcess(RELEASE, "deployRelease"),
        "Task_DeployRelease",
        "Release E-D-7 must pass DEV1 before it can be deployed to QAS1");

    complete(RELEASE, "reviewRouteToLiveViolation", Map.of());
    runDueJobs();

    assertThat(emergency)
        .isEnded()
        .hasPassed("Gateway_EmergencyNoteShared", "EndEvent_EmergencyReleaseWithdrawn")
        .hasNotPassed("Task_CreateWithdrawalNote");
    assertThat(notesOf(RELEASE)).isEmpty();
    assertThat(mailsButAgreementRequests()).isEmpty();
    assertThat(releases.cancellation(RELEASE))
        .hasValueSatisfying(
            cancellation -> {
              assertThat(cancellation.reason())
                  .isEqualTo(CancellationReason.ROUTE_TO_LIVE_VIOLATED);
              assertThat(cancellation.detail())
                  .isEqualTo("Release E-D-7 must pass DEV1 before it can be deployed to QAS1");
            });
  }

  @Test
  void shouldShowTheAgreedTimeWhenTheStakeholdersAreAskedAndInTheEmergencyNote() throws Exception {
    reachStakeholderAgreement();

    assertThat(
            engine
                .getTaskService()
                .getVariable(
                    task(RELEASE, "confirmStakeholderAgreement").getId(), "agreedDeploymentTime"))
        .isEqualTo("30 November 2026, 15:00 GMT");
    assertThat(releases.agreedDeploymentTime(RELEASE)).contains(SCHEDULED);
    MailParts.Alternative note = MailParts.alternativeOf(mailsButAgreementRequests().get(0));
    assertThat(note.text()).contains("Agreed deployment to CCMT: 30 November 2026, 15:00 GMT");
    assertThat(note.html()).contains("30 November 2026, 15:00 GMT");
  }

  @Test
  void shouldAgreeANewTimeWhenTheAgreedTimeHasPassedBeforeTheStakeholdersAgree() throws Exception {
    ProcessInstance emergency = reachStakeholderAgreement();
    clockAt("2026-11-30T16:00:00Z");

    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));

    assertThat(emergency)
        .isWaitingAt("agreeNewDeploymentTime")
        .hasNotPassed("Timer_DeploymentScheduleReached");
    assertThat(task(RELEASE, "agreeNewDeploymentTime")).hasCandidateGroup("release-managers");
    assertThat(task(RELEASE, "agreeNewDeploymentTime").getName())
        .isEqualTo("Agree new deployment time – E-D-7");
    assertThatThrownBy(
            () ->
                complete(
                    RELEASE,
                    "agreeNewDeploymentTime",
                    Map.of("deploymentSchedule", "2026-11-30T15:30")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("deploymentSchedule: 30 November 2026, 15:30 GMT is in the past");
    assertThatThrownBy(() -> complete(RELEASE, "agreeNewDeploymentTime", new HashMap<>()))
        .as("without a new time, the passed one is refused")
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("deploymentSchedule: 30 November 2026, 15:00 GMT is in the past");
    assertThat(hasTask(RELEASE, "agreeNewDeploymentTime")).as("the task stays open").isTrue();

    complete(RELEASE, "agreeNewDeploymentTime", Map.of("deploymentSchedule", "2026-12-01T10:00"));
    runDueJobs();
    stakeholdersAgree();

    assertThat(releases.agreedDeploymentTime(RELEASE))
        .contains(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(notesOf(RELEASE))
        .hasSize(2)
        .last()
        .satisfies(
            note -> {
              assertThat(note.title()).isEqualTo("Emergency release note E-D-7, version 2");
              assertThat(note.bodyText())
                  .contains("Agreed deployment to CCMT: 1 December 2026, 10:00 GMT");
            });
    assertThat(mailsButAgreementRequests())
        .extracting(jakarta.mail.Message::getSubject)
        .as("everyone asked is told the new time")
        .containsExactly("Emergency release note E-D-7", "Emergency release note E-D-7, version 2");
    assertThat(
            engine
                .getTaskService()
                .getVariable(
                    task(RELEASE, "confirmStakeholderAgreement").getId(), "agreedDeploymentTime"))
        .isEqualTo("1 December 2026, 10:00 GMT");
    assertThat(deployments.history(RELEASE))
        .extracting(DeploymentAttempt::environment)
        .doesNotContain("CCMT");

    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    assertThat(emergency).isWaitingAt("Timer_DeploymentScheduleReached");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(emergency.getId())
                .timers()
                .singleResult()
                .getDuedate()
                .toInstant())
        .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));

    clockAt("2026-12-01T10:00:00Z");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");
    runDueJobs();

    assertEndedWithNothingLeftOpen(emergency);
    assertThat(emergency)
        .hasPassed(
            "Task_CreateRescheduledEmergencyNote",
            "Task_ShareRescheduledEmergencyNote",
            "EndEvent_EmergencyFixDeployed");
    assertThat(notesOf(RELEASE))
        .hasSize(3)
        .last()
        .satisfies(
            note ->
                assertThat(note.bodyText())
                    .contains(
                        "Deployed to CCMT 1 December 2026, 10:00 GMT; the agreed time was 1 December 2026, 10:00 GMT"));
  }

  /**
   * What Cockpit shows as finished: no open task, no active instance of the release, every one with
   * an end time.
   */
  private void assertEndedWithNothingLeftOpen(ProcessInstance emergency) {
    assertThat(emergency).isEnded();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(RELEASE).list())
        .isEmpty();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .list())
        .as("no emergencyRelease or deployRelease instance of the release is left active")
        .isEmpty();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(RELEASE)
                .list())
        .isNotEmpty()
        .allSatisfy(instance -> assertThat(instance.getEndTime()).isNotNull());
  }

  private ProcessInstance submitStartForm(String defectId, String title) {
    String definition =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey("emergencyRelease")
            .latestVersion()
            .singleResult()
            .getId();
    return engine
        .getFormService()
        .submitStartForm(
            definition,
            new HashMap<>(
                Map.of(
                    "defectId", defectId, "defectTitle", title, "defectComponent", "Switching")));
  }

  private DeploymentAttempt inCcmt(String releaseId) {
    return deployments.history(releaseId).stream()
        .filter(attempt -> attempt.environment().equals("CCMT"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private void deployEmergencyAtTheAgreedTime(ProcessInstance emergency) {
    complete(RELEASE, "confirmStakeholderAgreement", Map.of("stakeholdersAgreed", true));
    clockAt("2026-11-30T15:00:00Z");
    fireTimer(emergency, "Timer_DeploymentScheduleReached");
    runDueJobs();
    assertThat(emergency).isEnded().hasPassed("EndEvent_EmergencyFixDeployed");
  }

  private org.springframework.test.web.servlet.ResultActions postDefect(
      String user, String id, String severity, boolean stopsTesting) throws Exception {
    return mvc.perform(
        post("/api/defects")
            .with(httpBasic(user, TestData.PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"id\":\""
                    + id
                    + "\",\"title\":\"Nominations rejected\",\"severity\":\""
                    + severity
                    + "\",\"stopsTesting\":"
                    + stopsTesting
                    + ",\"component\":\"Switching\",\"raisedBy\":\"Challenger Energy\"}"));
  }

  @Test
  void shouldLeaveNoDefectBehindWhenItsEmergencyCannotStart() {
    engine.getRepositoryService().suspendProcessDefinitionByKey("emergencyRelease");
    try {
      assertThatThrownBy(() -> given.s1DefectStoppingTests(DEFECT)).as("the start is refused");
    } finally {
      engine.getRepositoryService().activateProcessDefinitionByKey("emergencyRelease");
    }

    assertThat(
            jdbc.sql("select count(*) from defect where id = ?")
                .param(DEFECT)
                .query(Long.class)
                .single())
        .as("the raise rolled back with the start it announced")
        .isZero();
    assertThat(releases.find(RELEASE)).isEmpty();
  }

  private void approveAs(String releaseManager, boolean approved) {
    as(
        releaseManager,
        () ->
            complete(
                RELEASE,
                "approveEmergencyFix",
                Map.of("fixApproved", approved, "comment", "four eyes")),
        Groups.RELEASE_MANAGERS);
  }

  private ProcessInstance raiseS1Defect() {
    given.s1DefectStoppingTests(DEFECT);
    return subProcess(RELEASE, "emergencyRelease");
  }

  private void agreeImmediateDeployment() {
    complete(
        RELEASE,
        "holdReleaseReview",
        Map.of("immediateDeployment", "true", "deploymentSchedule", SCHEDULE));
  }

  /** The fix goes through DEV1, QAS1 and QAS2, where the test team signs it off. */
  private void provideFixAndSignItOff(String buildVersion) {
    complete(RELEASE, "provideEmergencyFix", Map.of("buildVersion", buildVersion));
    runDueJobs();
    assertThat(task(RELEASE, "recordInternalTestResults")).hasCandidateGroup("test-team");
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    runDueJobs();
  }

  private ProcessInstance reachStakeholderAgreement() {
    ProcessInstance emergency = raiseS1Defect();
    agreeImmediateDeployment();
    provideFixAndSignItOff("3.0.0");
    complete(RELEASE, "approveEmergencyFix", Map.of("fixApproved", true));
    runDueJobs();
    assertThat(emergency).isWaitingAt("Gateway_AwaitAnswersOrWindow");
    stakeholdersAgree();
    assertThat(emergency).isWaitingAt("confirmStakeholderAgreement");
    return emergency;
  }

  /** BGS, the one organisation taking part, agrees in its own task. */
  /** The release managers record that the stakeholders did not agree: BGS objects. */
  private void stakeholdersObject() {
    complete(
        RELEASE,
        "confirmStakeholderAgreement",
        Map.of("stakeholdersAgreed", false, "comment", "BGS objects"));
  }

  /** BGS objects, and the release managers decide not to ask again: the release is withdrawn. */
  private void withdrawForWantOfAgreement() {
    stakeholdersObject();
    complete(
        RELEASE,
        "decideWithoutStakeholderAgreement",
        Map.of("askStakeholdersAgain", false, "comment", "no agreement"));
  }

  private void stakeholdersAgree() {
    complete(RELEASE, "agreeEmergencyDeployment", Map.of("agreed", true));
  }

  /** The notes and notices mailed, without the agreement requests to the organisations. */
  private static java.util.List<jakarta.mail.internet.MimeMessage> mailsButAgreementRequests() {
    return TestMailServer.received().stream()
        .filter(mail -> !subjectOf(mail).startsWith("Emergency deployment agreement "))
        .toList();
  }

  private static String subjectOf(jakarta.mail.Message mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void assertRefused(Map<String, Object> variables, String message) {
    assertThatThrownBy(() -> complete(RELEASE, "holdReleaseReview", new HashMap<>(variables)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining(message);
    assertThat(hasTask(RELEASE, "holdReleaseReview")).as("the review stays open").isTrue();
  }

  private java.util.List<ReleaseNote> notesOf(String releaseId) {
    return notes.notesOf(releaseId);
  }
}
