package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/** Where a sign-in at /staff/login lands, given what the same browser asked for before. */
class StaffLandingTest {

  @Test
  void aPageOutsideTheStaffAreaIsNoLanding() throws Exception {
    // the webapps' chain saves its requests in the same session: an unknown path, refused there
    assertThat(landing(Groups.DEVELOPMENT_TEAM, "/nowhere")).isEqualTo("/staff");
    assertThat(landing(Groups.RELEASE_MANAGERS, "/engine-rest/task")).isEqualTo("/mail");
    assertThat(landing(Groups.TEST_TEAM, "/staff/logout")).isEqualTo("/staff");
  }

  @Test
  void aStaffPageAskedForIsTheLandingAsAPathOnThisServer() throws Exception {
    // (Spring's request cache adds "continue" to know the request again)
    assertThat(landing(Groups.TEST_TEAM, "/staff/releases/R-2026-W49?tab=route"))
        .startsWith("/staff/releases/R-2026-W49?tab=route")
        .doesNotContain("ccmt.example");
    assertThat(landing(Groups.RELEASE_MANAGERS, "/mail/7"))
        .startsWith("/mail/7")
        .doesNotContain("ccmt.example");
    assertThat(landing(Groups.DEVELOPMENT_TEAM, "/mail/7"))
        .as("not a page devon may not see")
        .isEqualTo("/staff");
  }

  private static String landing(String group, String askedFirst) throws Exception {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    MockHttpSession session = new MockHttpSession();
    String path = askedFirst.contains("?") ? askedFirst.split("\\?")[0] : askedFirst;
    MockHttpServletRequest asked = new MockHttpServletRequest("GET", path);
    asked.setServerName("ccmt.example");
    if (askedFirst.contains("?")) {
      asked.setQueryString(askedFirst.split("\\?")[1]);
    }
    asked.setSession(session);
    cache.saveRequest(asked, new MockHttpServletResponse());

    MockHttpServletRequest signIn = new MockHttpServletRequest("POST", "/staff/login");
    signIn.setSession(session);
    MockHttpServletResponse response = new MockHttpServletResponse();
    new StaffLanding(cache)
        .onAuthenticationSuccess(
            signIn,
            response,
            new TestingAuthenticationToken(
                "someone", "", List.of(new SimpleGrantedAuthority(Groups.authority(group)))));
    return response.getRedirectedUrl();
  }
}
