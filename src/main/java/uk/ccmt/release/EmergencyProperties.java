package uk.ccmt.release;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.emergency.*.
 *
 * @param reviewDeadline how long after an S1 defect is raised its release review is escalated to
 *     the release managers
 * @param approvalsRequired how many distinct release managers must approve an emergency fix, none
 *     of whom provided it
 * @param agreementWindow how long each organisation taking part has to answer whether it agrees to
 *     an emergency deployment at the agreed time; when it has passed, those who did not answer are
 *     counted as "no answer" and the release managers decide
 */
@Validated
@ConfigurationProperties("ccmt.emergency")
record EmergencyProperties(
    @DefaultValue("PT4H") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration reviewDeadline,
    @DefaultValue("1") @Min(1) int approvalsRequired,
    @DefaultValue("PT4H") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration agreementWindow) {}
