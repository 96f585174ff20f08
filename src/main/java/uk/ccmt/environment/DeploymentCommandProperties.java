package uk.ccmt.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's deployment command (ccmt.deployment.*), run as {@code <command> <environment>
 * <releaseId> <buildVersion>}; exit 0 = deployed.
 *
 * @param command the command, such as scripts/deploy.sh
 * @param timeout longer runs are stopped and count as failed
 * @param environmentWait how often a deployment asks again for an environment another one holds
 */
@Validated
@ConfigurationProperties("ccmt.deployment")
record DeploymentCommandProperties(
    @DefaultValue("scripts/deploy.sh") @NotBlank String command,
    @DefaultValue("PT15M") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration timeout,
    @DefaultValue("PT1M") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration environmentWait) {}
