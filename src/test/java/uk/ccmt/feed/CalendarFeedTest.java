package uk.ccmt.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import uk.ccmt.freeze.Freeze;
import uk.ccmt.freeze.Freezes;
import uk.ccmt.release.CancellationReason;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.release.WeeklySlots;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * The public calendar feed, as a calendar client subscribes to it: no login, RFC 5545 as ical4j's
 * validator checks it, read back by another library (biweekly), with UIDs that stay put. It is
 * Monday of week 2026-W49; in December London keeps GMT, so its times are the UTC ones.
 */
@CcmtTest
class CalendarFeedTest extends ProcessTestSupport {

  private static final String HOST = "@localhost";

  @Autowired MockMvc mvc;

  @Autowired ReleaseService releases;

  @Autowired Freezes freezes;

  @Autowired WeeklySlots slots;

  @BeforeEach
  void itIsMondayOfWeek49() {
    clockAt("2026-11-30T09:00:00Z");
  }

  @Test
  void shouldPublishSlotsDeadlinesReleasesAndFreezesAsValidIcalendarWithoutALogin()
      throws Exception {
    // Given this week's release, an emergency that went live last week and a freeze at year end
    clockAt("2026-11-25T15:00:00Z");
    given.emergencyReleaseLive("E-D-9", "D-9", "4.9.1");
    clockAt("2026-11-30T09:00:00Z");
    given.fixedDefects("5.0.1", "D-1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    Freeze yearEnd =
        freezes.declare(
            List.of("CCMT"), "2026-12-24T18:00", "2027-01-04T08:00", "Year-end freeze", "rachel");

    // When
    MvcResult result = mvc.perform(get("/releases/calendar.ics")).andReturn();
    MockHttpServletResponse response = result.getResponse();
    String feed = response.getContentAsString(StandardCharsets.UTF_8);

    // Then it is a calendar, for anyone, and starts no session
    assertThat(response.getStatus()).as(feed).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("text/calendar;charset=UTF-8");
    assertThat(result.getRequest().getSession(false)).isNull();
    assertThat(response.getHeader("Set-Cookie")).isNull();
    assertValidIcalendar(feed);

    Map<String, VEvent> events = eventsByUid(feed);
    assertThat(events)
        .containsKeys(
            "slot-2026-W49" + HOST,
            "slot-2026-W50" + HOST,
            "deadline-2026-W49-provisional-note" + HOST,
            "deadline-2026-W49-internal-testing" + HOST,
            "release-R-2026-W49" + HOST,
            "release-E-D-9" + HOST,
            "freeze-" + yearEnd.id() + HOST);
    VEvent slot = events.get("slot-2026-W49" + HOST);
    assertThat(start(slot)).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(slot.getDateEnd().getValue().toInstant()).isEqualTo("2026-12-03T11:00:00Z");
    assertThat(slot.getSequence().getValue()).isZero();
    assertThat(slot.getStatus().getValue()).isEqualTo("CONFIRMED");
    assertThat(slot.getUrl().getValue()).isEqualTo("http://localhost:8080/releases/R-2026-W49");
    VEvent provisionalNote = events.get("deadline-2026-W49-provisional-note" + HOST);
    assertThat(start(provisionalNote)).isEqualTo("2026-12-01T12:00:00Z");
    assertThat(provisionalNote.getDateEnd()).as("a deadline lasts no time").isNull();
    assertThat(start(events.get("deadline-2026-W49-internal-testing" + HOST)))
        .isEqualTo("2026-12-02T17:00:00Z");
    VEvent weekly = events.get("release-R-2026-W49" + HOST);
    assertThat(weekly.getSummary().getValue()).isEqualTo("Weekly release R-2026-W49 (planned)");
    assertThat(start(weekly)).isEqualTo("2026-12-03T10:00:00Z");
    VEvent emergency = events.get("release-E-D-9" + HOST);
    assertThat(emergency.getSummary().getValue()).isEqualTo("Emergency release E-D-9 (deployed)");
    assertThat(start(emergency)).isEqualTo("2026-11-25T15:00:00Z");
    VEvent freeze = events.get("freeze-" + yearEnd.id() + HOST);
    assertThat(freeze.getSummary().getValue()).isEqualTo("CCMT frozen: Year-end freeze");
    assertThat(start(freeze)).isEqualTo("2026-12-24T18:00:00Z");
    assertThat(freeze.getDateEnd().getValue().toInstant()).isEqualTo("2027-01-04T08:00:00Z");
    assertThat(events.keySet())
        .as("from 8 weeks back (5 October) to 26 weeks ahead (31 May 2027), nothing beyond")
        .contains("slot-2026-W41" + HOST, "slot-2027-W21" + HOST)
        .doesNotContain("slot-2026-W40" + HOST, "slot-2027-W22" + HOST);

    // And a second reading is the same calendar, which a reader's conditional request gets as 304
    String again =
        mvc.perform(get("/releases/calendar.ics"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(again).isEqualTo(feed);
    assertThat(response.getHeader("ETag")).isNotBlank();
    assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=900, public");
    assertThat(response.getHeader("Pragma")).as("Spring Security's no-cache stays off").isNull();
    assertThat(response.getHeader("Expires")).isNull();
    MockHttpServletResponse unchanged =
        mvc.perform(
                get("/releases/calendar.ics").header("If-None-Match", response.getHeader("ETag")))
            .andReturn()
            .getResponse();
    assertThat(unchanged.getStatus()).isEqualTo(304);
    assertThat(unchanged.getContentAsByteArray()).isEmpty();
  }

  @Test
  void shouldKeepAMovedSlotsUidWithItsNewTimeAndAHigherSequence() throws Exception {
    // Given next week's release, its slot on Thursday 10 December at 10:00
    given.fixedDefects("5.0.2", "D-2");
    given.weeklyReleaseOfFixedDefects("2026-W50");
    VEvent before = eventsByUid(calendar()).get("slot-2026-W50" + HOST);
    assertThat(start(before)).isEqualTo("2026-12-10T10:00:00Z");

    // When a freeze of CCMT over that Thursday moves it to Friday
    clockAt("2026-12-09T16:00:00Z");
    freezes.declare(
        List.of("CCMT"), "2026-12-10T08:00", "2026-12-10T18:00", "Gas-day cut-over", "rachel");
    WeeklySlots.Check check =
        slots.check(
            "R-2026-W50", ReleaseWeek.parse("2026-W50"), Instant.parse("2026-12-10T10:00:00Z"));
    assertThat(check.outcome()).isEqualTo(WeeklySlots.Outcome.MOVED);

    // Then the same event has the new time, a higher sequence and says it moved
    String feed = calendar();
    assertValidIcalendar(feed);
    Map<String, VEvent> events = eventsByUid(feed);
    VEvent after = events.get("slot-2026-W50" + HOST);
    assertThat(start(after)).isEqualTo("2026-12-11T10:00:00Z");
    assertThat(after.getSequence().getValue()).isGreaterThan(before.getSequence().getValue());
    assertThat(after.getLastModified().getValue().toInstant()).isEqualTo("2026-12-09T16:00:00Z");
    assertThat(after.getSummary().getValue()).isEqualTo("Deployment slot 2026-W50 (moved)");
    assertThat(start(events.get("release-R-2026-W50" + HOST))).isEqualTo("2026-12-11T10:00:00Z");
    assertThat(events.keySet().stream().filter(uid -> uid.startsWith("slot-2026-W50")))
        .as("one event, updated, not a second one")
        .hasSize(1);
  }

  @Test
  void shouldMarkACancelledReleaseItsSlotAndItsLaterDeadlinesCancelled() throws Exception {
    // Given this week's release, cancelled on Tuesday afternoon
    given.fixedDefects("5.0.1", "D-1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    clockAt("2026-12-01T15:00:00Z");
    releases.cancel(
        "R-2026-W49", CancellationReason.EVERY_DEFECT_FAILED_INTERNAL_TESTING, "D-1 failed");

    // When
    String feed = calendar();

    // Then
    assertValidIcalendar(feed);
    Map<String, VEvent> events = eventsByUid(feed);
    VEvent release = events.get("release-R-2026-W49" + HOST);
    assertThat(release.getStatus().getValue()).isEqualTo("CANCELLED");
    assertThat(release.getSummary().getValue()).isEqualTo("Weekly release R-2026-W49 (cancelled)");
    assertThat(release.getDescription().getValue())
        .isEqualTo("Cancelled because every defect failed internal testing.");
    assertThat(events.get("slot-2026-W49" + HOST).getStatus().getValue()).isEqualTo("CANCELLED");
    assertThat(events.get("deadline-2026-W49-internal-testing" + HOST).getStatus().getValue())
        .isEqualTo("CANCELLED");
    assertThat(events.get("deadline-2026-W49-provisional-note" + HOST).getStatus().getValue())
        .as("it had passed when the release was cancelled")
        .isEqualTo("CONFIRMED");
    assertThat(events.get("slot-2026-W50" + HOST).getStatus().getValue()).isEqualTo("CONFIRMED");
  }

  @Test
  void shouldWriteNonAsciiAndLongTextAsFoldedUtf8ThatReadsBackWhole() throws Exception {
    // Given a freeze whose reason is long and not ASCII, and one lifted before it began
    String reason = "Übergabe – gas-day cut-over, “Weihnachtsfrieden”; " + "ü".repeat(120);
    Freeze freeze =
        freezes.declare(
            List.of("CCMT", "QAS2"), "2026-12-14T08:00", "2026-12-15T18:00", reason, "rachel");
    Freeze lifted =
        freezes.declare(List.of("QAS1"), "2026-12-07T08:00", "2026-12-08T18:00", "Tests", "rachel");
    clockAt("2026-12-02T09:00:00Z");
    freezes.lift(lifted.subjectId(), "Tests moved", "rachel");

    // When
    byte[] bytes =
        mvc.perform(get("/releases/calendar.ics"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    String feed = new String(bytes, StandardCharsets.UTF_8);

    // Then every line is folded by the library and the text reads back whole
    assertValidIcalendar(feed);
    for (String line : feed.split("\r\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(75);
    }
    Map<String, VEvent> events = eventsByUid(feed);
    assertThat(events.get("freeze-" + freeze.id() + HOST).getSummary().getValue())
        .isEqualTo("CCMT, QAS2 frozen: " + reason);
    VEvent cancelled = events.get("freeze-" + lifted.id() + HOST);
    assertThat(cancelled.getStatus().getValue()).isEqualTo("CANCELLED");
    assertThat(cancelled.getLastModified().getValue().toInstant())
        .isEqualTo("2026-12-02T09:00:00Z");
  }

  @Test
  void shouldCancelASlotAFreezeTakesAndLeaveItWhereTheTimetableHadIt() throws Exception {
    // Given next week's release, and a CCMT freeze that runs past the week after
    given.fixedDefects("5.0.2", "D-2");
    given.weeklyReleaseOfFixedDefects("2026-W50");
    clockAt("2026-12-09T16:00:00Z");
    freezes.declare(
        List.of("CCMT"), "2026-12-10T08:00", "2026-12-18T18:00", "Data migration", "rachel");

    // When the week ends without a release, as weeklyRelease does
    WeeklySlots.Check check =
        slots.check(
            "R-2026-W50", ReleaseWeek.parse("2026-W50"), Instant.parse("2026-12-10T10:00:00Z"));
    assertThat(check.outcome()).isEqualTo(WeeklySlots.Outcome.NO_RELEASE);
    slots.endWithoutRelease("R-2026-W50");

    // Then
    String feed = calendar();
    assertValidIcalendar(feed);
    Map<String, VEvent> events = eventsByUid(feed);
    VEvent slot = events.get("slot-2026-W50" + HOST);
    assertThat(start(slot)).isEqualTo("2026-12-10T10:00:00Z");
    assertThat(slot.getStatus().getValue()).isEqualTo("CANCELLED");
    assertThat(slot.getDescription().getValue()).startsWith("No release this week (R-2026-W50).");
    VEvent release = events.get("release-R-2026-W50" + HOST);
    assertThat(release.getSummary().getValue())
        .isEqualTo("Weekly release R-2026-W50 (no release this week)");
    assertThat(release.getStatus().getValue()).isEqualTo("CANCELLED");
  }

  @Test
  void shouldBeAValidCalendarWithoutAnyReleaseOrFreeze() throws Exception {
    String feed = calendar();

    assertValidIcalendar(feed);
    assertThat(eventsByUid(feed))
        .containsKeys("slot-2026-W49" + HOST, "deadline-2026-W49-provisional-note" + HOST)
        .doesNotContainKey("release-R-2026-W49" + HOST);
  }

  private String calendar() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/releases/calendar.ics")).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  /** RFC 5545 as ical4j's validator has it, and no warning from biweekly's reader or validator. */
  static void assertValidIcalendar(String feed) throws Exception {
    Calendar parsed = new CalendarBuilder().build(new StringReader(feed));
    ValidationResult result = parsed.validate();
    assertThat(result.getEntries()).as(feed).isEmpty();
    List<List<ParseWarning>> warnings = new ArrayList<>();
    List<ICalendar> read = Biweekly.parse(feed).warnings(warnings).all();
    assertThat(read).hasSize(1);
    assertThat(warnings.stream().flatMap(List::stream).toList()).isEmpty();
    assertThat(read.get(0).validate(ICalVersion.V2_0).isEmpty())
        .as(read.get(0).validate(ICalVersion.V2_0).toString())
        .isTrue();
  }

  /** The feed as a calendar client reads it. */
  static Map<String, VEvent> eventsByUid(String feed) {
    ICalendar calendar = Biweekly.parse(feed).first();
    return calendar.getEvents().stream()
        .collect(Collectors.toMap(event -> event.getUid().getValue(), Function.identity()));
  }

  private static Instant start(VEvent event) {
    return event.getDateStart().getValue().toInstant();
  }
}
