package uk.ccmt.query;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.queries.*: the target time of a participant's query, and who "the programme" is.
 *
 * @param answerWithin how long the release managers have to answer a query: its whole days are
 *     working days (Monday to Friday in the calendar zone), so a query raised on a Friday with the
 *     default P5D is due the next Friday at the same time; any part of a day is added as it is
 * @param remindBefore how long before the target time the release managers are reminded of an
 *     unanswered query, in working days as above; at the target time they are emailed that it is
 *     late
 * @param programmeGroup the Camunda group that answers for "the programme" when the release
 *     managers pass a query on to it (contributeToQuery); by default the release managers
 *     themselves, so that a programme lead among them gives the programme's position
 */
@Validated
@ConfigurationProperties("ccmt.queries")
public record QueryProperties(
    @DefaultValue("P5D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration answerWithin,
    @DefaultValue("P1D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration remindBefore,
    @DefaultValue("release-managers") @NotBlank String programmeGroup) {}
