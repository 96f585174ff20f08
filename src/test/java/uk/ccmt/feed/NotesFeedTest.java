package uk.ccmt.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/** The public notes feed, as a feed reader gets it: no login, Atom that Rome reads back. */
@CcmtTest
class NotesFeedTest extends ProcessTestSupport {

  @Autowired MockMvc mvc;

  @Autowired ReleaseNoteService notes;

  @Autowired ReleaseService releases;

  @BeforeEach
  void itIsMondayOfWeek49() {
    clockAt("2026-11-30T09:00:00Z");
  }

  @Test
  void shouldPublishEveryNoteNewestFirstWithItsPageAsIdAndLink() throws Exception {
    // Given last week's final note and two versions of this week's provisional note, one of whose
    // defects has a title that is not ASCII and looks like markup
    clockAt("2026-11-23T09:00:00Z");
    given.fixedDefect("D-0", "4.9.0");
    given.weeklyReleaseOfFixedDefects("2026-W48");
    clockAt("2026-11-26T11:00:00Z");
    releases.markRunningInLive("R-2026-W48");
    notes.createFinal("R-2026-W48");
    clockAt("2026-11-30T09:00:00Z");
    given.fixedDefectTitled("D-1", "Zählerstand <b>rejected</b> – “MPRN”", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    notes.createProvisional("R-2026-W49");
    clockAt("2026-11-30T10:00:00Z");
    notes.createProvisional("R-2026-W49");

    // When
    MvcResult result = mvc.perform(get("/releases/notes.atom")).andReturn();
    MockHttpServletResponse response = result.getResponse();
    String xml = response.getContentAsString(StandardCharsets.UTF_8);

    // Then
    assertThat(response.getStatus()).as(xml).isEqualTo(200);
    assertThat(MediaType.parseMediaType(response.getContentType()))
        .isEqualTo(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"));
    assertThat(result.getRequest().getSession(false)).isNull();
    assertThat(response.getHeader("Set-Cookie")).isNull();
    assertThat(xml).doesNotContain("<b>rejected</b>").doesNotContain("<article");
    Feed feed = read(xml);
    assertValidAtom(feed);
    assertThat(feed.getId()).isEqualTo("http://localhost:8080/releases/notes.atom");
    assertThat(feed.getTitle()).isEqualTo("CCMT release notes");
    assertThat(feed.getUpdated().toInstant()).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(feed.getAlternateLinks())
        .extracting(Link::getHref)
        .containsExactly("http://localhost:8080/releases");
    assertThat(feed.getOtherLinks())
        .extracting(Link::getRel, Link::getHref)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "self", "http://localhost:8080/releases/notes.atom"));
    List<Entry> entries = feed.getEntries();
    assertThat(entries)
        .extracting(Entry::getId)
        .as("newest first, each at its place on its release's page")
        .containsExactly(
            "http://localhost:8080/releases/R-2026-W49#provisional-2",
            "http://localhost:8080/releases/R-2026-W49#provisional-1",
            "http://localhost:8080/releases/R-2026-W48#final-1");
    Entry newest = entries.get(0);
    assertThat(newest.getTitle()).isEqualTo("Provisional release note R-2026-W49, version 2");
    assertThat(newest.getUpdated().toInstant()).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(newest.getAlternateLinks())
        .extracting(Link::getHref)
        .containsExactly("http://localhost:8080/releases/R-2026-W49#provisional-2");
    assertThat(newest.getSummary().getValue())
        .isEqualTo("Build 5.0.1 planned for Thursday 3 December 2026, with 1 defect: D-1.");
    Content content = newest.getContents().get(0);
    assertThat(content.getType()).isEqualTo("html");
    assertThat(content.getValue())
        .startsWith("<article")
        .contains("Zählerstand &lt;b&gt;rejected&lt;/b&gt;")
        .doesNotContain("<b>rejected</b>");

    // And an unchanged feed costs a reader a 304, by its ETag or its date
    assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=900, public");
    assertThat(response.getDateHeader("Last-Modified"))
        .isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
    assertThat(
            mvc.perform(
                    get("/releases/notes.atom").header("If-None-Match", response.getHeader("ETag")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(304);
    assertThat(
            mvc.perform(
                    get("/releases/notes.atom")
                        .header("If-Modified-Since", response.getHeader("Last-Modified")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(304);
  }

  @Test
  void shouldCarryOnlyTheNewestNotesUpToTheLimit() throws Exception {
    // Given 60 versions of one note, a minute apart
    given.fixedDefect("D-1", "5.0.1");
    given.weeklyReleaseOfFixedDefects("2026-W49");
    for (int minute = 0; minute < 60; minute++) {
      clockAt(Instant.parse("2026-11-30T09:00:00Z").plusSeconds(60L * minute).toString());
      notes.createProvisional("R-2026-W49");
    }

    // When
    Feed feed = read(atom());

    // Then the newest 50 (ccmt.feeds.notes-limit)
    assertValidAtom(feed);
    assertThat(feed.getEntries()).hasSize(50);
    assertThat(feed.getEntries().get(0).getId()).endsWith("#provisional-60");
    assertThat(feed.getEntries().get(49).getId()).endsWith("#provisional-11");
  }

  @Test
  void shouldBeAValidFeedWithoutNotes() throws Exception {
    Feed feed = read(atom());

    assertValidAtom(feed);
    assertThat(feed.getEntries()).isEmpty();
    assertThat(feed.getUpdated().toInstant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void shouldAnswerAReaderOrCalendarWhateverItSaysItAccepts() throws Exception {
    for (String accept :
        List.of("application/rss+xml, application/xml;q=0.9", "text/html", "*/*", "text/plain")) {
      for (String feed : List.of("/releases/notes.atom", "/releases/calendar.ics")) {
        assertThat(
                mvc.perform(get(feed).header("Accept", accept))
                    .andReturn()
                    .getResponse()
                    .getStatus())
            .as(feed + " accepting " + accept)
            .isEqualTo(200);
      }
    }
    assertThat(mvc.perform(head("/releases/calendar.ics")).andReturn().getResponse().getStatus())
        .isEqualTo(200);
  }

  @Test
  void shouldOfferBothFeedsOnThePublicPage() throws Exception {
    String page =
        mvc.perform(get("/releases").accept(MediaType.TEXT_HTML))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"CCMT release notes\"",
            "href=\"/releases/notes.atom\"",
            "<link rel=\"alternate\" type=\"text/calendar\" title=\"CCMT release calendar\"",
            "href=\"/releases/calendar.ics\"",
            "Subscribe:");
    assertThat(page.indexOf("Subscribe:"))
        .as("near the top, before the calendar")
        .isLessThan(page.indexOf("Release calendar</h2>"));
  }

  private String atom() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(get("/releases/notes.atom")).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return response.getContentAsString(StandardCharsets.UTF_8);
  }

  private static Feed read(String xml) throws Exception {
    return (Feed) new WireFeedInput().build(new StringReader(xml));
  }

  /** What RFC 4287 requires of a feed and of each entry. */
  private static void assertValidAtom(Feed feed) {
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getId()).isNotBlank();
    assertThat(feed.getTitle()).isNotBlank();
    assertThat(feed.getUpdated()).isNotNull();
    assertThat(feed.getAuthors()).as("a feed-level author, so entries need none").isNotEmpty();
    for (Entry entry : feed.getEntries()) {
      assertThat(entry.getId()).isNotBlank();
      assertThat(entry.getTitle()).isNotBlank();
      assertThat(entry.getUpdated()).isNotNull();
      assertThat(entry.getAlternateLinks()).isNotEmpty();
    }
  }
}
