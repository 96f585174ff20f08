package uk.ccmt.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.ccmt.notification.OutboundEmail.State;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.TestMailServer;

/**
 * Participant email through a real SMTP server (GreenMail): exactly once, and nothing lost in an
 * outage.
 */
@CcmtTest
class OutboxTest {

  private static final List<String> CONTACTS =
      List.of("a@shipper.example", "b@shipper.example", "c@igt.example");

  @Autowired Outbox outbox;

  @Autowired JdbcClient jdbc;

  @AfterEach
  void mailServerBackUp() {
    TestMailServer.start();
  }

  @Test
  void shouldSendAnHtmlMessageWithAPlainTextAlternativeToEveryRecipient() throws Exception {
    outbox.queue(
        "note:1",
        "Final release note R-2026-W49",
        "<p>Deployed <b>R-2026-W49</b></p>",
        "Deployed R-2026-W49",
        CONTACTS);

    assertThat(outbox.deliver("note:1")).isEqualTo(3);

    List<MimeMessage> received = TestMailServer.received();
    assertThat(received).hasSize(3);
    assertThat(received)
        .extracting(message -> message.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrderElementsOf(CONTACTS);
    MimeMessage first = received.get(0);
    assertThat(first.getSubject()).isEqualTo("Final release note R-2026-W49");
    assertThat(MailParts.alternativeOf(first))
        .as("text and HTML as alternatives")
        .satisfies(
            alternative -> {
              assertThat(alternative.text()).isEqualTo("Deployed R-2026-W49");
              assertThat(alternative.html()).contains("<b>R-2026-W49</b>");
            });
  }

  @Test
  void shouldGiveEveryMessageAMessageIdThatARepeatKeeps() throws Exception {
    outbox.queue(
        "note:1", "Final release note R-2026-W49", null, "text", List.of("a@shipper.example"));
    outbox.deliver("note:1");
    String messageId = TestMailServer.received().get(0).getMessageID();
    // The application died after the server accepted the message but before the outbox knew.
    jdbc.sql("update outbound_email set state = 'PENDING'").update();

    outbox.deliver("note:1");

    assertThat(messageId).matches("<outbound-email-\\d+@ccmt-release-manager>");
    assertThat(TestMailServer.received())
        .hasSize(2)
        .allSatisfy(message -> assertThat(message.getMessageID()).isEqualTo(messageId));
  }

  @Test
  void shouldNeverSendTheSameMessageTwiceToOneRecipient() {
    outbox.queue("note:1", "Provisional release note R-2026-W49", null, "text", CONTACTS);
    outbox.deliver("note:1");

    outbox.queue("note:1", "Provisional release note R-2026-W49", null, "text", CONTACTS);
    assertThat(outbox.deliver("note:1")).as("a retried job").isZero();

    assertThat(TestMailServer.received()).hasSize(3);
    assertThat(outbox.ofMessage("note:1"))
        .allSatisfy(
            email -> {
              assertThat(email.state()).isEqualTo(State.SENT);
              assertThat(email.attempts()).isEqualTo(1);
            });
  }

  @Test
  void shouldKeepEverythingThroughAnOutageAndSendItOnceTheServerIsBack() {
    outbox.queue("note:1", "Final release note R-2026-W49", null, "text", CONTACTS);
    TestMailServer.stop();

    assertThatThrownBy(() -> outbox.deliver("note:1"))
        .isInstanceOf(Outbox.MailNotDeliveredException.class)
        .hasMessageContaining("not delivered to 3 recipient(s)");
    assertThat(outbox.ofMessage("note:1"))
        .allSatisfy(
            email -> {
              assertThat(email.state()).isEqualTo(State.PENDING);
              assertThat(email.lastError()).isNotBlank();
            });

    TestMailServer.start();
    assertThat(outbox.deliver("note:1")).isEqualTo(3);

    assertThat(TestMailServer.received()).hasSize(3);
    assertThat(outbox.ofMessage("note:1"))
        .allSatisfy(email -> assertThat(email.attempts()).isEqualTo(2));
  }

  @Test
  void shouldRetryOnlyTheRecipientsNotReachedYet() {
    outbox.queue(
        "note:1",
        "Final release note R-2026-W49",
        null,
        "text",
        List.of("a@shipper.example", "not an address", "c@igt.example"));

    assertThatThrownBy(() -> outbox.deliver("note:1")).hasMessageContaining("not an address");
    assertThatThrownBy(() -> outbox.deliver("note:1"))
        .as("the retry")
        .hasMessageContaining("1 recipient(s)");

    assertThat(TestMailServer.received()).as("each reachable recipient once").hasSize(2);
    assertThat(outbox.ofMessage("note:1"))
        .filteredOn(email -> email.state() == State.PENDING)
        .singleElement()
        .satisfies(email -> assertThat(email.attempts()).isEqualTo(2));
  }

  @Test
  void shouldDeliverEachMessageOfAGroupBeforeItThrowsAndRetryOnlyTheRest() {
    outbox.queue("round:1:A", "Agreement", null, "text", List.of("not an address"));
    outbox.queue("round:1:B", "Agreement", null, "text", List.of("b@shipper.example"));
    outbox.queue("round:1:C", "Agreement", null, "text", List.of("also not an address"));
    outbox.queue("round:1:D", "Agreement", null, "text", List.of("d@igt.example"));

    assertThatThrownBy(() -> outbox.deliverEach("round:1:", List.of("A", "B", "C")))
        .as("the first failure, the later one suppressed in it")
        .hasMessageContaining("round:1:A")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(later -> assertThat(later).hasMessageContaining("round:1:C")));
    assertThat(TestMailServer.received()).as("B, though A failed before it").hasSize(1);

    assertThatThrownBy(() -> outbox.deliverEach("round:1:", List.of("A", "B", "C")))
        .as("the retry")
        .hasMessageContaining("round:1:A");
    assertThat(TestMailServer.received()).as("B once, D never asked for").hasSize(1);
    assertThat(outbox.ofMessage("round:1:B"))
        .singleElement()
        .satisfies(email -> assertThat(email.attempts()).isEqualTo(1));
  }
}
