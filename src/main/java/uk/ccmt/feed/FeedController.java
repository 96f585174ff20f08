package uk.ccmt.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public feeds: the release calendar (iCalendar) and the release notes (Atom), with no login,
 * no session and no parameters (any are ignored), so that a calendar client or feed reader
 * subscribes with the plain address. Each answer carries an ETag of its bytes and Cache-Control
 * max-age (ccmt.feeds.max-age); a reader asking again with If-None-Match gets a 304 while nothing
 * changed. The notes feed also says Last-Modified: its newest note.
 */
@RestController
class FeedController {

  static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
  static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

  private final CalendarFeed calendar;
  private final NotesFeed notes;
  private final FeedProperties properties;

  FeedController(CalendarFeed calendar, NotesFeed notes, FeedProperties properties) {
    this.calendar = calendar;
    this.notes = notes;
    this.properties = properties;
  }

  @GetMapping("/releases/calendar.ics")
  ResponseEntity<byte[]> calendar() {
    byte[] body = calendar.render().getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .eTag(etag(body))
        .cacheControl(cacheControl())
        .header("Content-Disposition", "inline; filename=\"ccmt-release-calendar.ics\"")
        .body(body);
  }

  @GetMapping("/releases/notes.atom")
  ResponseEntity<byte[]> notes() {
    NotesFeed.Notes current = notes.notes();
    byte[] body = notes.render(current).getBytes(StandardCharsets.UTF_8);
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.ok().contentType(ATOM).eTag(etag(body)).cacheControl(cacheControl());
    current.updated().ifPresent(answer::lastModified);
    return answer.body(body);
  }

  private CacheControl cacheControl() {
    return CacheControl.maxAge(properties.maxAge()).cachePublic();
  }

  private static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
