package uk.ccmt.partnering;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.partnering.*.
 *
 * @param confirmationTime how long organisations have to confirm their partners before the release
 *     managers chase them
 */
@Validated
@ConfigurationProperties("ccmt.partnering")
record PartneringProperties(
    @DefaultValue("P5D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration confirmationTime) {}
