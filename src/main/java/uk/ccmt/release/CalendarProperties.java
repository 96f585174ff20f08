package uk.ccmt.release;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The weekly timetable of the Release Management Plan (ccmt.calendar.*). Its zone,
 * ccmt.calendar.zone, is the application clock's and is bound in {@code system/} ({@code
 * CalendarZoneProperties}), so that every feature can tell the time without depending on {@code
 * release/}.
 */
@Validated
@ConfigurationProperties("ccmt.calendar")
public record CalendarProperties(
    @DefaultValue("MONDAY 09:00") @NotNull Slot cycleStart,
    @DefaultValue("TUESDAY 12:00") @NotNull Slot provisionalNoteDeadline,
    @DefaultValue("WEDNESDAY 17:00") @NotNull Slot internalTestCutOff,
    @DefaultValue("THURSDAY 10:00") @NotNull Slot deploymentSlot) {}
