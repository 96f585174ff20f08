package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.Groups;

@CcmtTest
class ParticipantApiTest {

  @Autowired MockMvc mvc;

  @Autowired TestData given;

  @Autowired JdbcClient jdbc;

  @Autowired ManagementService jobs;

  @Autowired ParticipantService participants;

  @Autowired org.camunda.bpm.engine.IdentityService identity;

  @BeforeEach
  void users() {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    given.user("paula", Groups.PARTICIPANTS);
  }

  @Test
  void shouldRegisterAParticipantWithItsContacts() throws Exception {
    register(
            """
        {"code": "nle", "name": "Northern Lights Energy", "category": "LARGE_SUPPLIER", "region": "North West",
         "contactEmails": ["Trials@NorthernLights.example", "switching@northernlights.example"]}""")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/participants/NLE"))
        .andExpect(jsonPath("$.code").value("NLE"))
        .andExpect(jsonPath("$.takesPart").value(true));

    mvc.perform(get("/api/participants/NLE").with(as("rachel")))
        .andExpect(
            jsonPath(
                "$.contactEmails",
                contains("switching@northernlights.example", "trials@northernlights.example")));
    assertThat(participants.contactEmails()).hasSize(2);
  }

  @Test
  void shouldMailOnlyOrganisationsTakingPart() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-07T09:00:00Z")));
    register(
            """
        {"code": "AAA", "name": "Taking part", "category": "CHALLENGER", "contactEmails": ["a@a.example"]}""")
        .andExpect(status().isCreated());
    register(
            """
        {"code": "BBB", "name": "Sitting out", "category": "CHALLENGER", "contactEmails": ["b@b.example"],
         "takesPart": false}""")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.takesPart").value(false));

    mvc.perform(
            post("/api/information-requests")
                .with(as("rachel"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"types": ["CONTACT_DETAILS"], "dueDate": "2026-12-11"}"""))
        .andExpect(status().isCreated());
    runJobs();

    assertThat(TestMailServer.received())
        .extracting(mail -> mail.getAllRecipients()[0].toString())
        .containsExactly("a@a.example");
    assertThat(TestMailServer.received().get(0).getSubject()).startsWith("Information request IR-");
    assertThat(participants.contactEmails()).containsExactly("a@a.example");
  }

  @Test
  void shouldRefuseAnInvalidEmailNamingTheFieldAndWriteNothing() throws Exception {
    register(
            """
        {"code": "NLE", "name": "Northern Lights Energy", "category": "LARGE_SUPPLIER",
         "contactEmails": ["trials@northernlights.example", "not an address"]}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("contactEmails[1]"))
        .andExpect(
            jsonPath("$.detail")
                .value("contactEmails[1]: 'not an address' is not an email address"));

    assertThat(rows()).isZero();
  }

  @Test
  void shouldRefuseAnAddressWithATrailingCommaThatNoMailServerWouldTake() throws Exception {
    register(
            """
        {"code": "NLE", "name": "Northern Lights Energy", "category": "LARGE_SUPPLIER",
         "contactEmails": ["trials@northernlights.example,"]}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("contactEmails[0]"));
    assertThat(rows()).isZero();
  }

  @Test
  void shouldRefuseBadCodesCategoriesAndDuplicates() throws Exception {
    register(
            """
        {"code": "N-L-E", "name": "X", "category": "CHALLENGER", "contactEmails": ["a@b.example"]}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("code"));
    register(
            """
        {"code": "NLE", "name": "X", "category": "BIG6", "contactEmails": ["a@b.example"]}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("category"));
    register(
            """
        {"code": "NLE", "name": "X", "category": "CHALLENGER", "contactEmails": []}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("contactEmails"));
    assertThat(rows()).isZero();

    register(
            """
        {"code": "NLE", "name": "X", "category": "CHALLENGER", "contactEmails": ["a@b.example"]}""")
        .andExpect(status().isCreated());
    register(
            """
        {"code": "NLE", "name": "Y", "category": "GT", "contactEmails": ["c@d.example"]}""")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.field").value("code"));
    assertThat(participants.get("NLE"))
        .satisfies(
            kept -> {
              assertThat(kept.name()).isEqualTo("X");
              assertThat(kept.contactEmails()).containsExactly("a@b.example");
            });
  }

