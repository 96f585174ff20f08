package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.TestData;

/**
 * The prod profile as operators start it (issue 11, "Production profile"): every setting from the
 * CCMT_* environment, over real HTTP, behind a TLS proxy that says X-Forwarded-Proto. Only the
 * database is an in-memory H2 one. A context of its own, closed after the class.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "CCMT_DATABASE_URL=jdbc:h2:mem:ccmt-prod-profile;DB_CLOSE_DELAY=-1",
      "CCMT_DATABASE_USERNAME=sa",
      "CCMT_DATABASE_PASSWORD=",
      "CCMT_ADMIN_PASSWORD=" + ProductionProfileTest.ADMIN_PASSWORD,
      "CCMT_WEB_BASE_URL=https://ccmt.example.org",
      "spring.mail.host=127.0.0.1",
      "ccmt.data-dir=target/prod-profile-test"
    })
@ActiveProfiles("prod")
@DirtiesContext
class ProductionProfileTest {

  static final String ADMIN_PASSWORD = "Vault-given-2026!";

  @LocalServerPort int port;

  @Autowired ProcessEngine engine;

  @Autowired HistoryService history;

  @Autowired IdentityService identity;

  @Autowired TestData given;

  @Test
  void shouldSendTheWebappsCsrfAndSessionCookiesOverTlsOnly() {
    ResponseEntity<String> tasklist =
        HttpCaller.anonymous(port).page("/camunda/app/tasklist/default/");

    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> cookies = tasklist.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    assertThat(cookies)
        .filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN="))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie).containsPattern("(?i);\\s*Secure(;|$)"));
    assertThat(cookies)
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(
            cookie ->
                assertThat(cookie).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly"));
  }

  @Test
  void shouldSendHstsBehindATlsProxy() {
    for (String path : List.of("/releases", "/camunda/app/tasklist/default/")) {
      ResponseEntity<String> overTls = behindTlsProxy(path);
      assertThat(overTls.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(overTls.getHeaders().getFirst("Strict-Transport-Security"))
          .as(path)
          .contains("max-age=");
    }
    // Plain HTTP that no proxy vouches for gets no HSTS: browsers would ignore it anyway.
    assertThat(
            HttpCaller.anonymous(port)
                .page("/releases")
                .getHeaders()
                .containsKey("Strict-Transport-Security"))
        .isFalse();
  }

  @Test
  void shouldPutAStrictContentSecurityPolicyAndAReferrerPolicyOnThePublicPage() {
    ResponseEntity<String> page = behindTlsProxy("/releases");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    String policy = page.getHeaders().getFirst("Content-Security-Policy");
    assertThat(policy)
        .isEqualTo(SecurityHeaders.PAGE_POLICY)
        .contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "script-src");
    assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("same-origin");
    // The policy allows no inline style or script, and the page needs none.
    assertThat(page.getBody()).doesNotContain("style=", "<script", "<style");
    ResponseEntity<String> stylesheet = behindTlsProxy("/css/ccmt.css");
    assertThat(stylesheet.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldKeepTheWebappsOwnContentSecurityPolicyAndAddAReferrerPolicy() {
    ResponseEntity<String> tasklist = behindTlsProxy("/camunda/app/tasklist/default/");

    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasklist.getHeaders().getFirst("Referrer-Policy")).isEqualTo("same-origin");
    // Camunda's own policy, with the nonce its scripts carry; not the page's strict one.
    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy"))
        .contains("script-src", "nonce-")
        .isNotEqualTo(SecurityHeaders.PAGE_POLICY);
    assertThat(tasklist.getBody()).contains("<script");
  }

  @Test
  void shouldRefuseAnOrganisationUsersPasswordThatBreaksThePolicy() {
    given.participant("PWD", "CHALLENGER", "contact@pwd.example");
    HttpCaller admin = HttpCaller.as(port, "admin", ADMIN_PASSWORD);

    for (String weak : List.of("demo", "demo-demo-demo", "longenoughbutweak1", "NoDigitsHere!!")) {
      ResponseEntity<JsonNode> refused =
          admin.post("/api/participants/PWD/users", newUser("pat-pwd", weak));
      assertThat(refused.getStatusCode()).as(weak).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().path("field").asText()).as(weak).isEqualTo("password");
    }
    ResponseEntity<JsonNode> policy =
        admin.post("/api/participants/PWD/users", newUser("pat-pwd", "demo-demo-demo"));
    assertThat(policy.getBody().path("reason").asText())
        .contains("password policy", "upper-case", "digit");
    assertThat(identity.createUserQuery().userId("pat-pwd").count()).isZero();

    ResponseEntity<JsonNode> created =
        admin.post("/api/participants/PWD/users", newUser("pat-pwd", "Strong-enough-42"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(identity.checkPassword("pat-pwd", "Strong-enough-42")).isTrue();
  }

  @Test
  void shouldRefuseTheDemoPasswordThroughTheEngineApiToo() {
    HttpCaller admin = HttpCaller.as(port, "admin", ADMIN_PASSWORD);

    ResponseEntity<JsonNode> created =
        admin.post(
            "/engine-rest/user/create",
            Map.of(
                "profile",
                    Map.of(
                        "id",
                        "weak-user",
                        "firstName",
                        "Weak",
                        "lastName",
                        "User",
                        "email",
                        "weak@ccmt.example"),
                "credentials", Map.of("password", "demo")));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(created.getBody().path("message").asText()).contains("password policy");
    assertThat(identity.createUserQuery().userId("weak-user").count()).isZero();
    // Any other refusal keeps its answer: a user who may not create users gets 403 (from the engine
    // API gate).
    if (identity.createUserQuery().userId("tom-tester").count() == 0) {
      var tester = identity.newUser("tom-tester");
      tester.setPassword("Tester-pass-2026!");
      identity.saveUser(tester);
      identity.createMembership("tom-tester", Groups.TEST_TEAM);
    }
    ResponseEntity<JsonNode> notAllowed =
        HttpCaller.as(port, "tom-tester", "Tester-pass-2026!")
            .post(
                "/engine-rest/user/create",
                Map.of(
                    "profile",
                    Map.of("id", "other-user"),
                    "credentials",
                    Map.of("password", "Strong-enough-42")));
    assertThat(notAllowed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identity.createUserQuery().userId("other-user").count()).isZero();
  }

  @Test
  void shouldCreateTheAdministratorWithThePasswordFromTheEnvironmentUnderThePolicy() {
    assertThat(
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .isEnablePasswordPolicy())
        .isTrue();
    // A wrong password here would lock the administrator out for the other tests for a while.
    assertThat(
            HttpCaller.as(port, "admin", ADMIN_PASSWORD).get("/api/participants").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(identity.checkPassword("admin", ADMIN_PASSWORD)).isTrue();
  }

  @Test
  void shouldScheduleHistoryCleanupInTheNightlyWindow() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");

    List<Job> cleanup = history.findHistoryCleanupJobs();

    assertThat(cleanup).isNotEmpty();
    assertThat(cleanup)
        .allSatisfy(
            job -> {
              assertThat(job.getDuedate()).isNotNull();
              // Due at most a day ahead: at the next 01:00, or now while the window is open.
              assertThat(job.getDuedate().toInstant())
                  .isBefore(java.time.Instant.now().plus(Duration.ofHours(25)));
            });
  }

  private ResponseEntity<String> behindTlsProxy(String path) {
    return HttpCaller.anonymous(port)
        .rest()
        .get()
        .uri(path)
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-For", "203.0.113.7")
        .retrieve()
        .toEntity(String.class);
  }

  private static Map<String, Object> newUser(String id, String password) {
    return Map.of(
        "id",
        id,
        "firstName",
        "Pat",
        "lastName",
        "Password",
        "email",
        id + "@pwd.example",
        "password",
        password);
  }
}
