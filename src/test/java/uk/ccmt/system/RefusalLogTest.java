package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static uk.ccmt.support.HttpCaller.bool;
import static uk.ccmt.support.HttpCaller.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;

/**
 * What the server log shows, over real HTTP on the whole application: a refused start (Tasklist's
 * "Start process" without a subject) and a refused completion (an answer left blank) are one INFO
 * line each, naming the field, without a stack trace, and answer 400 with only the reason; a
 * delegate that fails for real still logs the engine's ERROR with its stack trace.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/http-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/http-test-refusal-log-environments",
      "spring.mail.host=127.0.0.1"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RefusalLogTest {

  private static final String RELEASE_MANAGER = "rhona";
  private static final String ORGANISATION_USER = "nadia";
  private static final String START =
      "/engine-rest/process-definition/key/participantQuery/submit-form";

  @LocalServerPort int port;

  @Autowired TestData given;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  @BeforeAll
  void organisation() {
    given.user(RELEASE_MANAGER, Groups.RELEASE_MANAGERS);
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser(ORGANISATION_USER, "NLE");
  }

  @Test
  void aRefusedStartIsOneInfoLineAndAnswersOnlyTheReason(CapturedOutput output) {
    int before = output.getOut().length();

    ResponseEntity<JsonNode> refused =
        as(ORGANISATION_USER)
            .post(
                START, HttpCaller.variables(Map.of("subject", string(" "), "text", string("Hi"))));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = refused.getBody().path("message").asText();
    assertThat(message).startsWith("subject: ").doesNotContain("Cannot", "participantQuery:");
    assertOneRefusalLine(logSince(output, before), "subject: ");
  }

  @Test
  void aRefusedCompletionIsOneInfoLineAndAnswersOnlyTheReason(CapturedOutput output) {
    ResponseEntity<JsonNode> started =
        as(ORGANISATION_USER)
            .post(
                START,
                HttpCaller.variables(
                    Map.of("subject", string("Cut-off"), "text", string("When is it?"))));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String businessKey =
        as(ORGANISATION_USER).get("/api/queries").getBody().get(0).path("id").asText();
    String task = as(RELEASE_MANAGER).awaitTask(businessKey, "answerQuery", Duration.ofSeconds(60));
    int before = output.getOut().length();

    ResponseEntity<JsonNode> refused =
        as(RELEASE_MANAGER).complete(task, Map.of("answer", string(" "), "publish", bool(true)));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText())
        .startsWith("answer: ")
        .doesNotContain("Cannot", task);
    assertOneRefusalLine(logSince(output, before), "answer: ");
  }

  @Test
  void aRealFailureStillLogsAnErrorWithItsStackTrace(CapturedOutput output) {
    repository
        .createDeployment()
        .addModelInstance("failing-for-real.bpmn", failingForReal())
        .deploy();
    int before = output.getOut().length();

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("failingForReal"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(FailingForReal.WHY);

    List<String> log = logSince(output, before);
    assertThat(log)
        .anySatisfy(line -> assertThat(line).contains("ERROR", "ENGINE-16004", FailingForReal.WHY));
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("\tat "));
    assertThat(log).noneSatisfy(line -> assertThat(line).contains("Refused "));
  }

  private static void assertOneRefusalLine(List<String> log, String field) {
    assertThat(log)
        .filteredOn(line -> line.contains(field))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line).contains(" INFO ", "Refused " + field).doesNotContain("ERROR"));
    assertThat(log)
        .noneSatisfy(line -> assertThat(line).contains(" ERROR "))
        .noneSatisfy(line -> assertThat(line).contains("ENGINE-16004"))
        .noneSatisfy(line -> assertThat(line).startsWith("\tat "));
  }

  private static List<String> logSince(CapturedOutput output, int before) {
    return Arrays.asList(output.getOut().substring(before).split("\\R"));
  }

  private HttpCaller as(String user) {
    return HttpCaller.as(port, user);
  }

  private static BpmnModelInstance failingForReal() {
    return Bpmn.createExecutableProcess("failingForReal")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_FailForReal")
        .camundaClass(FailingForReal.class)
        .endEvent()
        .done();
  }

  /** Not a refusal: a bug, as a delegate would meet one. */
  public static class FailingForReal implements JavaDelegate {

    static final String WHY = "a bug, not a refusal";

    @Override
    public void execute(DelegateExecution execution) {
      throw new IllegalStateException(WHY);
    }
  }
}