  @Test
  void shouldImportAProgrammesParticipantListWithAGroupForEachOrganisation() throws Exception {
    importCsv(
            """
        code,name,category,region,contactEmails,takesPart
        IMPA,"Thames Power, Gas & Light",LARGE_SUPPLIER,South East,trials@impa.example;ops@impa.example,true
        IMPB,Plume Energy,challenger,Scotland,testing@impb.example,
        IMPC,Sitting Out Ltd,I_AND_C,,nobody@impc.example,false
        """)
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.created", contains("IMPA", "IMPB", "IMPC")))
        .andExpect(jsonPath("$.updated").isEmpty())
        .andExpect(jsonPath("$.unchanged").isEmpty());
    assertThat(participants.get("IMPA").name()).isEqualTo("Thames Power, Gas & Light");
    assertThat(participants.get("IMPA").contactEmails())
        .containsExactlyInAnyOrder("trials@impa.example", "ops@impa.example");
    assertThat(participants.get("IMPB").category()).isEqualTo(Category.CHALLENGER);
    assertThat(participants.get("IMPB").takesPart()).isTrue();
    assertThat(participants.get("IMPC").takesPart()).isFalse();

    assertThat(
            identity
                .createGroupQuery()
                .groupIdIn("participant-IMPA", "participant-IMPB", "participant-IMPC")
                .count())
        .isEqualTo(3);
  }

  @Test
  void shouldRejectTheWholeFileWhenOneRowIsBadAndSayWhichLine() throws Exception {
    importCsv(
            """
        code,name,category,region,contactEmails
        BADA,Good One,CHALLENGER,London,a@bada.example
        BADB,Bad Category,BIG_SIX,London,b@badb.example
        BADC,Good Two,GT,Wales,c@badc.example
        """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("category"))
        .andExpect(jsonPath("$.line").value(3))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("line 3: category: 'BIG_SIX'")));

    assertThat(rows()).isZero();
    assertThat(
            identity.createGroupQuery().groupIdIn("participant-BADA", "participant-BADC").count())
        .isZero();

    importCsv(
            """
        code,name,category,contactEmails
        DUPA,One,CHALLENGER,a@dupa.example
        DUPA,Two,CHALLENGER,b@dupa.example
        """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.line").value(3))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("'DUPA' is on line 2 already")));
    importCsv("code,name\nX,Y\n")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("header"));
    assertThat(rows()).isZero();
  }

  @Test
  void shouldLetOnlyTheAdministratorAddAnOrganisationsUsers() throws Exception {
    given.participant("USR", "CHALLENGER", "a@usr.example");
    given.user("camille", Groups.ADMINISTRATORS);
    String user =
        """
        {"id": "uma-usr", "firstName": "Uma", "lastName": "User", "email": "Uma@usr.example", "password": "long-enough-1"}""";

    mvc.perform(
            post("/api/participants/USR/users")
                .with(as("rachel"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/api/participants/USR/users")
                .with(as("camille"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user.replace("long-enough-1", "short")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("password"));
    mvc.perform(
            post("/api/participants/USR/users")
                .with(as("camille"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(user))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.email").value("uma@usr.example"));
    mvc.perform(get("/api/participants/USR/users").with(as("camille")))
        .andExpect(jsonPath("$[*].id", contains("uma-usr")));

    assertThat(identity.createGroupQuery().groupMember("uma-usr").list())
        .extracting(group -> group.getId())
        .containsExactlyInAnyOrder("participant-USR", Groups.PARTICIPANTS);
    identity.deleteUser("uma-usr");
  }

  @Test
  void shouldKeepTheRegistryToTheReleaseManagers() throws Exception {
    mvc.perform(get("/api/participants")).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/participants").with(as("paula"))).andExpect(status().isForbidden());
    mvc.perform(
            post("/api/participants")
                .with(as("paula"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isForbidden());
  }

  /** The campaign's steps and emails, as the job executor would run them. */
  private void runJobs() {
    for (int round = 0; round < 50; round++) {
      // the weekly release's Monday start timer is no part of this
      List<Job> due =
          jobs.createJobQuery().executable().list().stream()
              .filter(job -> job.getProcessInstanceId() != null)
              .toList();
      if (due.isEmpty()) {
        return;
      }
      jobs.executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs keep coming");
  }

  private ResultActions importCsv(String csv) throws Exception {
    return mvc.perform(
        post("/api/participants/import").with(as("rachel")).contentType("text/csv").content(csv));
  }

  private ResultActions register(String json) throws Exception {
    return mvc.perform(
        post("/api/participants")
            .with(as("rachel"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json));
  }

  private int rows() {
    return jdbc.sql("select count(*) from participant").query(Integer.class).single()
        + jdbc.sql("select count(*) from participant_contact").query(Integer.class).single();
  }

  private static RequestPostProcessor as(String user) {
    return httpBasic(user, TestData.PASSWORD);
  }
}
