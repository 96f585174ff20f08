package uk.ccmt.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * An industry review of the Release Management Plan v1.0, started on Monday 30 November 2026 at
 * 09:00 GMT with comments due Friday 11 December at 17:00: each organisation asked answers in its
 * own documentReviewRequest, the release managers respond to every comment, and the log goes to
 * every organisation asked.
 */
@CcmtTest
class DocumentReviewProcessTest extends ProcessTestSupport {

  private static final String TASK = "reviewDocument";

  @Autowired DocumentReviews reviews;
  @Autowired ReviewReading reading;

  @Autowired ReviewCalendar calendar;

  @Autowired ReviewFigures figures;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
    given.releaseManager("rachel");
  }

  @AfterEach
  void nobodyIsAuthenticated() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldCollectCommentsAndNoCommentsAndPublishTheLogWithItsResponses() throws Exception {
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.participant("CWE", "CHALLENGER", "ops@cwe.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participantNotTakingPart("OUT", "out@out.example");
    String id = start(null);
    ProcessInstance review = reviewInstance(id);
    runDueJobs();

    assertThat(review).isWaitingAt("Gateway_AwaitAnswersOrDeadline");
    assertThat(tasks())
        .extracting(Task::getTenantId)
        .containsExactlyInAnyOrder("BRG", "CWE", "NLE");
    Task nle = taskOf("NLE");
    assertThat(nle).hasCandidateGroup("participant-NLE");
    assertThat(nle.getName())
        .isEqualTo("Review Release Management Plan v1.0 by Fri 11 Dec 2026 17:00 Europe/London");
    assertThat(nle.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-11T17:00:00Z"));
    assertThat(engine.getTaskService().getVariablesLocal(nle.getId()))
        .containsEntry("participantName", "Organisation NLE (NLE)")
        .containsEntry("reviewId", id)
        .containsEntry("reviewDocumentLink", "https://ccmt.example/plan-v1.0.pdf")
        .containsEntry("reviewDeadline", "Fri 11 Dec 2026 17:00 Europe/London");
    List<MimeMessage> requests = mailsWithSubject("Document review " + id + ": Review");
    assertThat(requests)
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("trials@brg.example", "ops@cwe.example", "ops@nle.example");
    MailParts.Alternative request = MailParts.alternativeOf(requests.get(0));
    assertThat(request.text())
        .contains("Release Management Plan", "Fri 11 Dec 2026 17:00 Europe/London", "3.2:");
    assertThat(request.html()).contains("https://ccmt.example/plan-v1.0.pdf");

    assertThatThrownBy(() -> answer("NLE", false, "The freeze window is too short"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comments")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> answer("NLE", false, ""))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comments");
    assertThatThrownBy(() -> answer("BRG", true, "3.2: but we do have one"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comments");
    assertThat(tasks()).as("every task stays open").hasSize(3);

    answer(
        "NLE", false, "3.2: The freeze window should start on the Monday\np. 4: Name the approver");
    answer("BRG", true, null);
    assertThat(review).isWaitingAt("Gateway_AwaitAnswersOrDeadline");
    answer("CWE", false, "Annex A: The RACI misses the test team");

    assertThat(review).hasPassed("Event_EveryOrganisationAnswered", "Task_CloseReview");
    assertThat(review).isWaitingAt("consolidateReviewComments");
    Task consolidate = task(id, "consolidateReviewComments");
    Map<String, Object> form = engine.getTaskService().getVariables(consolidate.getId());
    assertThat(form)
        .containsEntry("responses", "1: noted\n2: noted\n3: noted")
        .containsEntry(
            "reviewTally",
            "3 organisations asked; 3 answered (1 with no comments), 0 did not answer; 3"
                + " comments.");
    assertThat((String) form.get("reviewComments"))
        .contains(
            "1. Organisation NLE (NLE), 3.2: The freeze window should start on the Monday",
            "3. Organisation CWE (CWE), Annex A: The RACI misses the test team");

    assertThatThrownBy(() -> consolidate(id, "1: accepted\n2: rejected\n3: noted"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("responses")
        .hasMessageContaining("line 2")
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> consolidate(id, "1: accepted\n3: noted"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("comment [2]");
    consolidate(id, "1: accepted\n2: rejected the plan names the approver in 5.1\n3: noted");
    runDueJobs();

    assertThat(review).isEnded().hasPassed("Task_EmailCommentLog", "EndEvent_CommentLogPublished");
    assertThat(
            jdbc.sql(
                    """
                    select comment_no || ':' || participant_code || ':' || reference || ':'
                      || response || ':' || coalesce(response_reason, '') || ':' || responded_by
                    from review_comment order by comment_no""")
                .query(String.class)
                .list())
        .containsExactly(
            "1:NLE:3.2:ACCEPTED::rachel",
            "2:NLE:p. 4:REJECTED:the plan names the approver in 5.1:rachel",
            "3:CWE:Annex A:NOTED::rachel");
    List<MimeMessage> logs = mailsWithSubject("Document review " + id + ": comment log");
    assertThat(logs)
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("trials@brg.example", "ops@cwe.example", "ops@nle.example");
    MailParts.Alternative log = MailParts.alternativeOf(logs.get(0));
    assertThat(log.text())
        .contains(
            "1. Organisation NLE (NLE), 3.2: The freeze window should start on the Monday",
            "Response: rejected: the plan names the approver in 5.1",
            "No comments from: Organisation BRG (BRG).");
    assertThat(log.html()).contains("Annex A", "accepted");
    assertThat(reading.status(id, ReviewReading.Viewer.STAFF))
        .extracting(
            ReviewReading.Status::state,
            ReviewReading.Status::asked,
            ReviewReading.Status::answered,
            ReviewReading.Status::noComments,
            ReviewReading.Status::comments)
        .containsExactly("PUBLISHED", 3, 3L, 1L, 3);
    runDueJobs();
    assertThat(mailsWithSubject("Document review " + id)).as("nobody is emailed twice").hasSize(6);
    assertThat(figures.of("NLE"))
        .containsEntry("asked", 1L)
        .containsEntry("answered", 1L)
        .containsEntry("answeredOnTime", 1L)
        .containsEntry("noComments", 0L)
        .containsEntry("comments", 2L);
    assertThat(figures.of("BRG")).containsEntry("noComments", 1L).containsEntry("comments", 0L);
    assertThat(figures.section()).isEqualTo("reviews");
  }

  @Test
  void shouldShowAnOpenReviewsDeadlineInThePublicCalendarUntilItCloses() {
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    String id = start(List.of("NLE"));
    Instant from = Instant.parse("2026-11-30T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    assertThat(calendar.between(from, to))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.uid()).isEqualTo("review-" + id + "-due@localhost");
              assertThat(event.summary())
                  .isEqualTo("Review comments due: Release Management Plan v1.0");
              assertThat(event.start()).isEqualTo(Instant.parse("2026-12-11T17:00:00Z"));
              assertThat(event.description()).doesNotContain("NLE");
            });
    runDueJobs();

    engine
        .getRuntimeService()
        .deleteProcessInstance(reviewInstance(id).getId(), "cancelled in Cockpit");
    assertThat(tasks()).as("no organisation is left with a task").isEmpty();
    assertThat(calendar.between(from, to)).as("closed, so no longer due").isEmpty();
  }

  @Test
  void shouldRemindWhoHasNotAnsweredAndTellTheReleaseManagersAtTheDeadline() throws Exception {
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    String id = start(List.of("BRG", "NLE"));
    ProcessInstance review = reviewInstance(id);
    runDueJobs();
    answer("BRG", true, "");

    clockAt("2026-12-08T17:00:00Z");
    ProcessInstance nle = requestOf("NLE");
    fireTimer(nle, "Timer_ReminderDue");
    runDueJobs();
    assertThat(nle).hasPassed("Task_RemindReviewer", "EndEvent_ReviewerReminded");
    List<MimeMessage> reminders = mailsWithSubject("Reminder: document review " + id);
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).getAllRecipients()[0].toString()).isEqualTo("ops@nle.example");
    assertThat(taskOf("NLE")).as("the reminder leaves the task open").isNotNull();

    clockAt("2026-12-11T17:00:00Z");
    fireTimer(review, "Timer_CommentDeadlinePassed");
    runDueJobs();
    assertThat(review).hasPassed("Task_ReportSilentReviewers", "Task_CloseReview");
    assertThat(review).isWaitingAt("consolidateReviewComments");
    assertThat(tasks()).as("the review closed: no organisation's task is left").isEmpty();
    List<MimeMessage> silence = mailsWithSubject("Document review " + id + ", Release");
    assertThat(silence).hasSize(1);
    assertThat(silence.get(0).getAllRecipients()[0].toString())
        .isEqualTo("rachel@programme.example");
    assertThat(silence.get(0).getSubject()).contains("1 organisation did not answer");
    assertThat(MailParts.alternativeOf(silence.get(0)).text())
        .contains("Organisation NLE (NLE)")
        .doesNotContain("Organisation BRG");

    consolidate(id, "");
    runDueJobs();
    assertThat(review).isEnded();
    assertThat(
            jdbc.sql("select participant_code || ':' || answer from review_request order by 1")
                .query(String.class)
                .list())
        .containsExactly("BRG:NO_COMMENTS", "NLE:NO_ANSWER");
    assertThat(
            MailParts.alternativeOf(
                    mailsWithSubject("Document review " + id + ": comment log").get(0))
                .text())
        .contains("No organisation made a comment.", "No answer from: Organisation NLE (NLE).");
  }

  @Test
  void shouldGoStraightToConsolidationWhenEveryAnswerIsInBeforeTheLastGroupFinishes() {
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    String id = start(List.of("NLE"));
    ProcessInstance review = reviewInstance(id);
    runJobsExceptAt("EndEvent_GroupAsked");
    answer("NLE", true, null);
    runDueJobs();

    assertThat(review).hasPassed("Gateway_EveryOrganisationAnswered");
    assertThat(review).hasNotPassed("Gateway_AwaitAnswersOrDeadline");
    assertThat(review).isWaitingAt("consolidateReviewComments");
  }

  @Test
  void shouldAskSixtyOrganisationsInThreeGroupsEachAJobOfItsOwn() {
    List<String> codes = IntStream.rangeClosed(1, 60).mapToObj(i -> "R" + (100 + i)).toList();
    codes.forEach(code -> given.participant(code, "CHALLENGER", code.toLowerCase() + "@r.example"));
    String id = start(null);
    ProcessInstance review = reviewInstance(id);
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(review.getId())
                .singleResult()
                .getId());

    List<Job> askingSteps =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(review.getId())
            .activityId("Task_AskReviewers")
            .list();
    assertThat(askingSteps).as("one job per group of twenty").hasSize(3);
    runDueJobs();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("documentReviewRequest")
                .processInstanceBusinessKey(id)
                .list())
        .hasSize(60)
        .allSatisfy(instance -> assertThat(codes).contains(instance.getTenantId()));
    assertThat(mailsWithSubject("Document review " + id + ": Review")).hasSize(60);
    assertThat(review).isWaitingAt("Gateway_AwaitAnswersOrDeadline");
  }

  // --- helpers ------------------------------------------------------------------------------

  private String start(List<String> participants) {
    return reviews.start(
        new DocumentReviews.NewReview(
            "Release Management Plan",
            "1.0",
            "https://ccmt.example/plan-v1.0.pdf",
            "2026-12-11",
            participants),
        null,
        "rachel");
  }

  private ProcessInstance reviewInstance(String id) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("documentReview")
        .processInstanceBusinessKey(id)
        .singleResult();
  }

  private ProcessInstance requestOf(String code) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("documentReviewRequest")
        .tenantIdIn(code)
        .singleResult();
  }

  private List<Task> tasks() {
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(TASK).list();
  }

  private Task taskOf(String code) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .taskDefinitionKey(TASK)
        .tenantIdIn(code)
        .singleResult();
  }

  private void answer(String code, boolean noComments, String comments) {
    String user = given.organisationUser(code.toLowerCase() + "-reviewer", code);
    Map<String, Object> values = new HashMap<>();
    values.put("noComments", noComments);
    values.put("comments", comments);
    String taskId = taskOf(code).getId();
    engine
        .getIdentityService()
        .setAuthentication(user, List.of("participant-" + code, "participants"), List.of(code));
    try {
      engine.getTaskService().complete(taskId, values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void consolidate(String id, String responses) {
    String taskId = task(id, "consolidateReviewComments").getId();
    as(
        "rachel",
        () -> engine.getTaskService().complete(taskId, Map.of("responses", responses)),
        "release-managers");
  }

  private void runJobsExceptAt(String activityId) {
    for (int round = 0; round < 100; round++) {
      Set<String> held =
          Set.copyOf(
              engine.getManagementService().createJobQuery().activityId(activityId).list().stream()
                  .map(Job::getId)
                  .toList());
      List<Job> due =
          engine.getManagementService().createJobQuery().executable().list().stream()
              .filter(job -> job.getProcessInstanceId() != null && !held.contains(job.getId()))
              .toList();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
  }

  private static List<MimeMessage> mailsWithSubject(String start) {
    return TestMailServer.received().stream()
        .filter(
            mail -> {
              try {
                return mail.getSubject().startsWith(start);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
