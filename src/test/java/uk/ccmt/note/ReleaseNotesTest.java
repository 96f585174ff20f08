package uk.ccmt.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * What each kind of note tells participants, rendered once and kept as it was sent. Week 2026-W49.
 */
@CcmtTest
class ReleaseNotesTest extends ProcessTestSupport {

  private static final String RELEASE = "R-2026-W49";
  private static final String HOSTILE_TITLE =
      "<script>alert(1)</script> and \"quotes\" & ampersands";

  @Autowired ReleaseNoteService notes;

  @Autowired ReleaseService releases;

  @Autowired DeploymentService deployments;

  @BeforeEach
  void itIsMondayMorning() {
    clockAt("2026-11-30T09:00:00Z");
  }

  @Test
  void shouldListTheCandidateDefectsInTheProvisionalNote() {
    given.fixedDefect("D-1", "5.0.0");
    given.fixedDefect("D-2", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");

    ReleaseNote note = notes.createProvisional(RELEASE);

    assertThat(note.kind()).isEqualTo(NoteKind.PROVISIONAL);
    assertThat(note.version()).isEqualTo(1);
    assertThat(note.title()).isEqualTo("Provisional release note R-2026-W49");
    for (String body : List.of(note.bodyHtml(), note.bodyText())) {
      assertThat(body)
          .contains(
              RELEASE,
              "Thursday 3 December 2026",
              "5.0.1",
              "D-1",
              "Defect D-1 found in market trials",
              "D-2",
              "S2",
              "Switching",
              "Test participant",
              "http://localhost:8080/releases/R-2026-W49#provisional-1");
    }
    assertThat(note.bodyHtml())
        .startsWith("<article")
        .contains("href=\"http://localhost:8080/releases/R-2026-W49#provisional-1\"");
    assertThat(note.summary()).contains("5.0.1", "Thursday 3 December 2026", "D-1, D-2");
    assertThat(notes.find(note.id())).contains(note);
  }

  @Test
  void shouldListConfigurationChangesUnderTheirOwnHeadingEscaped() {
    given.fixedDefect("D-1", "5.0.0");
    given.configurationChange("C-1", HOSTILE_TITLE, "5.0.0-refdata");
    given.weeklyReleaseOfFixedDefects("2026-W49");

    ReleaseNote note = notes.createProvisional(RELEASE);

    assertThat(note.bodyHtml())
        .contains("<h3>Defects</h3>", "<h3>Configuration changes</h3>", "5.0.0-refdata")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(note.bodyHtml().indexOf("D-1"))
        .as("the defect is listed before the heading of the changes")
        .isLessThan(note.bodyHtml().indexOf("Configuration changes</h3>"));
    assertThat(note.bodyText())
        .contains(
            "Candidate defects:\n- D-1:",
            "Configuration changes:\n- C-1: " + HOSTILE_TITLE,
            "Component Reference data, build or package 5.0.0-refdata");
    assertThat(note.bodyText()).doesNotContain("Severity not given");
    assertThat(note.summary()).contains("1 defect: D-1; 1 configuration change: C-1");
  }

  @Test
  void shouldFoldTheEmergencyReleasesSinceTheLastRegularReleaseIntoTheFinalNote() {
    // Given an emergency before the last regular release, which that release's note already covered
    clockAt("2026-11-19T12:00:00Z");
    given.emergencyReleaseLive("E-D-5", "D-5", "4.9.1");
    // and the last regular release, live on Thursday of week 48
    clockAt("2026-11-23T09:00:00Z");
    given.fixedDefect("D-0", "4.9.2");
    given.weeklyReleaseOfFixedDefects("2026-W48");
    clockAt("2026-11-26T10:30:00Z");
    releases.markRunningInLive("R-2026-W48");
    // and an emergency release live the day after
    clockAt("2026-11-27T15:00:00Z");
    given.emergencyReleaseLive("E-D-9", "D-9", "5.0.0-hotfix");
    // and this week's release: D-3 left out at the review, D-2 failing internal testing
    clockAt("2026-11-30T09:00:00Z");
    given.fixedDefects("5.0.1", "D-1", "D-2", "D-3");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    releases.applyReview(RELEASE, List.of("D-3"), "5.0.1-broken");
    releases.removeFailedDefects(RELEASE, List.of("D-2"));
    // and a deployment to CCMT that failed, then went through with the corrected build
    clockAt("2026-12-03T10:00:00Z");
    assertThat(deployments.deploy(RELEASE, "CCMT", "notes-test-ccmt-1").succeeded()).isFalse();
    releases.changeBuild(RELEASE, "5.0.1", "a corrected build");
    clockAt("2026-12-03T10:20:00Z");
    assertThat(deployments.deploy(RELEASE, "CCMT", "notes-test-ccmt-2").succeeded()).isTrue();
    assertThat(deployments.smokeTest(RELEASE, "CCMT", "notes-test-ccmt-2").succeeded()).isTrue();
    releases.markRunningInLive(RELEASE);

    // When
    ReleaseNote note = notes.createFinal(RELEASE);

    // Then
    assertThat(note.title()).isEqualTo("Final release note R-2026-W49");
    for (String body : List.of(note.bodyHtml(), note.bodyText())) {
      assertThat(body)
          .as("this release's defect")
          .contains("D-1", "Defect D-1 found in market trials")
          .as("the removed defects and why")
          .contains("D-3", "left out at the release review", "D-2", "failed internal testing")
          .as("the emergency since the last regular release")
          .contains(
              "E-D-9",
              "5.0.0-hotfix",
              "D-9",
              "Defect D-9 stops switching tests",
              "S1",
              "Challenger Energy")
          .as("an emergency the last regular note covered")
          .doesNotContain("E-D-5", "D-5")
          .as("the last regular release's own defects")
          .doesNotContain("D-0")
          .as("the deployment to CCMT")
          .contains(
              "5.0.1-broken",
              "deployment failed",
              "deployed, smoke tests passed",
              "3 December 2026, 10:20 GMT");
    }
    assertThat(note.bodyText())
        .contains(
            "Attempt 1, build 5.0.1-broken: deployment failed",
            "Attempt 2, build 5.0.1: deployed, smoke tests passed");
    assertThat(note.summary())
        .contains(
            "D-1",
            "Removed: D-3, D-2",
            "Emergency releases included: E-D-9",
            "CCMT: deployed, smoke tests passed");
  }

  @Test
  void shouldRenderTheEmergencyNoteWithTheDefectItFixes() {
    given.s1DefectStoppingTests("D-9");
    releases.changeBuild("E-D-9", "5.0.2", "a corrected build");

    ReleaseNote note = notes.createEmergency("E-D-9");

    assertThat(note.kind()).isEqualTo(NoteKind.EMERGENCY);
    assertThat(note.title()).isEqualTo("Emergency release note E-D-9");
    for (String body : List.of(note.bodyHtml(), note.bodyText())) {
      assertThat(body)
          .contains(
              "E-D-9",
              "5.0.2",
              "D-9",
              "Defect D-9 stops switching tests",
              "S1",
              "Switching",
              "Challenger Energy",
              "next regular final release note",
              "http://localhost:8080/releases/E-D-9#emergency-1");
    }
  }

  @Test
  void shouldTellParticipantsWhenThereIsNoReleaseThisWeek() {
    releases.registerWeekly(ReleaseWeek.parse("2026-W49"), null);
    releases.recordNoRelease(RELEASE);

    ReleaseNote note = notes.createNoReleaseNotice(RELEASE);

    assertThat(note.kind()).isEqualTo(NoteKind.NO_RELEASE);
    assertThat(note.title()).isEqualTo("No release this week – R-2026-W49");
    for (String body : List.of(note.bodyHtml(), note.bodyText())) {
      assertThat(body)
          .contains(
              "no release on",
              "Thursday 3 December 2026",
              "2026-W49",
              "http://localhost:8080/releases/R-2026-W49#no-release-1");
    }
  }

  @Test
  void shouldSupersedeAProvisionalNoteWithALaterVersionAndKeepBoth() {
    given.fixedDefects("5.0.1", "D-1", "D-2");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    ReleaseNote first = notes.createProvisional(RELEASE);
    releases.applyReview(RELEASE, List.of("D-2"), "5.0.2");

    ReleaseNote second = notes.createProvisional(RELEASE);

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.title()).isEqualTo("Provisional release note R-2026-W49, version 2");
    assertThat(second.bodyText())
        .contains("This is version 2 of this note", "5.0.2", "D-1")
        .doesNotContain("D-2");
    assertThat(notes.notesOf(RELEASE)).containsExactly(first, second);
    assertThat(notes.find(first.id()))
        .get()
        .satisfies(kept -> assertThat(kept.bodyText()).contains("D-2"));
  }

