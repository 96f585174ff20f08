package uk.ccmt.participant;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * Participation figures from a real campaign, answered by the organisations' users on time, late
 * and not at all; an organisation reads only its own figures, the release managers every one's.
 */
@CcmtTest
class ParticipantKpisTest extends ProcessTestSupport {

  @Autowired MockMvc mvc;

  private String campaign;

  @BeforeEach
  void aCampaignAnsweredOnTimeLateAndNotAtAll() throws Exception {
    clockAt("2026-12-07T09:00:00Z");
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example");
    given.participantNotTakingPart("OUT", "nobody@out.example");
    given.organisationUser("nia", "NLE");
    given.organisationUser("bo", "BRG");
    campaign = startCampaign("[\"CONTACT_DETAILS\", \"REGISTRATION_CONFIRMATION\"]");
    runDueJobs();

    clockAt("2026-12-08T09:00:00Z");
    answer("nia", "NLE", "CONTACT_DETAILS", contactDetails("nia@nle.example"));
    clockAt("2026-12-09T09:00:00Z");
    answer("bo", "BRG", "CONTACT_DETAILS", contactDetails("bo@brg.example"));
    clockAt("2026-12-12T09:00:00Z");
    answer(
        "nia",
        "NLE",
        "REGISTRATION_CONFIRMATION",
        Map.of("confirmedBy", "Nia Lewis", "registrationConfirmed", true));
  }

  @Test
  void shouldCountAnswersOnTimeAndLateWithTheMedianResponseTime() throws Exception {
    mvc.perform(get("/api/participants/NLE/kpis").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(jsonPath("$.code").value("NLE"))
        .andExpect(jsonPath("$.informationRequests.asked").value(2))
        .andExpect(jsonPath("$.informationRequests.answeredOnTime").value(1))
        .andExpect(jsonPath("$.informationRequests.answeredLate").value(1))
        .andExpect(jsonPath("$.informationRequests.open").value(0))
        .andExpect(
            jsonPath("$.informationRequests.medianResponseHours").value(72.0)) // 24 h and 120 h
        // other areas' ParticipationFigures beans, in the same answer
        .andExpect(jsonPath("$.queries.raised").value(0))
        .andExpect(jsonPath("$.reviews.asked").value(0));
    mvc.perform(get("/api/participants/BRG/kpis").with(as("rachel")))
        .andExpect(jsonPath("$.informationRequests.asked").value(2))
        .andExpect(jsonPath("$.informationRequests.answeredOnTime").value(1))
        .andExpect(jsonPath("$.informationRequests.answeredLate").value(0))
        .andExpect(jsonPath("$.informationRequests.open").value(1))
        .andExpect(jsonPath("$.informationRequests.medianResponseHours").value(48.0));
    mvc.perform(get("/api/participants/OUT/kpis").with(as("rachel")))
        .andExpect(jsonPath("$.informationRequests.asked").value(0))
        .andExpect(jsonPath("$.informationRequests.medianResponseHours").doesNotExist());

    mvc.perform(get("/staff/participants").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(content().string(containsString("data-code=\"NLE\"")))
        .andExpect(content().string(containsString("Median response hours")))
        .andExpect(content().string(containsString("72.0")));
  }

  @Test
  void shouldShowAnOrganisationOnlyItsOwnFigures() throws Exception {
    mvc.perform(get("/api/participants/NLE/kpis").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(jsonPath("$.informationRequests.answeredLate").value(1));
    mvc.perform(get("/api/participants/nle/kpis").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isOk());
    mvc.perform(get("/api/participants/BRG/kpis").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isNotFound());
    mvc.perform(get("/api/participants/NOPE/kpis").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isNotFound());
    mvc.perform(get("/api/participants/NLE/kpis").with(as("devon")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    mvc.perform(get("/api/participants/NLE/kpis"))
        .andExpect(MockMvcResultMatchers.status().isUnauthorized());
    mvc.perform(get("/staff/participants").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    mvc.perform(get("/staff/participants").with(as("devon")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    mvc.perform(get("/api/participants/bounces").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
  }

  /**
   * Answers as the organisation's user, authenticated as the engine REST API authenticates one: its
   * groups and its tenant. The task is found first, as staff see it.
   */
  private void answer(String user, String code, String type, Map<String, Object> values) {
    answerAs(
        engine,
        user,
        code,
        task(campaign + "/" + code + "/" + type, "provideInformation").getId(),
        values);
  }

  static void answerAs(
      org.camunda.bpm.engine.ProcessEngine engine,
      String user,
      String code,
      String taskId,
      Map<String, Object> values) {
    engine
        .getIdentityService()
        .setAuthentication(
            user,
            java.util.List.of(Groups.ofParticipant(code), Groups.PARTICIPANTS),
            java.util.List.of(code));
    try {
      engine.getTaskService().complete(taskId, values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> contactDetails(String email) {
    return Map.of(
        "contactName", "Contact", "contactEmail", email, "contactPhone", "+44 161 555 0100");
  }

  private String startCampaign(String types) throws Exception {
    String body =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/api/information-requests")
                    .with(as("rachel"))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .content("{\"types\": " + types + ", \"dueDate\": \"2026-12-11\"}"))
            .andExpect(MockMvcResultMatchers.status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("id").asText();
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }
}
