package uk.ccmt.system;

import java.time.Instant;
import java.util.List;

/**
 * A source of entries for the public calendar feed. Each area that has dates participants plan by
 * (releases and their slots, freezes, deadlines, review due dates) offers its own as a bean; the
 * feed reads every bean, so the feed depends on none of those areas.
 */
public interface CalendarEvents {

  /** The entries that start within [from, to), public ones only: the feed needs no login. */
  List<CalendarEvent> between(Instant from, Instant to);
}
