package uk.ccmt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import uk.ccmt.notification.OutboundEmail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;
import uk.ccmt.system.ReadableDates;

/**
 * The release managers' sent-mail page (issue 17): every email, filtered, with times in the
 * calendar zone, a page per email with its headers and both parts, behind the staff sign-in form.
 */
@CcmtTest
class SentMailPageTest {

  @Autowired MockMvc mvc;

  @Autowired Outbox outbox;

  @Autowired TestData given;

  @Autowired ReadableDates dates;

  @Test
  void shouldShowReleaseManagersWhatWasSentAndToWhomInTheCalendarZone() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    outbox.queue(
        "release-note:1",
        "Final release note R-2026-W49 <b>",
        null,
        "Deployed",
        List.of("ops@cwe.example"));
    outbox.deliver("release-note:1");
    OutboundEmail sent = outbox.ofMessage("release-note:1").get(0);

    String page = page("/mail");

    assertThat(page)
        .contains("Email sent by CCMT Release Manager", "ops@cwe.example")
        .contains("Final release note R-2026-W49 &lt;b&gt;")
        .doesNotContain("R-2026-W49 <b>")
        .contains(">sent<")
        .as("queued and sent as people read them, not as instants")
        .contains(dates.describeShort(sent.createdAt()), dates.describeShort(sent.sentAt()))
        .doesNotContain(sent.createdAt().toString())
        .containsPattern(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} 20\\d\\d \\d\\d:\\d\\d (GMT|BST)")
        .contains("href=\"/mail/" + sent.id() + "\"");
  }

  @Test
  void shouldFilterByRecipientSubjectAndState() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    outbox.queue("note:1", "Final release note R-2026-W49", null, "x", List.of("ops@cwe.example"));
    outbox.queue(
        "note:2", "Provisional release note R-2026-W50", null, "y", List.of("it@nle.example"));
    outbox.queue(
        "chase:1", "Chase overdue request IR-1", null, "z", List.of("rachel@ccmt.example"));
    outbox.deliver("note:1");

    assertThat(page("/mail?recipient=CWE.example"))
        .contains("ops@cwe.example")
        .doesNotContain("it@nle.example", "rachel@ccmt.example");
    assertThat(page("/mail?subject=release NOTE"))
        .contains("ops@cwe.example", "it@nle.example")
        .doesNotContain("rachel@ccmt.example");
    assertThat(page("/mail?state=pending"))
        .contains("it@nle.example", "rachel@ccmt.example")
        .doesNotContain("ops@cwe.example");
    assertThat(page("/mail?state=SENT&subject=W50")).contains("No email matches these filters.");
    assertThat(page("/mail?subject=%"))
        .as("a % is a character, not a wildcard")
        .contains("No email matches these filters.");
    assertThat(page("/mail?limit=1"))
        .as("newest first")
        .contains("rachel@ccmt.example")
        .doesNotContain("ops@cwe.example");
  }

  @Test
  void shouldRefuseABadFilterNamingIt() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);

    for (String[] bad :
        new String[][] {
          {"state", "lost"},
          {"limit", "0"},
          {"limit", "501"},
          {"limit", "ten"},
          {"subject", "x".repeat(301)}
        }) {
      mvc.perform(get("/mail").param(bad[0], bad[1]).with(httpBasic("rachel", TestData.PASSWORD)))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.field").value(bad[0]));
    }
    mvc.perform(get("/mail/not-a-number").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("id"));
    mvc.perform(get("/mail/999999999").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isNotFound());
  }

  @Test
  void shouldShowOneEmailsHeadersAndBothPartsWithTheHtmlAsText() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    outbox.queue(
        "release-note:7",
        "Provisional release note R-2026-W49",
        "<p>Deployed <script>alert('x')</script></p>",
        "Deployed, as text",
        List.of("ops@cwe.example"));
    OutboundEmail email = outbox.ofMessage("release-note:7").get(0);

    String page = page("/mail/" + email.id());

    assertThat(page)
        .contains("release-note:7", "ops@cwe.example", "Provisional release note R-2026-W49")
        .contains(">pending<", dates.describeShort(email.createdAt()), "not yet")
        .contains("Deployed, as text")
        .as("the HTML part is shown as its escaped source, never as markup of the page")
        .contains("&lt;p&gt;Deployed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/p&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void shouldSendABrowserToTheSignInFormAndAScriptA401WithoutAPrompt() throws Exception {
    mvc.perform(get("/mail").accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/staff/login"))
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(get("/staff/releases/R-2026-W49").accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(get("/mail"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(get("/mail").accept(MediaType.TEXT_HTML).with(httpBasic("nobody", "wrong")))
        .andExpect(status().isFound())
        .andExpect(header().doesNotExist("WWW-Authenticate"));
  }

  @Test
  void shouldSignInWithTheFormAndItsCsrfTokenAndStaySignedIn() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    MvcResult form =
        mvc.perform(get("/staff/login").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Sign in")))
            .andReturn();
    MockHttpSession session = (MockHttpSession) form.getRequest().getSession();
    // An unknown user, as a wrong password would hold back Camunda's next sign-in of rachel.
    String token = csrfToken(form.getResponse().getContentAsString());

    mvc.perform(
            post("/staff/login")
                .session(session)
                .param("username", "nobody")
                .param("password", "wrong")
                .param("_csrf", token))
        .andExpect(redirectedUrl("/staff/login?error"));
    // without the form's CSRF token
    mvc.perform(
            post("/staff/login")
                .session(session)
                .param("username", "rachel")
                .param("password", TestData.PASSWORD))
        .andExpect(status().isForbidden());
    MvcResult signedIn =
        mvc.perform(
                post("/staff/login")
                    .session(session)
                    .param("username", "rachel")
                    .param("password", TestData.PASSWORD)
                    .param("_csrf", token))
            .andExpect(redirectedUrl("/mail"))
            .andReturn();
    MockHttpSession rachels = (MockHttpSession) signedIn.getRequest().getSession();

    mvc.perform(get("/mail").accept(MediaType.TEXT_HTML).session(rachels))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Email sent by CCMT Release Manager")))
        .andExpect(content().string(not(containsString("Sign in to the staff pages"))));
  }

  @Test
  void shouldKeepTheSentMailFromAnyoneElse() throws Exception {
    given.user("paula", Groups.PARTICIPANTS);
    given.user("devon", Groups.DEVELOPMENT_TEAM);

    mvc.perform(get("/mail")).andExpect(status().isUnauthorized());
    mvc.perform(get("/mail").with(httpBasic("paula", TestData.PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/mail").with(httpBasic("devon", TestData.PASSWORD)))
        .andExpect(status().isForbidden());
  }

  private String page(String path) throws Exception {
    return mvc.perform(get(path).with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static String csrfToken(String html) {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(token.find()).as("the form carries a CSRF token").isTrue();
    return token.group(1);
  }
}
