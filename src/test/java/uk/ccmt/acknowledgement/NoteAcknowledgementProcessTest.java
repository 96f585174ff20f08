package uk.ccmt.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteMailing;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * Acknowledgement of an emergency note (ccmt.notes.acknowledge defaults to emergency): E-D-7's note
 * goes to BGS, NLE and SSE, each with its own one-time link, on Monday 30 November 2026 at 09:00
 * GMT; ccmt.notes.acknowledge-within is two days.
 */
@CcmtTest
class NoteAcknowledgementProcessTest extends ProcessTestSupport {

  private static final String RELEASE = "E-D-7";
  private static final String TASK = "acknowledgeReleaseNote";
  private static final Pattern LINK = Pattern.compile("/acknowledge/([A-Za-z0-9_-]{43})");

  @Autowired ReleaseNoteService notes;
  @Autowired ReleaseNoteMailing mailing;
  @Autowired NoteAcknowledgements acknowledgements;
  @Autowired AcknowledgementLinks oneTimeLinks;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
    given.participant("BGS", "LARGE_SUPPLIER", "trials@bgs.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("SSE", "CHALLENGER", "ops@sse.example", "it@sse.example");
    given.participantNotTakingPart("OUT", "out@out.example");
    given.organisationUser("bgs-trials", "BGS");
    given.releaseManager("rachel");
  }

