package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration processor documents the product's keys, so IDEs complete them in
 * application.yaml. The file is read from the build's classes, not from a library's jar.
 */
class ConfigurationMetadataTest {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  @Test
  void shouldListTheProductsKeysForIdes() throws IOException {
    assertThat(productKeys())
        .contains(
            "ccmt.route-to-live",
            "ccmt.internal-test-environment",
            "ccmt.data-dir",
            "ccmt.deployment.command",
            "ccmt.deployment.timeout",
            "ccmt.deployment.environment-wait",
            "ccmt.smoke-test.command",
            "ccmt.smoke-test.timeout",
            "ccmt.calendar.zone",
            "ccmt.calendar.cycle-start",
            "ccmt.calendar.deployment-slot",
            "ccmt.emergency.review-deadline",
            "ccmt.emergency.approvals-required",
            "ccmt.emergency.agreement-window",
            "ccmt.defects.target.s1",
            "ccmt.defects.target.s2",
            "ccmt.defects.target.s3",
            "ccmt.defects.target.s4",
            "ccmt.defects.confirm-within",
            "ccmt.partnering.confirmation-time",
            "ccmt.queries.answer-within",
            "ccmt.queries.remind-before",
            "ccmt.queries.programme-group",
            "ccmt.information-requests.reminder-before",
            "ccmt.information-requests.organisations-per-step",
            "ccmt.participants.import.max-rows",
            "ccmt.participants.import.max-size",
            "ccmt.web.base-url",
            "ccmt.feeds.calendar-past",
            "ccmt.feeds.calendar-ahead",
            "ccmt.feeds.notes-limit",
            "ccmt.feeds.max-age",
            "ccmt.mail.from",
            "ccmt.mail.embedded-port",
            "ccmt.demo.enabled",
            "ccmt.demo.password");
  }

  @Test
  void shouldShowEachDefaultWithItsKey() throws IOException {
    assertThat(property("ccmt.emergency.review-deadline").path("defaultValue").asText())
        .isEqualTo("PT4H");
    assertThat(property("ccmt.emergency.approvals-required").path("defaultValue").asInt())
        .isEqualTo(1);
    assertThat(property("ccmt.emergency.agreement-window").path("defaultValue").asText())
        .isEqualTo("PT4H");
    assertThat(property("ccmt.defects.target.s3").path("defaultValue").asText()).isEqualTo("P10D");
    assertThat(property("ccmt.defects.confirm-within").path("defaultValue").asText())
        .isEqualTo("P5D");
    assertThat(property("ccmt.partnering.confirmation-time").path("defaultValue").asText())
        .isEqualTo("P5D");
    assertThat(property("ccmt.route-to-live").path("description").asText())
        .isEqualTo("the environments in order");
  }

  private static List<String> productKeys() throws IOException {
    List<String> keys = new ArrayList<>();
    metadata().path("properties").forEach(property -> keys.add(property.path("name").asText()));
    return keys;
  }

  private static JsonNode property(String name) throws IOException {
    for (JsonNode property : metadata().path("properties")) {
      if (property.path("name").asText().equals(name)) {
        return property;
      }
    }
    throw new AssertionError(name + " is not in " + METADATA);
  }

  private static JsonNode metadata() throws IOException {
    for (URL url :
        Collections.list(ConfigurationMetadataTest.class.getClassLoader().getResources(METADATA))) {
      if (url.getProtocol().equals("file")) {
        try (InputStream in = url.openStream()) {
          return new ObjectMapper().readTree(in);
        }
      }
    }
    throw new AssertionError(
        "no "
            + METADATA
            + " in the build's classes: is spring-boot-configuration-processor declared?");
  }
}
