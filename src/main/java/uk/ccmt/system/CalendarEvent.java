package uk.ccmt.system;

import java.net.URI;
import java.time.Instant;

/**
 * One entry of the programme's public calendar feed (/releases/calendar.ics).
 *
 * @param uid stable across every reading of the feed, so that calendar clients update the event
 *     rather than add it again: for example {@code review-DR-7-due@ccmt.example.org}, on the host
 *     of ccmt.web.base-url
 * @param summary the one line a calendar shows
 * @param description more words, or null
 * @param start when it starts
 * @param end when it ends; the same as start for a deadline
 * @param url the page that says more, or null
 * @param lastChanged when the entry last changed, for the event's sequence and stamp; null when not
 *     known
 * @param cancelled it will not happen (a cancelled release, a freeze lifted before it began): the
 *     feed keeps it, marked cancelled, so that calendars strike it out rather than keep it
 */
public record CalendarEvent(
    String uid,
    String summary,
    String description,
    Instant start,
    Instant end,
    URI url,
    Instant lastChanged,
    boolean cancelled) {

  /** An entry that goes ahead as planned. */
  public CalendarEvent(
      String uid,
      String summary,
      String description,
      Instant start,
      Instant end,
      URI url,
      Instant lastChanged) {
    this(uid, summary, description, start, end, url, lastChanged, false);
  }
}
