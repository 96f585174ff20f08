package uk.ccmt.release;

import java.time.ZoneId;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import uk.ccmt.system.CalendarZoneProperties;

/**
 * Camunda evaluates cron timers (the Monday start of weeklyRelease) in the JVM's default time zone.
 * The release calendar is Europe/London whatever the host's zone, so the default zone is set to
 * ccmt.calendar.zone before the engine starts. Every other deadline is computed explicitly in
 * {@link ReleaseCalendar} and does not depend on this.
 */
class CalendarZoneEnvironmentPostProcessor implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // Runs before the configuration is bound: the key is read as text, with the record's default.
    String zone =
        environment.getProperty("ccmt.calendar.zone", CalendarZoneProperties.DEFAULT_ZONE);
    TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(zone)));
  }
}
