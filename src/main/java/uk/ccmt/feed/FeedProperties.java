package uk.ccmt.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.feeds.*: the public calendar and notes feeds.
 *
 * @param calendarPast how far back the calendar feed reaches: entries that started longer ago leave
 *     it
 * @param calendarAhead how far ahead the calendar feed reaches; a week at least, so that the feed
 *     always holds a week's deadlines: RFC 5545 allows no calendar without an entry
 * @param notesLimit how many of the newest notes the notes feed carries
 * @param maxAge how long a feed reader or cache may keep a feed before asking again (it then asks
 *     with the feed's ETag, and an unchanged feed costs a 304)
 */
@Validated
@ConfigurationProperties("ccmt.feeds")
public record FeedProperties(
    @DefaultValue("P56D") @NotNull @DurationMin(message = "must not be negative")
        Duration calendarPast,
    @DefaultValue("P182D") @NotNull @DurationMin(days = 7, message = "must be a week or more")
        Duration calendarAhead,
    @DefaultValue("50") @Min(1) @Max(1000) int notesLimit,
    @DefaultValue("PT15M") @NotNull @DurationMin(message = "must not be negative")
        Duration maxAge) {}
