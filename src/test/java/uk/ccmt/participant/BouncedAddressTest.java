package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.notification.Outbox;
import uk.ccmt.notification.Outbox.MailNotDeliveredException;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * A contact address the mail server refuses for good (550 to RCPT TO) is set aside, and the rest of
 * the batch is sent: the campaign's email step completes instead of stopping in an incident. A
 * transient refusal (451) still fails the step, so it is retried. The mail server here is a small
 * real SMTP server that refuses the addresses it is told to ({@link RefusingSmtpRelay}).
 */
@CcmtTest
class BouncedAddressTest extends ProcessTestSupport {

  @Autowired JavaMailSenderImpl sender;

  @Autowired ParticipantService participants;

  @Autowired Outbox outbox;

  @Autowired MockMvc mvc;

  private RefusingSmtpRelay relay;

  @BeforeEach
  void relayThatRefusesOneAddress() throws IOException {
    clockAt("2026-12-07T09:00:00Z");
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example", "gone@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example");
    relay =
        new RefusingSmtpRelay()
            .refusing("gone@nle.example", "550 5.1.1 <gone@nle.example>: no such user");
    sender.setPort(relay.port());
  }

  @AfterEach
  void backToTheTestMailServer() throws IOException {
    sender.setPort(TestMailServer.port());
    relay.close();
  }

  @Test
  void shouldSetAsideAnAddressRefusedForGoodAndSendTheRestOfTheBatch() throws Exception {
    String campaign = startContactDetailsCampaign(mvc);
    runDueJobs();

    ProcessInstance instance =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("informationRequestCampaign")
            .processInstanceBusinessKey(campaign)
            .singleResult();
    assertThat(instance).as("the email step completed").isWaitingAt("Event_LastRequestAnswered");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(relay.delivered())
        .containsExactlyInAnyOrder("trials@nle.example", "ops@brg.example");
    assertThat(
            jdbc.sql("select state, last_error from outbound_email where recipient = ?")
                .param("gone@nle.example")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                .single())
        .startsWith("BOUNCED 550")
        .contains("no such user");
    assertThat(participants.contactEmails())
        .as("only confirmed addresses are mailed")
        .containsExactly("ops@brg.example", "trials@nle.example");
    assertThat(participants.contactEmailsOf("NLE")).containsExactly("trials@nle.example");
    assertThat(participants.get("NLE").contactEmails()).containsExactly("trials@nle.example");

    outbox.deliverAll("");
    assertThat(relay.attempted())
        .as("a bounced message is never tried again")
        .containsOnlyOnce("gone@nle.example");

    mvc.perform(get("/api/participants/bounces").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(jsonPath("$[0].participantCode").value("NLE"))
        .andExpect(jsonPath("$[0].email").value("gone@nle.example"))
        .andExpect(jsonPath("$[0].reason").value(Matchers.startsWith("550")))
        .andExpect(jsonPath("$.length()").value(1));
    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(jsonPath("$.contactEmails", Matchers.contains("trials@nle.example")))
        .andExpect(jsonPath("$.contacts[?(@.email == 'gone@nle.example')].state").value("BOUNCED"))
        .andExpect(jsonPath("$.history[0].field").value("contactState"))
        .andExpect(jsonPath("$.history[0].source").value("bounce"));
    mvc.perform(get("/staff/participants").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(content().string(Matchers.containsString("gone@nle.example")))
        .andExpect(content().string(Matchers.containsString("550 5.1.1")));
    mvc.perform(get("/mail").with(as("rachel")))
        .andExpect(content().string(Matchers.containsString(">bounced<")));

    mvc.perform(
            patch("/api/participants/NLE")
                .with(as("rachel"))
                .contentType("application/merge-patch+json")
                .content(
                    """
                    {"contacts": ["trials@nle.example", "gone@nle.example"]}"""))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(
            jsonPath(
                "$.contactEmails", Matchers.contains("gone@nle.example", "trials@nle.example")));
    assertThat(participants.bounced()).as("confirmed again by the release manager").isEmpty();
    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(jsonPath("$.history.length()").value(2))
        .andExpect(jsonPath("$.history[1].field").value("contactState"))
        .andExpect(jsonPath("$.history[1].to").value("gone@nle.example confirmed"))
        .andExpect(jsonPath("$.history[1].user").value("rachel"));
  }

  @Test
  void shouldRetryAnAddressRefusedForNowWithoutSettingItAside() {
    relay.refusing("ops@brg.example", "451 4.3.0 mailbox busy, try again later");
    outbox.queue(
        "test-transient",
        "Test",
        "<p>Test</p>",
        "Test",
        List.of("trials@nle.example", "ops@brg.example"));

    assertThatThrownBy(() -> outbox.deliver("test-transient"))
        .isInstanceOf(MailNotDeliveredException.class)
        .hasMessageContaining("ops@brg.example");
    assertThat(
            jdbc.sql("select recipient || ' ' || state from outbound_email order by recipient")
                .query(String.class)
                .list())
        .containsExactly("ops@brg.example PENDING", "trials@nle.example SENT");
    assertThat(participants.bounced()).isEmpty();
    assertThat(participants.contactEmailsOf("BRG")).containsExactly("ops@brg.example");

    sender.setPort(TestMailServer.port());
    outbox.deliver("test-transient");
    assertThat(TestMailServer.received())
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .as("sent once the server takes it, the other not again")
        .containsExactly("ops@brg.example");
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }

  /** A CONTACT_DETAILS campaign of every organisation, due on Friday 11 December 2026. */
  static String startContactDetailsCampaign(MockMvc mvc) throws Exception {
    String body =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/api/information-requests")
                    .with(as("rachel"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        """
                        {"types": ["CONTACT_DETAILS"], "dueDate": "2026-12-11"}"""))
            .andExpect(MockMvcResultMatchers.status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("id").asText();
  }
}
