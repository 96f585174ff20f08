package uk.ccmt.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class MailSenderPropertiesTest {

  @Test
  void shouldTakeAnyFreePortUnlessTheEmbeddedPortIsSet() {
    assertThat(MailSenderProperties.embeddedPort(new MockEnvironment())).isZero();
    assertThat(
            MailSenderProperties.embeddedPort(
                new MockEnvironment().withProperty("ccmt.mail.embedded-port", "2525")))
        .isEqualTo(2525);
  }

  @Test
  void shouldRefuseAnEmbeddedPortOutsideTheRangeNamingTheKey() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("ccmt.mail.embedded-port", "70000");

    assertThatThrownBy(() -> MailSenderProperties.embeddedPort(environment))
        .hasMessageContaining("ccmt.mail.embedded-port")
        .hasMessageContaining("70000");
  }
}
