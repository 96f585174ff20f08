package uk.ccmt.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.freeze.Freezes;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.release.WeeklySlots;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/** The feeds' queries on PostgreSQL: the moved slot, the releases around the window, the limit. */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresFeedsTest extends ProcessTestSupport {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired MockMvc mvc;

  @Autowired Freezes freezes;

  @Autowired WeeklySlots slots;

  @Autowired ReleaseNoteService notes;

  @Test
  void shouldServeBothFeedsFromPostgres() throws Exception {
    // Given an emergency that went live, and this week's release whose slot a freeze moved
    clockAt("2026-11-25T15:00:00Z");
    given.emergencyReleaseLive("E-D-9", "D-9", "4.9.1");
    clockAt("2026-11-30T09:00:00Z");
    given.fixedDefects("5.0.1", "D-1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional("R-2026-W49");
    clockAt("2026-12-02T16:00:00Z");
    freezes.declare(List.of("CCMT"), "2026-12-03T08:00", "2026-12-03T18:00", "Cut-over", "rachel");
    slots.check("R-2026-W49", ReleaseWeek.parse("2026-W49"), Instant.parse("2026-12-03T10:00:00Z"));

    // When
    String ics = body("/releases/calendar.ics");
    String atom = body("/releases/notes.atom");

    // Then
    assertThat(new CalendarBuilder().build(new StringReader(ics)).validate().getEntries())
        .isEmpty();
    ICalendar calendar = Biweekly.parse(ics).first();
    Map<String, VEvent> events =
        calendar.getEvents().stream()
            .collect(Collectors.toMap(event -> event.getUid().getValue(), Function.identity()));
    assertThat(events.get("slot-2026-W49@localhost").getDateStart().getValue().toInstant())
        .isEqualTo("2026-12-04T10:00:00Z");
    assertThat(events.get("release-E-D-9@localhost").getDateStart().getValue().toInstant())
        .isEqualTo("2026-11-25T15:00:00Z");
    Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom));
    assertThat(feed.getEntries())
        .extracting(Entry::getId)
        .contains("http://localhost:8080/releases/R-2026-W49#provisional-1");
  }

  private String body(String path) throws Exception {
    var response = mvc.perform(get(path)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.getContentAsString(StandardCharsets.UTF_8);
  }
}
