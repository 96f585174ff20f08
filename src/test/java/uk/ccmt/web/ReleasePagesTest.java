package uk.ccmt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.CancellationReason;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/** The public CCMT web page, as a participant's browser gets it: no login. Week 2026-W49. */
@CcmtTest
class ReleasePagesTest extends ProcessTestSupport {

  private static final String RELEASE = "R-2026-W49";

  @Autowired MockMvc mvc;

  @Autowired ReleaseNoteService notes;

  @Autowired ReleaseService releases;

  @Autowired DeploymentService deployments;

  @Autowired uk.ccmt.freeze.Freezes freezes;

  @BeforeEach
  void itIsMondayOfWeek49() {
    clockAt("2026-11-30T09:00:00Z");
  }

  @Test
  void shouldListEveryNoteNewestFirstWithoutALogin() throws Exception {
    // Given last week's release with its notes, and this week's provisional note in two versions
    clockAt("2026-11-23T09:00:00Z");
    given.fixedDefect("D-0", "4.9.0");
    given.weeklyReleaseOfFixedDefects("2026-W48");
    notes.createProvisional("R-2026-W48");
    clockAt("2026-11-26T11:00:00Z");
    releases.markRunningInLive("R-2026-W48");
    notes.createFinal("R-2026-W48");
    clockAt("2026-11-30T09:00:00Z");
    given.fixedDefects("5.0.1", "D-1", "D-2");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional(RELEASE);
    clockAt("2026-11-30T10:00:00Z");
    releases.applyReview(RELEASE, List.of("D-2"), "5.0.1");
    notes.createProvisional(RELEASE);

    // When
    String page =
        html(
            mvc.perform(get("/releases").accept(MediaType.TEXT_HTML)).andReturn().getResponse(),
            200);

    // Then
    assertThat(page)
        .contains(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "href=\"/css/ccmt.css\"");
    assertThat(
            List.of(
                "/releases/R-2026-W49#provisional-2",
                "/releases/R-2026-W49#provisional-1",
                "/releases/R-2026-W48#final-1",
                "/releases/R-2026-W48#provisional-1"))
        .as("newest first")
        .isSortedAccordingTo((a, b) -> Integer.compare(page.indexOf(a), page.indexOf(b)))
        .allSatisfy(link -> assertThat(page).contains(link));
    assertThat(entry(page, "R-2026-W49#provisional-2"))
        .contains("Provisional release note R-2026-W49, version 2", "badge-provisional")
        .doesNotContain("badge-superseded");
    assertThat(entry(page, "R-2026-W49#provisional-1"))
        .contains("badge-provisional", "badge-superseded");
    assertThat(entry(page, "R-2026-W48#provisional-1"))
        .as("a final note does not supersede a provisional one")
        .contains("badge-provisional")
        .doesNotContain("badge-superseded");
    assertThat(entry(page, "R-2026-W48#final-1"))
        .contains("Final release note R-2026-W48")
        .doesNotContain("badge-provisional", "badge-superseded");
  }

  @Test
  void shouldShowCurrentAndFutureFreezesInTheCalendarWithoutALogin() throws Exception {
    freezes.declare(
        List.of("CCMT"), "2026-11-30T08:00", "2026-12-01T18:00", "Industry test window", "rachel");
    freezes.declare(
        List.of("QAS2", "CCMT"),
        "2026-12-24T18:00",
        "2027-01-04T08:00",
        "Year-end <b>freeze</b>",
        "rachel");
    var lifted =
        freezes.declare(
            List.of("DEV1"), "2026-12-10T08:00", "2026-12-11T08:00", "Lifted", "rachel");
    freezes.lift(String.valueOf(lifted.id()), "No longer needed", "rachel");

    String page = html(mvc.perform(get("/releases")).andReturn().getResponse(), 200);

    List<String> rows = segments(page, "<tr class=\"freeze");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .contains("(in force)", "CCMT", "30 November 2026, 08:00 GMT", "1 December 2026, 18:00 GMT")
        .contains("Industry test window");
    assertThat(rows.get(1))
        .contains("QAS2, CCMT", "24 December 2026, 18:00 GMT", "4 January 2027, 08:00 GMT")
        .contains("Year-end &lt;b&gt;freeze&lt;/b&gt;")
        .doesNotContain("(in force)");
    assertThat(page).doesNotContain("Lifted").contains("Europe/London");
  }