  @AfterEach
  void nobodyIsAuthenticated() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldAskEachOrganisationAndChaseThoseThatHaveNotAcknowledged() throws Exception {
    long noteId = shareTheEmergencyNote();

    Map<String, String> links = linksByRecipient();
    assertThat(links.keySet())
        .as("each contact of each organisation taking part, once")
        .containsExactlyInAnyOrder(
            "trials@bgs.example", "ops@nle.example", "ops@sse.example", "it@sse.example");
    assertThat(links.get("ops@sse.example"))
        .as("an organisation's contacts share its link")
        .isEqualTo(links.get("it@sse.example"))
        .isNotEqualTo(links.get("ops@nle.example"));
    assertThat(
            jdbc.sql("select token_hash from note_acknowledgement where note_id = ?")
                .param(noteId)
                .query(String.class)
                .list())
        .as("only hashes are stored")
        .hasSize(3)
        .doesNotContainAnyElementsOf(links.values())
        .contains(AcknowledgementTokens.hash(links.get("ops@nle.example")));

    ProcessInstance round = round(noteId);
    runDueJobs();
    List<Task> tasks = engine.getTaskService().createTaskQuery().taskDefinitionKey(TASK).list();
    assertThat(tasks).extracting(Task::getTenantId).containsExactlyInAnyOrder("BGS", "NLE", "SSE");
    Task bgs = taskOf("BGS");
    assertThat(bgs).hasCandidateGroup("participant-BGS");
    assertThat(bgs.getName()).isEqualTo("Acknowledge release note Emergency release note E-D-7");
    assertThat(engine.getTaskService().getVariablesLocal(bgs.getId()))
        .containsEntry("participantName", "Organisation BGS (BGS)")
        .containsEntry("noteTitle", "Emergency release note E-D-7")
        .containsEntry("acknowledgeBy", "Wed 2 Dec 2026 09:00 Europe/London");
    assertThat((String) engine.getTaskService().getVariableLocal(bgs.getId(), "contextNote"))
        .contains("E\\-D\\-7", "/releases/E-D-7#emergency-1");

    assertThatThrownBy(() -> acknowledgeAs("bgs-trials", "BGS", false))
        .hasMessageContaining("acknowledged")
        .hasMessageContaining("must be true");
    assertThat(taskOf("BGS")).as("the task stays open").isNotNull();
    // PRODUCT.md §8 names no variable of acknowledgeReleaseNote: completing it acknowledges
    acknowledgeAs("bgs-trials", "BGS", null);
    assertThat(taskOf("BGS")).as("completed with no variables, the task is done").isNull();
    assertThatThrownBy(() -> oneTimeLinks.preview(links.get("trials@bgs.example")))
        .as("acknowledging in Tasklist uses up the link")
        .isInstanceOfSatisfying(
            LinkRefused.class, e -> assertThat(e.reason()).isEqualTo(LinkRefused.Reason.USED));

    assertThat(oneTimeLinks.preview(links.get("ops@nle.example")).organisation())
        .isEqualTo("Organisation NLE (NLE)");
    ProcessInstance nle = instanceOf("NLE");
    oneTimeLinks.acknowledgeByLink(links.get("ops@nle.example"));
    assertThat(nle).isEnded().hasPassed("EndEvent_AcknowledgedByLink");
    assertThatThrownBy(() -> oneTimeLinks.acknowledgeByLink(links.get("ops@nle.example")))
        .isInstanceOfSatisfying(
            LinkRefused.class, e -> assertThat(e.reason()).isEqualTo(LinkRefused.Reason.USED));
    assertThat(round).isWaitingAt("Task_WaitForAcknowledgements");

    clockAt("2026-12-02T09:00:01Z");
    TestMailServer.purge();
    fireTimer(round, "Timer_AcknowledgementWindowPassed");
    runDueJobs();
    List<MimeMessage> reminders = new java.util.ArrayList<>();
    for (MimeMessage mail : TestMailServer.received()) {
      if (mail.getSubject().startsWith("Reminder: please acknowledge")) {
        reminders.add(mail);
      }
    }
    assertThat(reminders)
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("ops@sse.example", "it@sse.example");
    assertThat(reminders.get(0).getSubject())
        .isEqualTo("Reminder: please acknowledge Emergency release note E-D-7");
    String newLink = token(MailParts.alternativeOf(reminders.get(0)).text());
    assertThatThrownBy(() -> oneTimeLinks.preview(links.get("ops@sse.example")))
        .as("the reminder's link replaces the first")
        .isInstanceOfSatisfying(
            LinkRefused.class, e -> assertThat(e.reason()).isEqualTo(LinkRefused.Reason.UNKNOWN));
    Task chase =
        task(NoteAcknowledgements.businessKey(RELEASE, noteId), "chaseNoteAcknowledgements");
    assertThat(chase).hasCandidateGroup("release-managers");
    assertThat(chase.getName()).isEqualTo("Chase acknowledgements of Emergency release note E-D-7");
    assertThat(
            (String)
                engine.getTaskService().getVariableLocal(chase.getId(), "contextNotAcknowledged"))
        .contains("Organisation SSE \\(SSE\\)")
        .doesNotContain("BGS", "NLE");
    as("rachel", () -> engine.getTaskService().complete(chase.getId()), "release-managers");
    assertThat(round).isWaitingAt("Task_WaitForAcknowledgements").hasPassed("EndEvent_ChaseDone");

    oneTimeLinks.acknowledgeByLink(newLink);
    assertThat(round)
        .isEnded()
        .hasPassed("EndEvent_EveryOrganisationAcknowledged", "EndEvent_RoundEnded");
    assertThat(
            jdbc.sql(
                    """
                    select participant_code || ':' || via || ':' || acknowledged_by || ':' || late
                    from note_acknowledgement where note_id = ? order by participant_code""")
                .param(noteId)
                .query(String.class)
                .list())
        .containsExactly(
            "BGS:TASKLIST:bgs-trials:FALSE", "NLE:LINK:link:FALSE", "SSE:LINK:link:TRUE");
    assertThat(acknowledgements.figuresOf("SSE"))
        .containsEntry("asked", 1L)
        .containsEntry("acknowledged", 1L)
        .containsEntry("byLink", 1L)
        .containsEntry("inTasklist", 0L)
        .containsEntry("late", 1L);
    assertThat(
            jdbc.sql("select count(*) from decision where subject_id = ? and decided_by = 'link'")
                .param(RELEASE)
                .query(Long.class)
                .single())
        .as("each acknowledgement by link is a decision on the record")
        .isEqualTo(2L);
  }

