package uk.ccmt.postgres;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.notification.BouncedAddresses;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;

/**
 * The registry's statements on PostgreSQL (V21): a PATCH with history under the participant's row
 * lock, a re-import that updates, a bounce, the bounced list and the KPIs.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresRegistryTest extends ProcessTestSupport {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired MockMvc mvc;

  @Autowired BouncedAddresses bounces;

  @Test
  void shouldKeepTheRegistryCurrentOnPostgres() throws Exception {
    clockAt("2026-12-07T09:00:00Z");
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example", "gone@nle.example");

    mvc.perform(
            patch("/api/participants/NLE")
                .with(as("rachel"))
                .contentType("application/merge-patch+json")
                .content("{\"region\": null, \"takesPart\": false}"))
        .andExpect(MockMvcResultMatchers.status().isOk());
    mvc.perform(
            post("/api/participants/import")
                .with(as("rachel"))
                .contentType("text/csv")
                .content(
                    """
                    code,name,category,contactEmails
                    NLE,Northern Lights,LARGE_SUPPLIER,trials@nle.example;gone@nle.example
                    PGN,New on Postgres,GT,pgn@pgn.example
                    """))
        .andExpect(MockMvcResultMatchers.status().isCreated())
        .andExpect(jsonPath("$.updated", Matchers.contains("NLE")))
        .andExpect(jsonPath("$.created", Matchers.contains("PGN")));
    bounces.bounced("gone@nle.example", "550 5.1.1 no such user");

    mvc.perform(get("/api/participants/bounces").with(as("rachel")))
        .andExpect(jsonPath("$[0].email").value("gone@nle.example"))
        .andExpect(jsonPath("$[0].bouncedAt").value("2026-12-07T09:00:00Z"));
    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(jsonPath("$.contactEmails", Matchers.contains("trials@nle.example")))
        .andExpect(jsonPath("$.takesPart").value(false))
        .andExpect(
            jsonPath(
                "$.history[*].field",
                Matchers.contains("region", "takesPart", "name", "contactState")))
        .andExpect(jsonPath("$.history[0].at").value("2026-12-07T09:00:00Z"));
    mvc.perform(get("/api/participants/NLE/kpis").with(as("rachel")))
        .andExpect(jsonPath("$.informationRequests.asked").value(0));
    mvc.perform(get("/staff/participants").with(as("rachel")))
        .andExpect(MockMvcResultMatchers.status().isOk());
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }
}
