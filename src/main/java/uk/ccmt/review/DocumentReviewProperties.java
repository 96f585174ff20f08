package uk.ccmt.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.LocalTime;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.reviews.*: when organisations that have not answered a document review are reminded, when a
 * deadline given as a day falls due, and how many organisations one step of a review asks.
 *
 * @param reminderBefore each organisation that has not answered is reminded this long before the
 *     review's deadline (none when the review was started later than that)
 * @param dueTime a deadline given as a day falls due at this time, in the calendar zone
 * @param organisationsPerStep a review asks this many organisations per step (one transaction each)
 */
@Validated
@ConfigurationProperties("ccmt.reviews")
record DocumentReviewProperties(
    @DefaultValue("P3D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration reminderBefore,
    @DefaultValue("17:00") @NotNull LocalTime dueTime,
    @DefaultValue("20") @Positive int organisationsPerStep) {}
