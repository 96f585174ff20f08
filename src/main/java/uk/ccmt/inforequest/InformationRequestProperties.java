package uk.ccmt.inforequest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.LocalTime;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.information-requests.*: when reminders go out, when a due date given as a day falls due, and
 * how many organisations one step of a campaign opens requests for.
 *
 * @param reminderBefore each open request is reminded this long before its due date
 * @param dueTime a due date given as a day falls due at this time, in the calendar zone
 * @param organisationsPerStep a campaign opens requests this many organisations per step (one
 *     transaction each)
 */
@Validated
@ConfigurationProperties("ccmt.information-requests")
record InformationRequestProperties(
    @DefaultValue("P2D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration reminderBefore,
    @DefaultValue("17:00") @NotNull LocalTime dueTime,
    @DefaultValue("20") @Positive int organisationsPerStep) {}
