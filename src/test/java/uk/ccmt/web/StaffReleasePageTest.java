package uk.ccmt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.release.ReleaseStarter;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * A release manager audits a finished baseline release on its staff page: who decided what, every
 * deployment attempt with its commands' whole output, and the emails about it with their state. The
 * build fails once in each environment (a fault of the environment), so the development team gives
 * the same build back each time and it is redeployed.
 */
@CcmtTest
class StaffReleasePageTest extends ProcessTestSupport {

  @Autowired ReleaseStarter starter;

  @Autowired DeploymentService deployments;

  @Autowired MockMvc mvc;

  @Autowired uk.ccmt.note.ReleaseNoteService notes;

  @Autowired uk.ccmt.note.ReleaseNoteMailing mailing;

  @Test
  void shouldShowAFinishedReleaseWithEveryDecisionAttemptAndEmail() throws Exception {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("tessa", Groups.TEST_TEAM);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser("nia", "NLE");
    String id = starter.startBaseline("BASELINE", "1.0.0-flaky");
    ProcessInstance baseline = subProcess(id, "baselineRelease");

    for (int step = 0; step < 20 && running(baseline); step++) {
      runDueJobs();
      if (hasTask(id, "correctReleaseErrors")) {
        as(
            "devon",
            () ->
                complete(
                    id,
                    "correctReleaseErrors",
                    Map.of(
                        "buildVersion",
                        "1.0.0-flaky",
                        "comment",
                        "<script>alert('load balancer')</script>")),
            Groups.DEVELOPMENT_TEAM);
      } else if (hasTask(id, "recordInternalTestResults")) {
        as(
            "tessa",
            () -> complete(id, "recordInternalTestResults", Map.of("failedDefects", jsonArray())),
            Groups.TEST_TEAM);
      } else {
        break;
      }
    }
    assertThat(baseline).isEnded();
    List<DeploymentAttempt> attempts = deployments.history(id);
    assertThat(attempts).hasSize(8);

    String page = staffPage(id);

    assertThat(page)
        .contains("Release BL-1", "deployed", "Europe/London")
        .contains("devon", "redeploy same build", "tessa", "signed off")
        .as("a comment is shown as text, never as markup")
        .contains("&lt;script&gt;alert(&#39;load balancer&#39;)&lt;/script&gt;")
        .doesNotContain("<script>");
    for (DeploymentAttempt attempt : attempts) {
      assertThat(page).contains(escaped(attempt.output()));
      if (attempt.smokeTestOutput() != null) {
        assertThat(page).contains(escaped(attempt.smokeTestOutput()));
      }
    }
    assertThat(page)
        .as("the failure emails to the release managers, with their delivery state")
        .contains("Deployment failed: BL-1 build 1.0.0-flaky in DEV1", "sent");
    assertThat(page).containsPattern("\\d{1,2} [A-Z][a-z]+ 20\\d\\d, \\d\\d:\\d\\d (GMT|BST)");

    mvc.perform(
            get("/api/releases/" + id + "/decisions").with(httpBasic("tessa", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andExpect(jsonPath("$[0].task").value("correctReleaseErrors"))
        .andExpect(jsonPath("$[0].decision").value("redeploy same build"))
        .andExpect(jsonPath("$[0].user").value("devon"))
        .andExpect(jsonPath("$[0].values.buildVersion").value("1.0.0-flaky"))
        .andExpect(jsonPath("$[0].at").isString());
    mvc.perform(get("/staff/releases/" + id).with(httpBasic("nia", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    mvc.perform(get("/api/releases/" + id + "/decisions").with(httpBasic("nia", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isForbidden());
    mvc.perform(get("/staff/releases/" + id))
        .andExpect(MockMvcResultMatchers.status().isUnauthorized());
    mvc.perform(get("/staff/releases/R-1999-W01").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isNotFound());
    mvc.perform(
            get("/api/releases/R-1999-W01/decisions").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isNotFound());
  }

  @Test
  void shouldShowEveryNoteVersionAndTheEmailsOfItsRelease() throws Exception {
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.fixedDefect("D-1", "1.4.0");
    String id = given.weeklyReleaseOfFixedDefects("2026-W49").id();
    mailing.queue(notes.createProvisional(id));
    mailing.queue(notes.createProvisional(id));
    mailing.queue(notes.createFinal(id));

    String page = staffPage(id);

    assertThat(page)
        .contains(
            "Provisional release note R-2026-W49", "version 2", "Final release note R-2026-W49")
        .contains("trials@nle.example", "pending")
        .contains("No decision has been recorded yet.");
  }

  private boolean running(ProcessInstance instance) {
    return engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .count()
        > 0;
  }

  private static String escaped(String text) {
    return org.springframework.web.util.HtmlUtils.htmlEscape(text);
  }

  /** The release's staff page as a release manager sees it. */
  private String staffPage(String id) throws Exception {
    return mvc.perform(get("/staff/releases/" + id).with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(MockMvcResultMatchers.status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
