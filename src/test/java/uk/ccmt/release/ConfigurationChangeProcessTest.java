package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.defect.DefectService.NewChange;
import uk.ccmt.defect.DefectStatus;
import uk.ccmt.defect.ItemKind;
import uk.ccmt.note.NoteKind;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;

/**
 * Configuration changes (issue 15, item 2) ride the weekly release of 2026-W49 like fixed defects:
 * a candidate at once, reviewed under their own heading, left out or failed like a defect, and
 * listed under "Configuration changes" in the provisional and final notes, by email too.
 */
@CcmtTest
class ConfigurationChangeProcessTest extends ProcessTestSupport {

  private static final String RELEASE = "R-2026-W49";

  @Autowired ReleaseStarter starter;

  @Autowired DefectService defects;

  @Autowired ReleaseNoteService notes;

  @BeforeEach
  void aParticipantAndAMondayMorning() {
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    clockAt("2026-11-30T08:00:00Z");
  }

  @Test
  void shouldReleaseAWeekOfOnlyAConfigurationChangeWithItsOwnHeadingInTheNotes() throws Exception {
    Defect change = change("Load the December tariff reference data", "7.2.0-refdata");
    String id = change.id();
    assertThat(id).matches("C-[0-9]+");
    long number = Long.parseLong(id.substring(2));
    assertThat(change.kind()).isEqualTo(ItemKind.CONFIGURATION);
    assertThat(change.severity()).as("a configuration change has no severity").isNull();
    assertThat(defects.candidates()).extracting(Defect::id).containsExactly(id);
    Defect next = change("Set the switching window to 5 days", "7.2.0-refdata");
    assertThat(next.id()).as("numbered in turn").isEqualTo("C-" + (number + 1));
    jdbc.sql("delete from defect where id = ?").param(next.id()).update();

    ProcessInstance week = startWeek();
    reachReview(week);

    assertThat(week)
        .as("a week with only a configuration change runs")
        .isWaitingAt("reviewReleaseContents");
    String review = task(RELEASE, "reviewReleaseContents").getId();
    assertThat(engine.getTaskService().getVariable(review, "buildVersion"))
        .isEqualTo("7.2.0-refdata");
    assertThat(String.valueOf(engine.getTaskService().getVariable(review, "contextDefects")))
        .contains("**Defects proposed for R-2026-W49:** none")
        .contains("**Configuration changes:**")
        .contains(
            "**" + escaped(id) + "** Load the December tariff reference data (configuration change")
        .doesNotContain("severity");
    assertThat(String.valueOf(engine.getTaskService().getVariable(review, "defectChoices")))
        .contains(id, "configuration change");

    TestMailServer.purge();
    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "7.2.0-refdata"));
    runDueJobs();

    ReleaseNote provisional = single(NoteKind.PROVISIONAL);
    assertThat(provisional.summary()).contains("no defects", "1 configuration change: " + id);
    assertThat(provisional.bodyHtml())
        .contains("<h3>Configuration changes</h3>", id, "7.2.0-refdata", "Reference data");
    assertThat(provisional.bodyText())
        .contains("Configuration changes:\n- " + id + ": Load the December tariff reference data");
    MailParts.Alternative mail = onlyMail("Provisional release note R-2026-W49");
    assertThat(mail.html()).contains("<h3>Configuration changes</h3>", id);
    assertThat(mail.text()).contains("Configuration changes:", id);

    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    assertThat(
            String.valueOf(
                engine
                    .getTaskService()
                    .getVariable(
                        task(RELEASE, "confirmReleaseContents").getId(), "contextDefects")))
        .contains("**Configuration changes:**", "**" + escaped(id) + "**");
    TestMailServer.purge();
    deployOnThursday(week);

    assertThat(status(RELEASE)).isEqualTo("DEPLOYED");
    assertThat(defectStatus(id)).isEqualTo("RELEASED");
    ReleaseNote finalNote = single(NoteKind.FINAL);
    assertThat(finalNote.bodyHtml())
        .contains("<h3>Configuration changes</h3>", "Load the December tariff reference data");
    assertThat(finalNote.bodyText()).contains("Configuration changes:\n- " + id + ":");
    MailParts.Alternative finalMail = onlyMail("Final release note R-2026-W49");
    assertThat(finalMail.html()).contains("<h3>Configuration changes</h3>", id);
    assertThat(finalMail.text()).contains("Configuration changes:", id);
  }

  @Test
  void shouldLeaveAConfigurationChangeOutAtTheReviewLikeADefect() {
    given.fixedDefects("5.0.0", "D-1");
    String id = change("Raise the switching window parameter", "5.0.0-config").id();
    ProcessInstance week = startWeek();
    reachReview(week);

    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of(
            "excludedDefects",
            jsonArray(id),
            "buildVersion",
            "5.0.0",
            "comment",
            "the parameter waits for next week"));
    runDueJobs();

    assertThat(defectStatus(id)).as("a candidate again").isEqualTo("FIXED");
    ReleaseNote provisional = single(NoteKind.PROVISIONAL);
    assertThat(provisional.bodyHtml()).contains("D-1").doesNotContain("Configuration changes");
    complete(RELEASE, "recordInternalTestResults", Map.of("failedDefects", jsonArray()));
    deployOnThursday(week);
    assertThat(single(NoteKind.FINAL).bodyText())
        .contains("removed from this release", id, "left out at the release review")
        .doesNotContain("Configuration changes:\n");
  }

  @Test
  void shouldTakeAConfigurationChangeThatFailsInternalTestingOutOfTheRelease() {
    given.fixedDefects("5.0.0", "D-1");
    String id = change("Load meter point reference data", "5.0.0-refdata").id();
    ProcessInstance week = startWeek();
    reachReview(week);
    complete(
        RELEASE,
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();
    assertThat(single(NoteKind.PROVISIONAL).bodyText())
        .contains("Configuration changes:\n- " + id + ": Load meter point reference data");

    complete(
        RELEASE,
        "recordInternalTestResults",
        Map.of("failedDefects", jsonArray(id), "comment", "the load rejects 12 rows"));
    assertThat(
            String.valueOf(
                engine
                    .getTaskService()
                    .getVariable(
                        task(RELEASE, "confirmReleaseContents").getId(), "contextRemoved")))
        .contains("**" + escaped(id) + "**", "configuration change", "failed internal testing");
    deployOnThursday(week);

    assertThat(defectStatus("D-1")).isEqualTo("RELEASED");
    assertThat(defectStatus(id))
        .as("like a defect, it waits for a new build or package")
        .isEqualTo("RAISED");
    assertThat(single(NoteKind.FINAL).bodyText())
        .contains(id, "failed internal testing")
        .doesNotContain("Configuration changes:\n");

    // its next package makes it a candidate with that build
    Defect again = defects.deliverFix(id, "5.0.1-refdata");
    assertThat(again.buildVersion()).isEqualTo("5.0.1-refdata");
    assertThat(again.status()).as("a candidate again").isEqualTo(DefectStatus.FIXED);
  }

  /** As the forms' Markdown shows an id. */
  private static String escaped(String id) {
    return id.replace("-", "\\-");
  }

  private Defect change(String title, String build) {
    return defects.createChange(
        new NewChange(null, title, "Reference data", build, "Loaded by the data team"), "devon");
  }

  private ProcessInstance startWeek() {
    starter.startWeekly("2026-W49");
    return subProcess(RELEASE, "weeklyRelease");
  }

  private void reachReview(ProcessInstance week) {
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
  }

  private void deployOnThursday(ProcessInstance week) {
    complete(RELEASE, "confirmReleaseContents", Map.of("contentsConfirmed", true));
    clockAt("2026-12-03T10:00:00Z");
    fireTimer(week, "Timer_ThursdayDeploymentSlot");
    runDueJobs();
    assertThat(week).hasPassed("EndEvent_ReleaseDeployed");
  }

  private ReleaseNote single(NoteKind kind) {
    List<ReleaseNote> ofKind =
        notes.notesOf(RELEASE).stream().filter(note -> note.kind() == kind).toList();
    assertThat(ofKind).hasSize(1);
    return ofKind.get(0);
  }

  private static MailParts.Alternative onlyMail(String subject) throws Exception {
    List<MimeMessage> received =
        TestMailServer.received().stream()
            .filter(
                message -> {
                  try {
                    return subject.equals(message.getSubject());
                  } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(received).as("emails titled %s", subject).hasSize(1);
    return MailParts.alternativeOf(received.get(0));
  }
}