  @Test
  void shouldEndAtOnceWhenEveryOrganisationAcknowledgedByLinkBeforeItsTaskOpened()
      throws Exception {
    long noteId = shareTheEmergencyNote();
    Map<String, String> links = linksByRecipient();
    ProcessInstance round = round(noteId);

    for (String recipient : List.of("trials@bgs.example", "ops@nle.example", "ops@sse.example")) {
      oneTimeLinks.acknowledgeByLink(links.get(recipient));
    }
    runDueJobs();

    assertThat(round).isEnded().hasPassed("EndEvent_AcknowledgedBeforeAsked");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(NoteAcknowledgements.ORGANISATION_PROCESS)
                .count())
        .as("no organisation is asked what it has acknowledged")
        .isZero();
  }

  @Test
  void shouldRefuseForgedMalformedAndExpiredLinksWithoutWritingAnything() throws Exception {
    long noteId = shareTheEmergencyNote();
    Map<String, String> links = linksByRecipient();
    runDueJobs();

    for (String token :
        List.of(
            AcknowledgementTokens.newToken(), "short", "../../etc/passwd", "", "A".repeat(43))) {
      assertThatThrownBy(() -> oneTimeLinks.acknowledgeByLink(token))
          .isInstanceOfSatisfying(
              LinkRefused.class, e -> assertThat(e.reason()).isEqualTo(LinkRefused.Reason.UNKNOWN));
    }
    clockAt("2026-12-14T09:00:00Z");
    assertThatThrownBy(() -> oneTimeLinks.acknowledgeByLink(links.get("ops@nle.example")))
        .isInstanceOfSatisfying(
            LinkRefused.class, e -> assertThat(e.reason()).isEqualTo(LinkRefused.Reason.EXPIRED));
    assertThat(
            jdbc.sql(
                    "select count(*) from note_acknowledgement where note_id = ? and"
                        + " acknowledged_at is not null")
                .param(noteId)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(TASK).count())
        .isEqualTo(3);
  }

  @Test
  void shouldMailAFinalNoteAsBeforeWhenOnlyEmergencyNotesNeedAcknowledgement() {
    given.fixedDefect("D-8", "2.0.0");
    String releaseId = given.weeklyReleaseOfFixedDefects("2026-W49").id();
    ReleaseNote note = notes.createFinal(releaseId);
    mailing.queue(note);
    assertThat(
            jdbc.sql("select distinct message_key from outbound_email where release_id = ?")
                .param(releaseId)
                .query(String.class)
                .list())
        .containsExactly("release-note:" + note.id());
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(NoteAcknowledgements.ROUND_PROCESS)
                .count())
        .isZero();
  }

  private long shareTheEmergencyNote() {
    given.emergencyReleaseLive(RELEASE, "D-7", "3.0.0");
    ReleaseNote note = notes.createEmergency(RELEASE);
    mailing.queue(note);
    mailing.deliver(note.id());
    return note.id();
  }

  /** Each recipient of the note's email, with the token of the link in its text part. */
  private static Map<String, String> linksByRecipient() throws Exception {
    Map<String, String> links = new HashMap<>();
    for (MimeMessage mail : TestMailServer.received()) {
      MailParts.Alternative parts = MailParts.alternativeOf(mail);
      String token = token(parts.text());
      assertThat(parts.html()).contains("/acknowledge/" + token);
      links.put(mail.getAllRecipients()[0].toString(), token);
    }
    return links;
  }

  private static String token(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("a link in %s", text).isTrue();
    return link.group(1);
  }

  private ProcessInstance round(long noteId) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(NoteAcknowledgements.ROUND_PROCESS)
        .variableValueEquals("noteId", noteId)
        .singleResult();
  }

  private Task taskOf(String code) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .taskDefinitionKey(TASK)
        .tenantIdIn(code)
        .singleResult();
  }

  private ProcessInstance instanceOf(String code) {
    String id =
        jdbc.sql("select process_instance_id from note_acknowledgement where participant_code = ?")
            .param(code)
            .query(String.class)
            .single();
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(id)
        .singleResult();
  }

  /** Completes the organisation's task; a null {@code acknowledged} sends no variables at all. */
  private void acknowledgeAs(String user, String code, Boolean acknowledged) {
    String taskId = taskOf(code).getId();
    engine
        .getIdentityService()
        .setAuthentication(user, List.of("participant-" + code, "participants"), List.of(code));
    try {
      engine
          .getTaskService()
          .complete(taskId, acknowledged == null ? Map.of() : Map.of("acknowledged", acknowledged));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