  @Test
  void shouldKeepANoteAsItWasSentWhenTheReleaseChangesLater() {
    given.fixedDefect("D-1", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    ReleaseNote sent = notes.createProvisional(RELEASE);

    releases.changeBuild(RELEASE, "9.9.9", "a corrected build");

    assertThat(notes.find(sent.id()))
        .get()
        .satisfies(
            kept -> {
              assertThat(kept.bodyHtml())
                  .isEqualTo(sent.bodyHtml())
                  .contains("5.0.1")
                  .doesNotContain("9.9.9");
              assertThat(kept.bodyText()).isEqualTo(sent.bodyText());
            });
  }

  @Test
  void shouldEscapeMarkupInADefectTitleInTheStoredHtml() {
    given.fixedDefectTitled("D-1", HOSTILE_TITLE, "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");

    List<ReleaseNote> written =
        List.of(notes.createProvisional(RELEASE), notes.createFinal(RELEASE));

    assertThat(written)
        .allSatisfy(
            note -> {
              assertThat(note.bodyHtml())
                  .doesNotContain("<script>")
                  .contains(
                      "&lt;script&gt;alert(1)&lt;/script&gt;",
                      "&quot;quotes&quot; &amp; ampersands");
              assertThat(note.bodyText())
                  .as("plain text is not HTML: the title reads as typed")
                  .contains(HOSTILE_TITLE);
            });
  }

  @Test
  void shouldAnswerNothingForAnUnknownNote() {
    assertThat(notes.find(Long.MAX_VALUE)).isEmpty();
  }
}
