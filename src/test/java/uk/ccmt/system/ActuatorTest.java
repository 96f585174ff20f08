package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import uk.ccmt.support.HttpCaller;

/**
 * What operators of a cluster behind a load balancer get (issue 11): an anonymous health check that
 * shows no details, with Camunda's engine and job-executor indicators for those allowed to see
 * them, and metrics for release managers and administrators only. The prod profile, over real HTTP,
 * with the job executor running as on a real node. A context of its own.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "CCMT_DATABASE_URL=jdbc:h2:mem:ccmt-actuator;DB_CLOSE_DELAY=-1",
      "CCMT_DATABASE_USERNAME=sa",
      "CCMT_DATABASE_PASSWORD=",
      "CCMT_ADMIN_PASSWORD=" + ActuatorTest.PASSWORD,
      "CCMT_WEB_BASE_URL=https://ccmt.example.org",
      "spring.mail.host=127.0.0.1",
      "ccmt.data-dir=target/actuator-test"
    })
@ActiveProfiles("prod")
// Spring Boot's tests turn metrics export, Prometheus included, off unless asked.
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class ActuatorTest {

  /** Obeys the prod password policy. */
  static final String PASSWORD = "Metrics-watch-2026!";

  private static final String RELEASE_MANAGER = "rita";
  private static final String DEVELOPER = "dev-ops";
  private static final String PARTICIPANT = "pia-nle";

  @LocalServerPort int port;

  @Autowired IdentityService identity;

  @Autowired JdbcClient jdbc;

  @BeforeEach
  void users() {
    user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    user(DEVELOPER, Groups.DEVELOPMENT_TEAM);
    user(PARTICIPANT, Groups.PARTICIPANTS);
  }

  @Test
  void shouldAnswerTheLoadBalancersHealthCheckWithoutALoginAndWithoutDetails() {
    ResponseEntity<JsonNode> health = HttpCaller.anonymous(port).get("/actuator/health");

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody().path("status").asText()).isEqualTo("UP");
    assertThat(health.getBody().size()).as("only the status: %s", health.getBody()).isEqualTo(1);
    // Nor to a user who is not staff.
    JsonNode asParticipant =
        HttpCaller.as(port, PARTICIPANT, PASSWORD).get("/actuator/health").getBody();
    assertThat(asParticipant.has("components")).isFalse();
  }

  @Test
  void shouldShowReleaseManagersTheEngineAndJobExecutorHealth() {
    for (String staff : List.of(RELEASE_MANAGER, "admin")) {
      ResponseEntity<JsonNode> health =
          HttpCaller.as(port, staff, PASSWORD).get("/actuator/health");

      assertThat(health.getStatusCode()).as(staff).isEqualTo(HttpStatus.OK);
      JsonNode components = health.getBody().path("components");
      assertThat(components.path("processEngine").path("status").asText())
          .as(staff)
          .isEqualTo("UP");
      assertThat(components.path("jobExecutor").path("status").asText()).as(staff).isEqualTo("UP");
      assertThat(components.path("db").path("status").asText()).as(staff).isEqualTo("UP");
      assertThat(components.has("mail")).as("a slow relay must not take the node out").isFalse();
    }
  }

  @Test
  void shouldNeedALoginForTheIndexAndEveryOtherEndpoint() {
    HttpCaller anonymous = HttpCaller.anonymous(port);
    for (String path :
        List.of(
            "/actuator",
            "/actuator/",
            "/actuator/info",
            "/actuator/metrics",
            "/actuator/metrics/ccmt.outbox.pending",
            "/actuator/prometheus",
            "/actuator/env",
            "/actuator/heapdump",
            "/actuator/beans",
            "/actuator/loggers")) {
      assertThat(anonymous.get(path).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    // Credentials that fail are refused, not taken as anonymous. (No real user: Camunda would
    // hold back that user's next logins for a few seconds.)
    assertThat(
            HttpCaller.as(port, "nobody-here", "Wrong-password-1!")
                .get("/actuator/health")
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(HttpCaller.as(port, DEVELOPER, PASSWORD).get("/actuator").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /**
   * Other spellings of a protected path reach nothing either: refused, or not found, never
   * answered.
   */
  @Test
  void shouldRefuseEverySpellingOfAProtectedEndpoint() {
    HttpCaller anonymous = HttpCaller.anonymous(port);
    HttpCaller developer = HttpCaller.as(port, DEVELOPER, PASSWORD);
    for (String path :
        List.of(
            "/actuator/metrics/",
            "/actuator//metrics",
            "/Actuator/metrics",
            "/ACTUATOR/prometheus",
            "/actuator/%6detrics",
            "/actuator;x=1/metrics",
            "/actuator/metrics;x=1",
            "/actuator/health/../metrics",
            "/actuator/health/%2e%2e/prometheus",
            "/actuator/prometheus/",
            "/actuator/env/",
            "/actuator/heapdump/",
            "/actuator/health/processEngine",
            "/actuator/health/jobExecutor")) {
      for (HttpCaller caller : List.of(anonymous, developer)) {
        int status =
            caller
                .rest()
                .get()
                .uri(java.net.URI.create("http://localhost:" + port + path))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
        assertThat(status).as(path).isIn(400, 401, 403, 404);
      }
    }
  }

  @Test
  void shouldShowMetricsToReleaseManagersAndAdministratorsOnly() {
    for (String user : List.of(DEVELOPER, PARTICIPANT)) {
      HttpCaller caller = HttpCaller.as(port, user, PASSWORD);
      assertThat(caller.get("/actuator/metrics").getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(caller.get("/actuator/metrics/ccmt.jobs.due").getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(caller.page("/actuator/prometheus").getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    for (String staff : List.of(RELEASE_MANAGER, "admin")) {
      assertThat(HttpCaller.as(port, staff, PASSWORD).get("/actuator/metrics").getStatusCode())
          .as(staff)
          .isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void shouldNotExposeEnvOrHeapdumpAtAll() {
    HttpCaller admin = HttpCaller.as(port, "admin", PASSWORD);
    for (String path :
        List.of(
            "/actuator/env", "/actuator/env/spring.datasource.password", "/actuator/heapdump")) {
      assertThat(admin.get(path).getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
    }
    JsonNode index = admin.get("/actuator").getBody().path("_links");
    assertThat(index.has("env")).isFalse();
    assertThat(index.has("heapdump")).isFalse();
    assertThat(index.has("health")).isTrue();
    assertThat(index.has("prometheus")).isTrue();
  }

  @Test
  void shouldCountJobsIncidentsTheOutboxBacklogAndDeploymentsPerOutcome() {
    HttpCaller releaseManager = HttpCaller.as(port, RELEASE_MANAGER, PASSWORD);
    double pendingBefore = gauge(releaseManager, "ccmt.outbox.pending");
    jdbc.sql(
            "insert into outbound_email (message_key, recipient, subject, body_text, state, attempts, created_at)"
                + " values ('metrics-test', 'ops@ccmt.example', 'Metrics test', 'body', 'PENDING', 0, ?)")
        .param(OffsetDateTime.now())
        .update();

    assertThat(gauge(releaseManager, "ccmt.outbox.pending")).isEqualTo(pendingBefore + 1);
    assertThat(gauge(releaseManager, "ccmt.jobs.due")).isGreaterThanOrEqualTo(0);
    assertThat(gauge(releaseManager, "ccmt.jobs.failed")).isZero();
    assertThat(gauge(releaseManager, "ccmt.incidents.open")).isZero();
    assertThat(gauge(releaseManager, "ccmt.deployments")).isZero();
    jdbc.sql(
            "insert into ccmt_release (id, type, status, created_at, updated_at) values ('R-METRICS', 'WEEKLY',"
                + " 'PLANNED', ?, ?)")
        .param(OffsetDateTime.now())
        .param(OffsetDateTime.now())
        .update();
    deploymentAttempt("DEV1", "PASSED");
    deploymentAttempt("QAS1", "PASSED");
    deploymentAttempt("QAS2", "UNKNOWN");
    assertThat(gauge(releaseManager, "ccmt.deployments?tag=outcome:PASSED")).isEqualTo(2);
    assertThat(gauge(releaseManager, "ccmt.deployments?tag=outcome:UNKNOWN")).isEqualTo(1);
    assertThat(gauge(releaseManager, "ccmt.deployments?tag=outcome:DEPLOY_FAILED")).isZero();

    ResponseEntity<String> prometheus =
        releaseManager
            .rest()
            .get()
            .uri("/actuator/prometheus")
            .accept(MediaType.TEXT_PLAIN)
            .retrieve()
            .toEntity(String.class);
    assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(prometheus.getBody())
        .contains(
            "ccmt_jobs_due",
            "ccmt_jobs_failed",
            "ccmt_incidents_open",
            "ccmt_outbox_pending",
            "ccmt_deployments{",
            "outcome=\"PASSED\"",
            "outcome=\"DEPLOY_FAILED\"",
            "outcome=\"SMOKE_TEST_FAILED\"",
            "outcome=\"UNKNOWN\"");
    jdbc.sql("delete from outbound_email where message_key = 'metrics-test'").update();
    jdbc.sql("delete from deployment_attempt where release_id = 'R-METRICS'").update();
    jdbc.sql("delete from ccmt_release where id = 'R-METRICS'").update();
  }

  private void deploymentAttempt(String environment, String outcome) {
    jdbc.sql(
            "insert into deployment_attempt (request_key, release_id, environment, attempt, build_version, outcome,"
                + " started_at) values (?, 'R-METRICS', ?, 1, '1.0.0', ?, ?)")
        .param("R-METRICS/" + environment)
        .param(environment)
        .param(outcome)
        .param(OffsetDateTime.now())
        .update();
  }

  private static double gauge(HttpCaller caller, String name) {
    ResponseEntity<JsonNode> metric = caller.get("/actuator/metrics/" + name);
    assertThat(metric.getStatusCode()).as(name).isEqualTo(HttpStatus.OK);
    return metric.getBody().path("measurements").path(0).path("value").asDouble();
  }

  private void user(String id, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName("Ops");
      user.setLastName("Test");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, group);
    }
  }
}
