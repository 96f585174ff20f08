package uk.ccmt.partnering;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * /api/partnering and self-arranged partnerships, as release managers and organisations call them.
 */
@CcmtTest
class PartneringApiTest extends ProcessTestSupport {

  @Autowired MockMvc mvc;

  @BeforeEach
  void phase() {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("CWE", "CHALLENGER", "ops@cwe.example");
    given.participant("PLM", "CHALLENGER", "testing@plm.example");
    given.participant("NGT", "GT", "gt@ngt.example");
    given.participantNotTakingPart("OUT", "nobody@out.example");
    given.organisationUser("nia", "NLE");
    given.organisationUser("cal", "CWE");
  }

  @Test
  void shouldStartOneRoundAtATimeAndShowItsPairsWithTheirReasons() throws Exception {
    mvc.perform(post("/api/partnering").with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    String location =
        mvc.perform(post("/api/partnering").with(as("rachel")))
            .andExpect(MockMvcResultMatchers.status().isCreated())
            .andExpect(jsonPath("$.id").value(Matchers.startsWith("P-")))
            .andReturn()
            .getResponse()
            .getHeader("Location");
    mvc.perform(post("/api/partnering").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isConflict());
    runDueJobs();

    mvc.perform(get(location).with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(jsonPath("$.state").value("REVIEWING"))
        .andExpect(jsonPath("$.pairs[0].a").isString())
        .andExpect(jsonPath("$.pairs[0].b").isString())
        .andExpect(jsonPath("$.pairs[0].reason").isString())
        .andExpect(jsonPath("$.pairs[0].state").value("PROPOSED"))
        .andExpect(jsonPath("$.unmet").isArray())
        .andExpect(jsonPath("$.pairs[*].a", Matchers.not(Matchers.hasItem("NGT"))))
        .andExpect(jsonPath("$.pairs[*].b", Matchers.not(Matchers.hasItem("NGT"))));
    mvc.perform(get("/api/partnering/P-999").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isNotFound());
    mvc.perform(get(location).with(as("nia")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
  }

  @Test
  void shouldConfirmASelfArrangedPartnershipWhenThePartnerDeclaresItBack() throws Exception {
    declare("NLE", "nia", "CWE")
        .andExpect(MockMvcResultMatchers.status().isCreated())
        .andExpect(header().string("Location", "/api/participants/NLE/partners"))
        .andExpect(jsonPath("$.confirmed").value(false));
    declare("CWE", "cal", "nle")
        .andExpect(MockMvcResultMatchers.status().isCreated())
        .andExpect(jsonPath("$.confirmed").value(true));

    mvc.perform(get("/api/participants/NLE/partners").with(as("nia")))
        .andExpect(jsonPath("$[0].partner").value("CWE"))
        .andExpect(jsonPath("$[0].confirmed").value(true));
  }

  @Test
  void shouldRefuseASelfArrangedPartnershipThatMakesNoSenseNamingThePartner() throws Exception {
    declare("NLE", "nia", "NOPE")
        .andExpect(MockMvcResultMatchers.status().isBadRequest())
        .andExpect(jsonPath("$.field").value("partner"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("NOPE")));
    declare("NLE", "nia", "NLE")
        .andExpect(MockMvcResultMatchers.status().isBadRequest())
        .andExpect(jsonPath("$.field").value("partner"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("itself")));
    declare("NLE", "nia", "OUT")
        .andExpect(MockMvcResultMatchers.status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("does not take part")));
    declare("NLE", "nia", "")
        .andExpect(MockMvcResultMatchers.status().isBadRequest())
        .andExpect(jsonPath("$.field").value("partner"));
    declare("CWE", "nia", "PLM").andExpect(MockMvcResultMatchers.status().isForbidden());
    declare("NLE", "rachel", "PLM").andExpect(MockMvcResultMatchers.status().isCreated());
    mvc.perform(get("/api/participants/NLE/partners").with(as("cal")))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
  }

  private ResultActions declare(String code, String user, String partner) throws Exception {
    return mvc.perform(
        post("/api/participants/" + code + "/partners")
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"partner\": \"" + partner + "\"}"));
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }
}
