package uk.ccmt.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WeeklyReleaseOverHttp;
import uk.ccmt.system.Groups;

/**
 * The shipped {@code scripts/demo-next-step.sh}, run with bash and curl against the whole
 * application at a random port, as the release manager: it fires the release's next timer and never
 * the weekly start's Monday cron job. The job executor is off, so only the script fires a timer.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/demo-next-step-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "camunda.bpm.job-execution.enabled=false",
      "camunda.bpm.admin-user.id=" + DemoNextStepScriptTest.ADMIN,
      "camunda.bpm.admin-user.password=" + DemoNextStepScriptTest.ADMIN_PASSWORD
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
class DemoNextStepScriptTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "demo-next-step-admin-password";

  private static final String RELEASE_MANAGER = "rachel";

  @LocalServerPort int port;

  @Autowired TestData given;

  @BeforeAll
  void bashCurlAndAReleaseManager() {
    assumeTrue(
        exitCode(List.of("bash", "-c", "command -v curl")) == 0,
        "demo-next-step.sh needs bash and curl, which this machine lacks");
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
  }

  @Test
  void shouldFireTheReleasesNextTimerAndNeverTheMondayStartJob() throws Exception {
    String week = WeeklyReleaseOverHttp.weekWhoseThursdayIsStillAhead(ZoneId.of("Europe/London"));
    assertThat(rachel().post("/api/releases/weekly", Map.of("week", week)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    String releaseId = "R-" + week;
    String instance = WeeklyReleaseOverHttp.weeklyReleaseInstance(admin(), releaseId);
    JsonNode mondayStart =
        admin().get("/engine-rest/job?timers=true&processDefinitionKey=weeklyRelease").getBody();
    List<String> startJobs = new ArrayList<>();
    mondayStart.forEach(
        job -> {
          if (job.path("processInstanceId").isNull()) {
            startJobs.add(job.path("id").asText());
          }
        });
    assertThat(startJobs).as("the weekly start's cron job").hasSize(1);
    String cycleStart = timerAt(instance, "Timer_CycleStart");

    Run run = script(releaseId);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .startsWith("Fired 'Release cycle start reached' (Timer_CycleStart, due ")
        .endsWith(" of " + releaseId + "\n");
    assertThat(admin().get("/engine-rest/job/" + cycleStart).getStatusCode())
        .as("the cycle start timer fired")
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(admin().get("/engine-rest/job/" + startJobs.get(0)).getStatusCode())
        .as("the Monday start job is left alone")
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldFireTheTimersOneByOneInDueOrderThenNameTheTasksTheReleaseWaitsFor() throws Exception {
    assertThat(
            rachel()
                .post(
                    "/api/defects",
                    Map.of(
                        "id", "D-301",
                        "title", "Meter read rejected",
                        "severity", "S2",
                        "stopsTesting", false,
                        "component", "Switching",
                        "raisedBy", "CCMT test team"))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            rachel()
                .post("/api/defects/D-301/fix", Map.of("buildVersion", "6.0.0"))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String week = nextWeek();
    assertThat(rachel().post("/api/releases/weekly", Map.of("week", week)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    String releaseId = "R-" + week;

    Run cycleStart = script(releaseId);
    Run deadline = script(releaseId);
    Run waiting = script(releaseId);

    assertThat(cycleStart.output()).startsWith("Fired 'Release cycle start reached'");
    assertThat(deadline.exitCode()).as(deadline.output()).isZero();
    assertThat(deadline.output())
        .startsWith(
            "Fired 'Provisional note deadline passed' (Timer_ProvisionalNoteDeadline, due ");
    assertThat(waiting.exitCode()).as(waiting.output()).isEqualTo(3);
    assertThat(waiting.output())
        .startsWith(releaseId + " has no timer to fire; it waits for its open tasks: '")
        .contains("Review release contents", "Chase provisional release note");
  }

  /** The week after the one the first test releases, so that the two never share a week. */
  private static String nextWeek() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    LocalDate thursday = today.with(DayOfWeek.THURSDAY);
    if (thursday.isBefore(today)) {
      thursday = thursday.plusWeeks(1);
    }
    thursday = thursday.plusWeeks(1);
    return String.format(
        "%d-W%02d",
        thursday.get(IsoFields.WEEK_BASED_YEAR), thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  @Test
  void shouldSaySoWhenTheReleaseHasNoRunningInstance() throws Exception {
    Run run = script("R-1999-W01");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.output())
        .isEqualTo(
            "R-1999-W01 has no running process instance (unknown release, or it has ended)\n");
  }

  @Test
  void shouldStopWithTheAnswerWhenTheCredentialsAreRefused() throws Exception {
    // not rachel: a wrong password would hold her login back for a while (the engine's login delay)
    Run run = script("R-1999-W01", Map.of("CCMT_USER", "nobody", "CCMT_PASSWORD", "wrong"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("answered 401");
  }

  private String timerAt(String instance, String activityId) {
    JsonNode timers =
        admin()
            .get(
                "/engine-rest/job?timers=true&processInstanceId="
                    + instance
                    + "&activityId="
                    + activityId)
            .getBody();
    assertThat(timers).as("timer at %s", activityId).hasSize(1);
    return timers.get(0).path("id").asText();
  }

  private Run script(String releaseId) throws IOException, InterruptedException {
    return script(releaseId, Map.of());
  }

  private Run script(String releaseId, Map<String, String> overrides)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "scripts/demo-next-step.sh", releaseId)
            .redirectErrorStream(true);
    builder.environment().put("CCMT_URL", "http://localhost:" + port);
    builder.environment().put("CCMT_USER", RELEASE_MANAGER);
    builder.environment().put("CCMT_PASSWORD", TestData.PASSWORD);
    builder.environment().putAll(overrides);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
    return new Run(process.exitValue(), output);
  }

  private static int exitCode(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpCaller rachel() {
    return HttpCaller.as(port, RELEASE_MANAGER);
  }

  private HttpCaller admin() {
    return HttpCaller.as(port, ADMIN, ADMIN_PASSWORD);
  }

  private record Run(int exitCode, String output) {}
}
