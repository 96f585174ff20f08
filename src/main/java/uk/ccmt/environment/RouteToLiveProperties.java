package uk.ccmt.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The route to live (ccmt.route-to-live, ccmt.internal-test-environment) and the data folder the
 * operator's commands are given (ccmt.data-dir). These keys sit directly under {@code ccmt} because
 * operators already set them so; this record binds only them, and the commands have records of
 * their own ({@link DeploymentCommandProperties}, {@link SmokeTestProperties}).
 *
 * @param routeToLive the environments in order
 * @param internalTestEnvironment where the test team signs releases off; the next one is the live
 *     test environment
 * @param dataDir handed to the commands as CCMT_DATA_DIR
 */
@Validated
@ConfigurationProperties("ccmt")
record RouteToLiveProperties(
    @DefaultValue({"DEV1", "QAS1", "QAS2", "CCMT"}) @NotEmpty List<@NotBlank String> routeToLive,
    @DefaultValue("QAS2") @NotBlank String internalTestEnvironment,
    @DefaultValue("data") @NotNull Path dataDir) {}
