package uk.ccmt.feed;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Source;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.ccmt.system.CalendarEvent;
import uk.ccmt.system.CalendarEvents;
import uk.ccmt.system.WebProperties;

/**
 * The public release calendar as RFC 5545 iCalendar, written by ical4j from every {@link
 * CalendarEvents} bean. Times are in UTC, which every client places in its own zone, so the feed
 * needs no VTIMEZONE (and ical4j no time-zone look-ups). The UIDs are the sources' own, stable
 * across readings, so clients update an event rather than add it twice.
 *
 * <p>SEQUENCE is the seconds from 2020 to the entry's last change: it grows with every change a
 * source knows of (a moved slot, a cancellation, a lifted freeze) and is 0 for an entry that never
 * changed, one rule for every source. DTSTAMP and LAST-MODIFIED are that change; an entry without
 * one is stamped with the start of today, so that two readings on one day are the same bytes and a
 * reader's conditional request is answered with a 304.
 *
 * <p>A source that fails fails the feed (a 5xx) rather than being left out: a client that gets a
 * feed without the source's entries deletes them from its calendar, while one that gets an error
 * keeps what it had and asks again.
 */
@Component
class CalendarFeed {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarFeed.class);
  private static final Instant SEQUENCE_EPOCH = Instant.parse("2020-01-01T00:00:00Z");
  static final String NAME = "CCMT release calendar";

  private final List<CalendarEvents> sources;
  private final FeedProperties properties;
  private final WebProperties web;
  private final Clock clock;

  CalendarFeed(
      List<CalendarEvents> sources, FeedProperties properties, WebProperties web, Clock clock) {
    this.sources = sources;
    this.properties = properties;
    this.web = web;
    this.clock = clock;
  }

  /** The feed as it is now. */
  Calendar calendar() {
    Instant now = clock.instant();
    Instant from = now.minus(properties.calendarPast());
    Instant to = now.plus(properties.calendarAhead());
    Instant today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
    Calendar calendar =
        new Calendar()
            .withProdId("-//CCMT//Release Manager//EN")
            .withDefaults()
            .withProperty(new Name(NAME))
            .withProperty(new XProperty("X-WR-CALNAME", NAME))
            .withProperty(
                new Source(new ParameterList(List.of(Value.URI)), feedAddress().toString()))
            .withProperty(
                new RefreshInterval(new ParameterList(List.of(Value.DURATION)), refreshInterval()))
            .getFluentTarget();
    entries(from, to).forEach(event -> calendar.add(vevent(event, today)));
    return calendar;
  }

  /**
   * The feed's text: CRLF lines, folded by ical4j at 73 characters. ical4j counts characters, not
   * octets, so a line of non-ASCII text may pass RFC 5545's 75 octets, which it says lines SHOULD
   * NOT: clients unfold at every CRLF and space all the same, and the test reads such lines back.
   */
  String render() {
    StringWriter text = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Every source's entries in the window, soonest first. Two sources giving one UID would make
   * clients merge two events into one: the first is kept, and the second is logged.
   */
  private List<CalendarEvent> entries(Instant from, Instant to) {
    Map<String, CalendarEvent> byUid = new LinkedHashMap<>();
    for (CalendarEvents source : sources) {
      for (CalendarEvent event : source.between(from, to)) {
        CalendarEvent earlier = byUid.putIfAbsent(event.uid(), event);
        if (earlier != null) {
          LOG.warn(
              "Calendar entry {} is given twice; {} keeps '{}', not '{}'",
              event.uid(),
              NAME,
              earlier.summary(),
              event.summary());
        }
      }
    }
    return byUid.values().stream()
        .sorted(Comparator.comparing(CalendarEvent::start).thenComparing(CalendarEvent::uid))
        .toList();
  }

  private VEvent vevent(CalendarEvent event, Instant today) {
    Instant stamp = event.lastChanged() == null ? today : event.lastChanged();
    VEvent vevent = new VEvent(false);
    vevent.add(new Uid(event.uid()));
    vevent.add(new DtStamp(stamp));
    vevent.add(new DtStart<>(event.start()));
    // Without DTEND an event with a time lasts no time at all (RFC 5545 3.6.1): a deadline.
    if (event.end() != null && event.end().isAfter(event.start())) {
      vevent.add(new DtEnd<>(event.end()));
    }
    vevent.add(new Summary(event.summary()));
    if (event.description() != null && !event.description().isBlank()) {
      vevent.add(new Description(event.description()));
    }
    if (event.url() != null) {
      vevent.add(new Url(event.url()));
    }
    vevent.add(new Sequence(sequence(event.lastChanged())));
    if (event.lastChanged() != null) {
      vevent.add(new LastModified(event.lastChanged()));
    }
    vevent.add(new Status(event.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
    // Deadlines and slots are for planning: they do not make anyone busy.
    vevent.add(new Transp(Transp.VALUE_TRANSPARENT));
    return vevent;
  }

  static int sequence(Instant lastChanged) {
    if (lastChanged == null || !lastChanged.isAfter(SEQUENCE_EPOCH)) {
      return 0;
    }
    return (int)
        Math.min(Integer.MAX_VALUE, Duration.between(SEQUENCE_EPOCH, lastChanged).toSeconds());
  }

  /** A reader should come back when its copy may be stale, and no more often than hourly. */
  private Duration refreshInterval() {
    Duration maxAge = properties.maxAge();
    return maxAge.compareTo(Duration.ofHours(1)) > 0 ? maxAge : Duration.ofHours(1);
  }

  private URI feedAddress() {
    return URI.create(web.releasesPage() + "/calendar.ics");
  }
}
