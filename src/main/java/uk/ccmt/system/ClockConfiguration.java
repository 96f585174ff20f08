package uk.ccmt.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application, in the calendar zone. The zone is read here rather than from
 * the release timetable's properties so that every feature can tell the time without depending on
 * {@code release/}.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock clock(CalendarZoneProperties calendar) {
    return new EngineClock(calendar.zone());
  }
}
