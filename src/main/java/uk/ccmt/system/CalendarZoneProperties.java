package uk.ccmt.system;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.calendar.zone: the zone of the application's clock, in which deadlines are computed and
 * dates are written for people. Bound here, not with the weekly timetable in {@code release/}, so
 * that every feature can tell the time without depending on {@code release/}.
 *
 * @param zone the calendar zone, such as Europe/London
 */
@Validated
@ConfigurationProperties("ccmt.calendar")
public record CalendarZoneProperties(
    @DefaultValue(CalendarZoneProperties.DEFAULT_ZONE) @NotNull ZoneId zone) {

  /** Also the zone the JVM's default is set to before the configuration is bound. */
  public static final String DEFAULT_ZONE = "Europe/London";
}
