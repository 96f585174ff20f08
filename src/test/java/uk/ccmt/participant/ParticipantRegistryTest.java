package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * The registry stays current (issue 16): a release manager's PATCH and a re-import change known
 * organisations, with history, all or nothing; bad input is refused naming the field.
 */
@CcmtTest
class ParticipantRegistryTest {

  @Autowired MockMvc mvc;

  @Autowired TestData given;

  @Autowired JdbcClient jdbc;

  @Autowired ParticipantService participants;

  @BeforeEach
  void registry() {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example");
    given.organisationUser("nia", "NLE");
  }

  @Test
  void shouldPatchAParticipantAndKeepEachChangeInItsHistory() throws Exception {
    patchNle(
            """
            {"name": "Northern Lights Energy plc", "region": null,
             "contacts": ["Switching@NLE.example", "trials@nle.example"]}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Northern Lights Energy plc"))
        .andExpect(jsonPath("$.region").doesNotExist())
        .andExpect(
            jsonPath("$.contactEmails", contains("switching@nle.example", "trials@nle.example")));
    patchNle("{\"takesPart\": false, \"category\": \"i_and_c\"}").andExpect(status().isOk());

    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(jsonPath("$.category").value("I_AND_C"))
        .andExpect(jsonPath("$.takesPart").value(false))
        .andExpect(jsonPath("$.history.length()").value(5))
        .andExpect(jsonPath("$.history[0].field").value("name"))
        .andExpect(jsonPath("$.history[0].from").value("Organisation NLE"))
        .andExpect(jsonPath("$.history[0].to").value("Northern Lights Energy plc"))
        .andExpect(jsonPath("$.history[0].user").value("rachel"))
        .andExpect(jsonPath("$.history[0].source").value("patch"))
        .andExpect(jsonPath("$.history[0].at").exists())
        .andExpect(jsonPath("$.history[1].field").value("region"))
        .andExpect(jsonPath("$.history[1].from").value("North West"))
        .andExpect(jsonPath("$.history[2].field").value("contacts"))
        .andExpect(jsonPath("$.history[2].from").value("trials@nle.example"))
        .andExpect(jsonPath("$.history[2].to").value("switching@nle.example; trials@nle.example"))
        .andExpect(jsonPath("$.history[3].field").value("category"))
        .andExpect(jsonPath("$.history[4].field").value("takesPart"))
        .andExpect(jsonPath("$.history[4].to").value("false"))
        .andExpect(jsonPath("$.contacts[0].email").value("switching@nle.example"))
        .andExpect(jsonPath("$.contacts[0].state").value("CONFIRMED"))
        .andExpect(jsonPath("$.contacts[0].source").value("patch"))
        .andExpect(jsonPath("$.contacts[0].confirmedBy").value("rachel"))
        .andExpect(jsonPath("$.contacts[1].source").value("registration"));
    assertThat(participants.contactEmails())
        .as("an organisation that no longer takes part gets no more email")
        .containsExactly("ops@brg.example");
    assertThat(participants.contactEmailsOf("NLE")).isEmpty();

    patchNle("{\"name\": \"Northern Lights Energy plc\"}").andExpect(status().isOk());
    assertThat(history()).as("a patch that changes nothing adds no history").isEqualTo(5);
  }

  @Test
  void shouldRefuseABadPatchNamingTheFieldAndChangeNothing() throws Exception {
    refused("{\"contacts\": [\"trials@nle.example\", \"not an address\"]}", "contacts[1]")
        .andExpect(
            jsonPath("$.detail").value("contacts[1]: 'not an address' is not an email address"));
    refused("{\"contacts\": []}", "contacts");
    refused("{\"contacts\": \"trials@nle.example\"}", "contacts");
    refused("{\"contacts\": [42]}", "contacts[0]");
    refused("{\"colour\": \"blue\"}", "colour")
        .andExpect(jsonPath("$.detail").value(containsString("takesPart")));
    refused("{\"name\": 5}", "name");
    refused("{\"name\": null}", "name");
    refused("{\"name\": \"Nul\\u0000\"}", "name");
    refused("{\"category\": \"BIG6\"}", "category");
    refused("{\"takesPart\": \"no\"}", "takesPart");
    refused("{\"name\": \"Fine\", \"takesPart\": \"no\"}", "takesPart");
    refused("[]", "body");
    mvc.perform(
            patch("/api/participants/NLE")
                .with(as("rachel"))
                .contentType("application/merge-patch+json")
                .content("{\"name\": "))
        .andExpect(status().isBadRequest());
    mvc.perform(
            patch("/api/participants/NOPE")
                .with(as("rachel"))
                .contentType("application/merge-patch+json")
                .content("{\"name\": \"X\"}"))
        .andExpect(status().isNotFound());

    assertThat(participants.get("NLE"))
        .isEqualTo(
            new Participant(
                "NLE",
                "Organisation NLE",
                Category.LARGE_SUPPLIER,
                "North West",
                List.of("trials@nle.example"),
                true));
    assertThat(history()).isZero();
  }

  @Test
  void shouldLetOnlyReleaseManagersPatchTheRegistry() throws Exception {
    for (String user : List.of("nia", "devon")) {
      mvc.perform(
              patch("/api/participants/NLE")
                  .with(as(user))
                  .contentType("application/merge-patch+json")
                  .content("{\"name\": \"Mine now\"}"))
          .andExpect(status().isForbidden());
    }
    mvc.perform(
            patch("/api/participants/NLE")
                .contentType("application/merge-patch+json")
                .content("{\"name\": \"Mine now\"}"))
        .andExpect(status().isUnauthorized());
    assertThat(participants.get("NLE").name()).isEqualTo("Organisation NLE");
  }

  @Test
  void shouldUpdateKnownOrganisationsOnReImportAndCreateNewOnes() throws Exception {
    importCsv(
            """
            code,name,category,region,contactEmails,takesPart
            NLE,Northern Lights Energy,LARGE_SUPPLIER,North West,trials@nle.example;ops@nle.example,true
            BRG,Organisation BRG,CHALLENGER,North West,ops@brg.example,true
            NEW,New Energy,GT,,hello@new.example,false
            """)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.created", contains("NEW")))
        .andExpect(jsonPath("$.updated", contains("NLE")))
        .andExpect(jsonPath("$.unchanged", contains("BRG")));

    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(jsonPath("$.name").value("Northern Lights Energy"))
        .andExpect(jsonPath("$.contactEmails", contains("ops@nle.example", "trials@nle.example")))
        .andExpect(jsonPath("$.history[0].field").value("name"))
        .andExpect(jsonPath("$.history[0].source").value("import"))
        .andExpect(jsonPath("$.history[0].user").value("rachel"))
        .andExpect(jsonPath("$.history[1].field").value("contacts"))
        .andExpect(jsonPath("$.history[1].to").value("ops@nle.example; trials@nle.example"));
    assertThat(participants.get("NEW").takesPart()).isFalse();

    importCsv(
            """
            code,name,category,contactEmails
            BRG,Organisation BRG,CHALLENGER,ops@brg.example
            """)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").isEmpty())
        .andExpect(jsonPath("$.unchanged", contains("BRG")));
    assertThat(participants.get("BRG").region())
        .as("an optional column left out keeps the registry's value")
        .isEqualTo("North West");
    importCsv(
            """
            code,name,category,region,contactEmails,takesPart
            BRG,Organisation BRG,CHALLENGER,,ops@brg.example,
            """)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.updated", contains("BRG")));
    assertThat(participants.get("BRG").region()).as("an empty cell clears").isNull();
  }

  @Test
  void shouldChangeNothingWhenOneRowOfAReImportIsBad() throws Exception {
    int before = history();
    importCsv(
            """
            code,name,category,contactEmails
            NLE,Renamed,LARGE_SUPPLIER,trials@nle.example
            NEW,New Energy,GT,hello@new.example
            BRG,Organisation BRG,CHALLENGER,not-an-address
            """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.line").value(4))
        .andExpect(jsonPath("$.field").value("contactEmails[0]"));

    assertThat(participants.get("NLE").name()).isEqualTo("Organisation NLE");
    assertThat(participants.exists("NEW")).isFalse();
    assertThat(history()).isEqualTo(before);
  }

  private ResultActions refused(String body, String field) throws Exception {
    return patchNle(body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
  }

  @Test
  void shouldAskOnlyRegisteredOrganisationsTakingPartNamingTheWrongOnes() throws Exception {
    assertThat(participants.organisationsToAsk(null)).containsExactly("BRG", "NLE");
    assertThat(participants.organisationsToAsk(List.of(" nle", "BRG", "NLE")))
        .containsExactly("BRG", "NLE");
    assertThat(refusal(List.of("NLE", "NOPE")))
        .isEqualTo("participants[1]: 'NOPE' is not a registered participant");
    assertThat(refusal(List.of("NOPE", "NLE", "GONE")))
        .isEqualTo("participants: 'NOPE', 'GONE' are not registered participants");
    assertThat(refusal(List.of())).startsWith("participants: must name at least one");
    patchNle("{\"takesPart\": false}").andExpect(status().isOk());
    assertThat(refusal(List.of("BRG", "nle")))
        .isEqualTo("participants[1]: 'NLE' does not take part in this phase");
    assertThat(participants.organisationsToAsk(null)).containsExactly("BRG");
  }

  private String refusal(List<String> given) {
    try {
      participants.organisationsToAsk(given);
      throw new AssertionError("accepted " + given);
    } catch (uk.ccmt.system.InvalidInputException refused) {
      return refused.getMessage();
    }
  }

  private ResultActions patchNle(String body) throws Exception {
    return mvc.perform(
        patch("/api/participants/NLE")
            .with(as("rachel"))
            .contentType("application/merge-patch+json")
            .content(body));
  }

  private ResultActions importCsv(String csv) throws Exception {
    return mvc.perform(
        post("/api/participants/import").with(as("rachel")).contentType("text/csv").content(csv));
  }

  private int history() {
    return jdbc.sql("select count(*) from participant_history").query(Integer.class).single();
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }
}
