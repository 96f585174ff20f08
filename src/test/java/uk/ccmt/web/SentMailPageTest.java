package uk.ccmt.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.notification.Outbox;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

@CcmtTest
class SentMailPageTest {

  @Autowired MockMvc mvc;

  @Autowired Outbox outbox;

  @Autowired TestData given;

  @Test
  void shouldShowReleaseManagersWhatWasSentAndToWhom() throws Exception {
    given.user("rachel", Groups.RELEASE_MANAGERS);
    outbox.queue(
        "release-note:1",
        "Final release note R-2026-W49 <b>",
        null,
        "Deployed",
        List.of("ops@cwe.example"));
    outbox.deliver("release-note:1");

    mvc.perform(get("/mail").with(httpBasic("rachel", TestData.PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("ops@cwe.example")))
        .andExpect(content().string(containsString("Final release note R-2026-W49 &lt;b&gt;")))
        .andExpect(content().string(not(containsString("R-2026-W49 <b>"))))
        .andExpect(content().string(containsString(">sent<")));
  }

  @Test
  void shouldKeepTheSentMailFromAnyoneElse() throws Exception {
    given.user("paula", Groups.PARTICIPANTS);

    mvc.perform(get("/mail")).andExpect(status().isUnauthorized());
    mvc.perform(get("/mail").with(httpBasic("paula", TestData.PASSWORD)))
        .andExpect(status().isForbidden());
  }
}