  @Test
  void shouldShowTheNextSixThursdaysWithTheirReleases() throws Exception {
    // Given week 49 deployed, week 50 with its provisional note, and week 51 registered
    given.fixedDefect("D-1", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    releases.markRunningInLive(RELEASE);
    given.fixedDefect("D-2", "5.0.2");
    given.weeklyReleaseOfFixedDefects("2026-W50");
    notes.createProvisional("R-2026-W50");
    releases.registerWeekly(ReleaseWeek.parse("2026-W51"), null);
    // and it is Thursday of week 49 in London
    clockAt("2026-12-03T11:00:00Z");

    String page = html(mvc.perform(get("/releases")).andReturn().getResponse(), 200);

    List<String> rows = segments(page, "<tr class=\"calendar-day\">");
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0)).contains("Thursday 3 December 2026", "R-2026-W49", "deployed");
    assertThat(rows.get(1)).contains("Thursday 10 December 2026", "R-2026-W50", "provisional");
    assertThat(rows.get(2)).contains("Thursday 17 December 2026", "R-2026-W51", "planned");
    assertThat(rows.get(3)).contains("Thursday 24 December 2026", "2026-W52", "no release");
    assertThat(rows.get(4)).contains("Thursday 31 December 2026", "2026-W53", "no release");
    assertThat(rows.get(5)).contains("Thursday 7 January 2027", "2027-W01", "no release");
  }

  @Test
  void shouldShowACancelledWeekAsCancelledInTheCalendarWithItsNote() throws Exception {
    // Given week 49 cancelled after its provisional note, and week 50 cancelled before any note
    given.fixedDefect("D-1", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional(RELEASE);
    releases.removeFailedDefects(RELEASE, List.of("D-1"));
    releases.cancel(RELEASE, CancellationReason.EVERY_DEFECT_FAILED_INTERNAL_TESTING, null);
    notes.createCancellation(RELEASE);
    releases.registerWeekly(ReleaseWeek.parse("2026-W50"), null);
    releases.cancel("R-2026-W50", CancellationReason.EVERY_DEFECT_LEFT_OUT_AT_REVIEW, null);

    String page = html(mvc.perform(get("/releases")).andReturn().getResponse(), 200);

    List<String> rows = segments(page, "<tr class=\"calendar-day\">");
    assertThat(rows.get(0))
        .contains(
            "Thursday 3 December 2026",
            "R-2026-W49",
            "state-cancelled",
            ">cancelled<",
            "every defect failed internal testing",
            "href=\"/releases/R-2026-W49#cancelled-1\"");
    assertThat(rows.get(1))
        .contains("R-2026-W50", ">cancelled<", "every defect was left out at the release review")
        .as("nobody was told of week 50, so there is no note to link")
        .doesNotContain("#cancelled-");
    assertThat(entry(page, "R-2026-W49#cancelled-1"))
        .contains("Release cancelled R-2026-W49", "every defect failed internal testing");
    String release =
        html(mvc.perform(get("/releases/{id}", RELEASE)).andReturn().getResponse(), 200);
    assertThat(release)
        .contains("id=\"cancelled-1\"", "is cancelled", "every defect failed internal testing");
  }

  @Test
  void shouldShowAnEmergencysAgreedTimeAndWhenItWentLive() throws Exception {
    given.s1DefectStoppingTests("D-7");
    releases.changeBuild("E-D-7", "3.0.0", "a corrected build");
    releases.agreeDeploymentTime("E-D-7", java.time.Instant.parse("2026-11-30T15:00:00Z"));
    notes.createEmergency("E-D-7");
    clockAt("2026-11-30T15:05:00Z");
    releases.markRunningInLive("E-D-7");
    notes.createEmergency("E-D-7");

    String page = html(mvc.perform(get("/releases/{id}", "E-D-7")).andReturn().getResponse(), 200);

    assertThat(page)
        .contains(
            "Agreed deployment time",
            "Deployed to CCMT <strong>30 November 2026, 15:05 GMT</strong>");
    String first = page.substring(page.indexOf("id=\"emergency-1\""));
    assertThat(first)
        .contains("Agreed deployment to CCMT: <strong>30 November 2026, 15:00 GMT</strong>");
  }

  @Test
  void shouldStartTheCalendarNextWeekOnceThisWeeksThursdayHasPassed() throws Exception {
    clockAt("2026-12-04T09:00:00Z");

    String page = html(mvc.perform(get("/releases")).andReturn().getResponse(), 200);

    List<String> rows = segments(page, "<tr class=\"calendar-day\">");
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0)).contains("Thursday 10 December 2026", "no release");
    assertThat(page)
        .doesNotContain("Thursday 3 December 2026")
        .contains("No release notes have been published yet.");
  }

  @Test
  void shouldShowAReleasesNotesAndItsDeploymentsAlongTheRouteToLive() throws Exception {
    given.fixedDefects("5.0.1", "D-1", "D-2");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional(RELEASE);
    clockAt("2026-11-30T10:00:00Z");
    releases.applyReview(RELEASE, List.of("D-2"), "5.0.1-broken");
    notes.createProvisional(RELEASE);
    clockAt("2026-11-30T11:00:00Z");
    deployments.deploy(RELEASE, "DEV1", "pages-test-dev1-1");
    releases.changeBuild(RELEASE, "5.0.1", "a corrected build");
    clockAt("2026-11-30T11:30:00Z");
    deployments.deploy(RELEASE, "DEV1", "pages-test-dev1-2");
    deployments.smokeTest(RELEASE, "DEV1", "pages-test-dev1-2");

    String page = html(mvc.perform(get("/releases/{id}", RELEASE)).andReturn().getResponse(), 200);

    assertThat(page)
        .contains("Release <span>R-2026-W49</span>", "Thursday 3 December 2026", "5.0.1");
    assertThat(page.indexOf("id=\"provisional-2\""))
        .as("newest first")
        .isPositive()
        .isLessThan(page.indexOf("id=\"provisional-1\""));
    String older = page.substring(page.indexOf("id=\"provisional-1\""));
    assertThat(older)
        .contains("Superseded by a later version", "Provisional release note R-2026-W49", "D-2");
    String history = page.substring(page.indexOf("Deployments along the route to live"));
    assertThat(history)
        .contains(
            "DEV1",
            "5.0.1-broken",
            "deployment failed",
            "deployed, smoke tests passed",
            "30 November 2026, 11:00 GMT",
            "30 November 2026, 11:30 GMT");
    assertThat(page)
        .as("command output stays behind the API's login")
        .doesNotContain("Deployed R-2026-W49 build", "cannot be installed");
  }

  @Test
  void shouldAnswerAnUnknownReleaseWithAFriendlyNotFoundPage() throws Exception {
    for (MediaType accepted : List.of(MediaType.TEXT_HTML, MediaType.ALL)) {
      MockHttpServletResponse response =
          mvc.perform(get("/releases/{id}", "R-1999-W01").accept(accepted))
              .andReturn()
              .getResponse();

      String page = html(response, 404);
      assertThat(page)
          .contains("Release not found", "R-1999-W01", "href=\"/releases\"")
          .doesNotContain("Exception", "at uk.ccmt", "problem");
    }
    assertThat(
            html(mvc.perform(get("/releases/R-1999-W01/anything")).andReturn().getResponse(), 404))
        .as("nothing lives below a release's page")
        .contains("Page not found");
  }

  @Test
  void shouldEscapeMarkupInADefectTitleOnThePage() throws Exception {
    given.fixedDefectTitled(
        "D-1", "<script>alert(1)</script> and \"quotes\" & ampersands", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional(RELEASE);

    for (String path : List.of("/releases/" + RELEASE, "/releases")) {
      String page = html(mvc.perform(get(path)).andReturn().getResponse(), 200);
      assertThat(page).as(path).doesNotContain("<script");
    }
    assertThat(html(mvc.perform(get("/releases/" + RELEASE)).andReturn().getResponse(), 200))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;quotes&quot; &amp; ampersands");
    assertThat(
            html(
                mvc.perform(get("/releases/{id}", "<img src=x onerror=alert(1)>"))
                    .andReturn()
                    .getResponse(),
                404))
        .as("a release id from the address is escaped too")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
  }

  @Test
  void shouldServeItsOwnStylesheetWithoutALogin() throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/css/ccmt.css")).andReturn().getResponse();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("text/css");
    assertThat(response.getContentAsString())
        .as("nothing fetched from outside")
        .doesNotContain("@import", "url(");
  }

  @Test
  void shouldStillRequireALoginForEverythingElse() throws Exception {
    for (String path :
        List.of("/api/defects", "/api/releases", "/api/releases/" + RELEASE, "/engine-rest/task")) {
      assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus())
          .as("GET %s", path)
          .isEqualTo(401);
    }
    assertThat(mvc.perform(get("/anything-else")).andReturn().getResponse().getStatus())
        .isEqualTo(403);
    assertThat(mvc.perform(post("/releases")).andReturn().getResponse().getStatus())
        .as("the page only reads")
        .isEqualTo(403);
  }

  private static String html(MockHttpServletResponse response, int status) throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  /** The parts of the page that start with the marker, each up to the next one. */
  private static List<String> segments(String page, String marker) {
    List<String> parts = Arrays.asList(page.split(java.util.regex.Pattern.quote(marker)));
    return parts.subList(1, parts.size());
  }

  /** The list entry of the note with this link. */
  private static String entry(String page, String link) {
    return segments(page, "<li ").stream()
        .filter(item -> item.contains(link + "\""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry links to " + link));
  }
}
