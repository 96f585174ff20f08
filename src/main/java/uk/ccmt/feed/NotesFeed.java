package uk.ccmt.feed;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.system.WebProperties;

/**
 * The published release notes as an Atom 1.0 feed (RFC 4287), written by Rome: the newest
 * ccmt.feeds.notes-limit notes, newest first, each as the public page shows it. An entry's id is
 * the note's address on its release's page ({@code …/releases/R-2026-W50#final-1}), which never
 * changes: a new version of a note is a new entry, as it is a new email.
 */
@Component
class NotesFeed {

  static final String TITLE = "CCMT release notes";

  private final ReleaseNoteService notes;
  private final FeedProperties properties;
  private final WebProperties web;

  NotesFeed(ReleaseNoteService notes, FeedProperties properties, WebProperties web) {
    this.notes = notes;
    this.properties = properties;
    this.web = web;
  }

  /** The feed's notes and when the newest was published. */
  record Notes(List<ReleaseNote> notes, Optional<Instant> updated) {}

  Notes notes() {
    List<ReleaseNote> newest = notes.newest(properties.notesLimit());
    return new Notes(newest, newest.stream().map(ReleaseNote::createdAt).max(Instant::compareTo));
  }

  /**
   * The feed's XML. A feed without notes says it was updated at the epoch: it must say something
   * (RFC 4287 4.2.15), and that reads as "never".
   */
  String render(Notes current) {
    Feed feed = new Feed("atom_1.0");
    feed.setId(address().toString());
    feed.setTitle(TITLE);
    feed.setSubtitle(text("Release notes of the CCMT market-trials test phase, newest first."));
    feed.setUpdated(Date.from(current.updated().orElse(Instant.EPOCH)));
    feed.setAlternateLinks(List.of(link("alternate", "text/html", web.releasesPage().toString())));
    feed.setOtherLinks(List.of(link("self", "application/atom+xml", address().toString())));
    Person programme = new Person();
    programme.setName("CCMT programme");
    programme.setUri(web.releasesPage().toString());
    feed.setAuthors(List.<SyndPerson>of(programme));
    feed.setEntries(current.notes().stream().map(this::entry).toList());
    try {
      return new WireFeedOutput().outputString(feed);
    } catch (FeedException e) {
      throw new IllegalStateException("the notes feed could not be written: " + e.getMessage(), e);
    }
  }

  private Entry entry(ReleaseNote note) {
    String page = web.notePage(note.releaseId(), note.anchor()).toString();
    Entry entry = new Entry();
    entry.setId(page);
    entry.setTitle(note.title());
    entry.setUpdated(Date.from(note.createdAt()));
    entry.setPublished(Date.from(note.createdAt()));
    entry.setAlternateLinks(List.of(link("alternate", "text/html", page)));
    if (note.summary() != null && !note.summary().isBlank()) {
      entry.setSummary(text(note.summary()));
    }
    // The HTML was rendered and escaped when the note was created; Rome escapes it once more as
    // the element's text (type="html"), so a reader shows the note and runs none of it.
    Content content = new Content();
    if (note.bodyHtml() != null) {
      content.setType("html");
      content.setValue(note.bodyHtml());
    } else {
      content.setType(Content.TEXT);
      content.setValue(note.bodyText());
    }
    entry.setContents(List.of(content));
    return entry;
  }

  private java.net.URI address() {
    return java.net.URI.create(web.releasesPage() + "/notes.atom");
  }

  private static Content text(String value) {
    Content content = new Content();
    content.setType(Content.TEXT);
    content.setValue(value);
    return content;
  }

  private static Link link(String rel, String type, String href) {
    Link link = new Link();
    link.setRel(rel);
    link.setType(type);
    link.setHref(href);
    return link;
  }
}
