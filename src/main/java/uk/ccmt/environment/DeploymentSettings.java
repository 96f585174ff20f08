package uk.ccmt.environment;

import org.springframework.stereotype.Component;

/** Settings the deployRelease model reads as {@code ${deploymentSettings...}}. */
@Component("deploymentSettings")
public class DeploymentSettings {

  private final DeploymentProperties properties;

  DeploymentSettings(DeploymentProperties properties) {
    this.properties = properties;
  }

  /** How long to wait before asking again for an environment another deployment holds (ISO-8601). */
  public String getEnvironmentWait() {
    return properties.deployment().environmentWait().toString();
  }
}
