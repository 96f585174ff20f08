package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * Done when (issue 16): a contact-details answer changes who gets the next note. The organisation's
 * user answers its CONTACT_DETAILS request; the provisional note that follows goes to the address
 * it gave, and no longer to the one the registry had.
 */
@CcmtTest
class ContactDetailsAnswerTest extends ProcessTestSupport {

  @Autowired MockMvc mvc;

  @Autowired ReleaseStarter starter;

  @Autowired ParticipantService participants;

  @Test
  void shouldSendTheNextNoteToTheAddressTheOrganisationGave() throws Exception {
    clockAt("2026-11-30T08:00:00Z");
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "old-trials@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example");
    given.organisationUser("nia", "NLE");
    String campaign = BouncedAddressTest.startContactDetailsCampaign(mvc);
    runDueJobs();
    assertThat(recipients(TestMailServer.received()))
        .containsExactlyInAnyOrder("old-trials@nle.example", "ops@brg.example");
    TestMailServer.purge();

    ParticipantKpisTest.answerAs(
        engine,
        "nia",
        "NLE",
        task(campaign + "/NLE/CONTACT_DETAILS", "provideInformation").getId(),
        Map.of(
            "contactName",
            "Nia Lewis",
            "contactEmail",
            "Nia.Lewis@NLE.example",
            "contactPhone",
            "+44 161 555 0100"));

    assertThat(participants.contactEmailsOf("NLE")).containsExactly("nia.lewis@nle.example");
    mvc.perform(get("/api/participants/NLE").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(jsonPath("$.contactEmails", Matchers.contains("nia.lewis@nle.example")))
        .andExpect(jsonPath("$.contacts[0].source").value(campaign))
        .andExpect(jsonPath("$.contacts[0].confirmedBy").value("nia"))
        .andExpect(jsonPath("$.history[0].field").value("contacts"))
        .andExpect(jsonPath("$.history[0].from").value("old-trials@nle.example"))
        .andExpect(jsonPath("$.history[0].to").value("nia.lewis@nle.example"))
        .andExpect(jsonPath("$.history[0].source").value(campaign))
        .andExpect(jsonPath("$.history[0].user").value("nia"));

    given.fixedDefects("5.0.0", "D-1");
    starter.startWeekly("2026-W49");
    ProcessInstance week = subProcess("R-2026-W49", "weeklyRelease");
    clockAt("2026-11-30T09:00:00Z");
    fireTimer(week, "Timer_CycleStart");
    complete(
        "R-2026-W49",
        "reviewReleaseContents",
        Map.of("excludedDefects", jsonArray(), "buildVersion", "5.0.0"));
    runDueJobs();

    List<MimeMessage> note = TestMailServer.received();
    assertThat(note)
        .extracting(MimeMessage::getSubject)
        .containsOnly("Provisional release note R-2026-W49");
    assertThat(recipients(note))
        .as("the note goes to the address the organisation gave")
        .containsExactlyInAnyOrder("nia.lewis@nle.example", "ops@brg.example");
  }

  private static List<String> recipients(List<MimeMessage> messages) {
    return messages.stream()
        .map(
            message -> {
              try {
                return message.getAllRecipients()[0].toString();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
