package uk.ccmt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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

/**
 * The staff area's last gaps (issue 17): an email's HTML part rendered where nothing in it can run,
 * pages in the product's layout for a refusal and an unknown email, and everyone landing after the
 * sign-in form on a page they may see.
 */
@CcmtTest
class StaffAreaPagesTest {

  private static final String SCRIPTED_HTML =
      "<p style=\"color: #0b5cad\">Deployed</p><script>document.title='ran'</script>"
          + "<img src=\"https://tracker.example/pixel.gif\" alt=\"\">";

  @Autowired MockMvc mvc;

  @Autowired Outbox outbox;

  @Autowired TestData given;

  @Test
  void shouldRenderTheHtmlPartInASandboxedFrameWithAPolicyThatRunsNothing() throws Exception {
    given.releaseManager("rachel");
    OutboundEmail email = queued("release-note:html", SCRIPTED_HTML);

    MvcResult page =
        mvc.perform(get("/mail/" + email.id()).with(httpBasic("rachel", TestData.PASSWORD)))
            .andExpect(status().isOk())
            .andReturn();
    String html = page.getResponse().getContentAsString();
    Matcher frame = Pattern.compile("<iframe[^>]*>").matcher(html);
    assertThat(frame.find()).as("the HTML part has a frame").isTrue();
    assertThat(frame.group())
        .contains("sandbox=\"\"", "src=\"/mail/" + email.id() + "/html\"", "title=\"HTML part of")
        .doesNotContain("allow-scripts", "allow-same-origin", "srcdoc");
    assertThat(html)
        .as("the source is still there, escaped, and nothing of it is markup of the page")
        .contains("&lt;script&gt;document.title=&#39;ran&#39;&lt;/script&gt;")
        .doesNotContain("<script");
    assertThat(page.getResponse().getHeader("Content-Security-Policy"))
        .as("the page may frame only its own origin, and nobody may frame the page")
        .contains("default-src 'none'", "frame-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("script-src", "unsafe-inline");
    assertThat(page.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");

    MvcResult part =
        mvc.perform(
                get("/mail/" + email.id() + "/html").with(httpBasic("rachel", TestData.PASSWORD)))
            .andExpect(status().isOk())
            .andReturn();
    assertThat(part.getResponse().getContentType()).startsWith("text/html");
    assertThat(part.getResponse().getContentAsString()).isEqualTo(SCRIPTED_HTML);
    String policy = part.getResponse().getHeader("Content-Security-Policy");
    assertThat(policy)
        .as("no script, nothing fetched, framed by this application only, sandboxed on its own")
        .contains(
            "default-src 'none'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "frame-ancestors 'self'")
        .containsPattern("(^|; )sandbox(;|$)")
        .doesNotContain("script-src", "allow-scripts", "https:", "'self'; img");
    assertThat(part.getResponse().getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    assertThat(part.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void shouldKeepTheHtmlPartFromAnyoneButTheReleaseManagers() throws Exception {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("paula", Groups.PARTICIPANTS);
    OutboundEmail email = queued("release-note:kept", SCRIPTED_HTML);
    OutboundEmail textOnly = queued("release-note:text", null);

    mvc.perform(get("/mail/" + email.id() + "/html")).andExpect(status().isUnauthorized());
    for (String who : List.of("devon", "paula")) {
      mvc.perform(get("/mail/" + email.id() + "/html").with(httpBasic(who, TestData.PASSWORD)))
          .andExpect(status().isForbidden());
    }
    mvc.perform(
            get("/mail/" + textOnly.id() + "/html").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isNotFound());
    assertThat(
            mvc.perform(get("/mail/" + textOnly.id()).with(httpBasic("rachel", TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("This email has no HTML part.")
        .doesNotContain("<iframe");
  }

  @Test
  void shouldShowABrowserA403PageInTheLayoutSayingWhomToAsk() throws Exception {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("paula", Groups.PARTICIPANTS);
    MockHttpSession devon = signIn("devon");

    MvcResult refused =
        mvc.perform(get("/mail").accept(MediaType.TEXT_HTML).session(devon))
            .andExpect(status().isForbidden())
            .andReturn();
    String page = refused.getResponse().getContentAsString();
    assertThat(refused.getResponse().getContentType()).startsWith("text/html");
    assertThat(page)
        .contains("<html lang=\"en\"", "class=\"site-header\"", "<main>")
        .contains("This page is not for your account", "devon", "<code>/mail</code>")
        .contains("ask a release manager", "mailto:rachel@programme.example")
        .contains("href=\"/staff\"", "action=\"/staff/logout\"", "Sign out")
        .containsPattern("name=\"_csrf\" value=\"[^\"]+\"");

    mvc.perform(get("/staff/participants").accept(MediaType.TEXT_HTML).session(devon))
        .andExpect(status().isForbidden())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("/staff/participants")));
    // a participant's way home is Tasklist, not the staff home it may not see either
    mvc.perform(
            get("/staff/releases/R-2026-W49")
                .accept(MediaType.TEXT_HTML)
                .with(httpBasic("paula", TestData.PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(
            content()
                .string(org.hamcrest.Matchers.containsString("href=\"/camunda/app/tasklist/\"")));
    // the sign-out button on it works
    mvc.perform(
            post("/staff/logout")
                .accept(MediaType.TEXT_HTML)
                .session(devon)
                .param("_csrf", csrfToken(page)))
        .andExpect(redirectedUrl("/staff/login?logout"));
    assertThat(
            mvc.perform(get("/staff/login").param("logout", "").accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("You have signed out.");
  }

  @Test
  void shouldNotOfferAParticipantTheReleaseManagersAddresses() throws Exception {
    given.releaseManager("rachel");
    given.user("paula", Groups.PARTICIPANTS);

    assertThat(
            mvc.perform(
                    get("/mail")
                        .accept(MediaType.TEXT_HTML)
                        .with(httpBasic("paula", TestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("Your organisation's", "tasks are in Tasklist")
        .doesNotContain("mailto:", "rachel@programme.example", "ask a release manager");
  }

  @Test
  void shouldSendAnExpiredFormBackToTheSignInNotToARefusal() throws Exception {
    given.releaseManager("rachel");

    mvc.perform(
            post("/staff/login")
                .accept(MediaType.TEXT_HTML)
                .param("username", "rachel")
                .param("password", TestData.PASSWORD)
                .param("_csrf", "a-token-of-a-session-long-gone"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/staff/login?expired"));
    assertThat(
            mvc.perform(get("/staff/login").param("expired", "").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("open too long", "Sign in again");
  }

  @Test
  void shouldKeepTheProblemJsonForScripts() throws Exception {
    given.user("devon", Groups.DEVELOPMENT_TEAM);

    mvc.perform(get("/mail").with(httpBasic("devon", TestData.PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Forbidden"));
    mvc.perform(
            get("/mail")
                .accept(MediaType.APPLICATION_JSON)
                .with(httpBasic("devon", TestData.PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void shouldShowAnUnknownEmailAsA404PageInTheLayout() throws Exception {
    given.releaseManager("rachel");

    String page =
        mvc.perform(
                get("/mail/999999999")
                    .accept(MediaType.TEXT_HTML)
                    .with(httpBasic("rachel", TestData.PASSWORD)))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<html lang=\"en\"", "class=\"site-header\"", "Email not found", "999999999")
        .contains("href=\"/mail\"");

    // a script keeps the API's problem JSON
    mvc.perform(
            get("/mail/999999999")
                .accept(MediaType.APPLICATION_JSON)
                .with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    // only digits are an email's number, as the pages' policies read it
    for (String notANumber : List.of("+5", "-1", "abc")) {
      mvc.perform(
              get("/mail/" + notANumber + "/html")
                  .accept(MediaType.TEXT_HTML)
                  .with(httpBasic("rachel", TestData.PASSWORD)))
          .andExpect(status().isBadRequest());
    }
  }

  @Test
  void shouldLandEachRoleWhereItMayGo() throws Exception {
    given.releaseManager("rachel");
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    given.user("tessa", Groups.TEST_TEAM);
    given.user("paula", Groups.PARTICIPANTS);

    assertThat(landing("rachel", null)).isEqualTo("/mail");
    assertThat(landing("devon", null)).isEqualTo("/staff");
    assertThat(landing("tessa", null)).isEqualTo("/staff");
    assertThat(landing("paula", null)).isEqualTo("/camunda/app/tasklist/");
    assertThat(landing("devon", "/mail"))
        .as("not back to the release managers' page that sent devon to the form")
        .isEqualTo("/staff");
    assertThat(landing("tessa", "/staff/releases/R-2026-W49"))
        .as("back to the page asked for, which tessa may see")
        .contains("/staff/releases/R-2026-W49");
    assertThat(landing("rachel", "/staff/participants")).contains("/staff/participants");

    for (String who : List.of("devon", "tessa")) {
      String home =
          mvc.perform(get("/staff").accept(MediaType.TEXT_HTML).session(signIn(who)))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(home)
          .contains("Staff pages of CCMT Release Manager", "Signed in as <strong>" + who)
          .contains("href=\"/camunda/app/tasklist/\"", "Release records")
          .as("no link to what " + who + " may not open")
          .doesNotContain("href=\"/mail\"", "href=\"/staff/participants\"");
    }
    assertThat(
            mvc.perform(get("/staff").accept(MediaType.TEXT_HTML).session(signIn("rachel")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("href=\"/mail\"", "href=\"/staff/participants\"");
  }

  /** Signs in through the form, after first asking for this page (or none), and where it lands. */
  private String landing(String who, String askedFirst) throws Exception {
    MockHttpSession session = new MockHttpSession();
    if (askedFirst != null) {
      mvc.perform(get(askedFirst).accept(MediaType.TEXT_HTML).session(session))
          .andExpect(status().isFound());
    }
    MvcResult form =
        mvc.perform(get("/staff/login").accept(MediaType.TEXT_HTML).session(session)).andReturn();
    MvcResult signedIn =
        mvc.perform(
                post("/staff/login")
                    .session(session)
                    .param("username", who)
                    .param("password", TestData.PASSWORD)
                    .param("_csrf", csrfToken(form.getResponse().getContentAsString())))
            .andExpect(status().isFound())
            .andReturn();
    return signedIn.getResponse().getRedirectedUrl();
  }

  private MockHttpSession signIn(String who) throws Exception {
    MvcResult form = mvc.perform(get("/staff/login").accept(MediaType.TEXT_HTML)).andReturn();
    MockHttpSession session = (MockHttpSession) form.getRequest().getSession();
    MvcResult signedIn =
        mvc.perform(
                post("/staff/login")
                    .session(session)
                    .param("username", who)
                    .param("password", TestData.PASSWORD)
                    .param("_csrf", csrfToken(form.getResponse().getContentAsString())))
            .andExpect(status().isFound())
            .andReturn();
    return (MockHttpSession) signedIn.getRequest().getSession();
  }

  private OutboundEmail queued(String key, String html) {
    outbox.queue(
        key, "Provisional release note R-2026-W49", html, "Deployed", List.of("ops@cwe.example"));
    return outbox.ofMessage(key).get(0);
  }

  private static String csrfToken(String html) {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(token.find()).as("the form carries a CSRF token").isTrue();
    return token.group(1);
  }
}
