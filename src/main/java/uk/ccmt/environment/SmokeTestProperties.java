package uk.ccmt.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's smoke-test command (ccmt.smoke-test.*), run as {@code <command> <environment>
 * <releaseId>}; exit 0 = passed.
 *
 * @param command the command, such as scripts/smoke-test.sh
 * @param timeout longer runs are stopped and count as failed
 */
@Validated
@ConfigurationProperties("ccmt.smoke-test")
record SmokeTestProperties(
    @DefaultValue("scripts/smoke-test.sh") @NotBlank String command,
    @DefaultValue("PT10M") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration timeout) {}
