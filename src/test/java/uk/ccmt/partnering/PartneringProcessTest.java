package uk.ccmt.partnering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.MailParts;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.system.ConflictException;

/**
 * The partnering process: one method per path. Long (about 500 lines) because it is the one test
 * class of the model (STYLE.md), and the model has that many paths: review, confirmations,
 * re-matching, the decision, chasing, escalation and cancelling.
 */
@CcmtTest
class PartneringProcessTest extends ProcessTestSupport {

  @Autowired PartneringService partnering;

  @Autowired PartneringRounds rounds;

  @Autowired SelfArrangedPartners selfArranged;

  @Autowired MockMvc mvc;

  @Autowired uk.ccmt.participant.ParticipantService participants;

  @Test
  void shouldPublishTheScheduleWhenEveryPairIsConfirmed() throws Exception {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();

    Task review = task(round, "reviewProposedMatches");
    assertThat(review.getName()).isEqualTo("Review proposed matches (" + round + ")");
    assertThat((String) engine.getTaskService().getVariable(review.getId(), "proposal"))
        .contains("–");
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", "true"));

    List<Task> confirmations = confirmations(round);
    assertThat(confirmations)
        .isNotEmpty()
        .allSatisfy(
            task ->
                assertThat(task.getName())
                    .startsWith("Confirm ")
                    .endsWith(" as partner (" + round + ")"));
    answerAll(round, (organisation, partner) -> true);

    assertThat(instance).isEnded().hasPassed("EndEvent_PartneringSchedulePublished");
    PartneringView view = partnering.view(round);
    assertThat(view.state()).isEqualTo("PUBLISHED");
    assertThat(view.pairs())
        .isNotEmpty()
        .allSatisfy(
            pair -> {
              assertThat(pair.state()).isEqualTo("CONFIRMED");
              assertThat(pair.reason()).isNotBlank();
            });
    List<MimeMessage> mail = TestMailServer.received();
    assertThat(mail)
        .extracting(MimeMessage::getSubject)
        .allMatch(
            subject ->
                subject.startsWith(
                    "Partnering schedule " + round + ": the switching partners of "));
    assertThat(mail)
        .extracting(message -> message.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder(
            "l1@l1.example", "l2@l2.example", "c1@c1.example", "c2@c2.example", "c3@c3.example");
    assertThat(MailParts.textOf(mail.get(0))).contains("is partnered with", "/releases#partnering");
    assertThat(mail)
        .allSatisfy(
            message ->
                assertThat(MailParts.alternativeOf(message))
                    .as("HTML with a text alternative")
                    .satisfies(
                        parts -> {
                          assertThat(parts.text().replace("\r\n", "\n"))
                              .containsPattern("is partnered with:\n\n  - .+ \\(.+\\): .+@.+\n")
                              .contains("Please contact your partners to arrange your tests.");
                          assertThat(parts.html())
                              .contains(
                                  "is partnered with:",
                                  "<a href=\"mailto:",
                                  "/releases#partnering\">");
                        }));
    assertThat(partnering.publishedSchedule())
        .hasValueSatisfying(schedule -> assertThat(schedule.pairs()).hasSameSizeAs(view.pairs()));
    String page = mvc.perform(get("/releases")).andReturn().getResponse().getContentAsString();
    PartneringView.PairView pair = view.pairs().get(0);
    assertThat(page)
        .contains(
            "Partnering schedule",
            round,
            "Organisation " + pair.a() + " (" + pair.a() + ")",
            "Organisation " + pair.b() + " (" + pair.b() + ")");
  }

  @Test
  void shouldRematchARejectedPairWithoutProposingItAgain() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    Task first = confirmations(round).get(0);
    String rejecter = organisationOf(first);
    String rejected = partnerOf(first);
    answerAll(
        round,
        (organisation, partner) -> !(organisation.equals(rejecter) && partner.equals(rejected)));

    assertThat(instance).isWaitingAt("reviewProposedMatches");
    assertThat(partnering.view(round).matchingRound()).isEqualTo(2);
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> true);

    assertThat(instance)
        .isEnded()
        .hasPassed("Gateway_MatchingRoundLeft", "EndEvent_PartneringSchedulePublished");
    PartneringView view = partnering.view(round);
    assertThat(view.state()).isEqualTo("PUBLISHED");
    assertThat(view.pairs())
        .filteredOn(pair -> pair.state().equals("REJECTED"))
        .singleElement()
        .satisfies(
            pair -> {
              assertThat(List.of(pair.a(), pair.b())).containsExactlyInAnyOrder(rejecter, rejected);
              assertThat(pair.rejectionReason()).isEqualTo(rejecter + ": no capacity this phase");
            });
  }

  @Test
  void shouldChaseOrganisationsThatHaveNotAnsweredWithoutStoppingTheRound() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> true, "C3");

    Job overdue =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId("Timer_ConfirmationsOverdue")
            .singleResult();
    assertThat(overdue.getDuedate().toInstant())
        .as("five days to answer")
        .isAfter(
            org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()
                .toInstant()
                .plus(java.time.Duration.ofDays(4)));
    engine.getManagementService().executeJob(overdue.getId());

    Task chase = task(round, "chaseUnconfirmedPartnerships");
    assertThat(chase.getName()).isEqualTo("Chase unconfirmed partnerships (" + round + ")");
    assertThat(engine.getTaskService().getVariable(chase.getId(), "unpartnered").toString())
        .startsWith("C3 (about ")
        .doesNotContain("L1 (")
        .doesNotContain("C1 (");
    complete(round, "chaseUnconfirmedPartnerships", Map.of("chaseOutcome", "C3 answers tomorrow"));
    assertThat(instance)
        .hasPassed("EndEvent_UnconfirmedPartnershipsChased")
        .isWaitingAt("confirmPartnership");

    answerAll(round, (organisation, partner) -> true);
    assertThat(instance).isEnded().hasPassed("EndEvent_PartneringSchedulePublished");
  }

  @Test
  void shouldLetTheReleaseManagersDecideAfterTwoMatchingRounds() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    for (int matchingRound = 1; matchingRound <= 2; matchingRound++) {
      complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
      answerAll(round, (organisation, partner) -> !organisation.equals("C3"));
    }

    Task decide = task(round, "decideRejectedPairs");
    assertThat(engine.getTaskService().getVariable(decide.getId(), "proposal").toString())
        .contains("rejected");
    assertThatThrownBy(() -> engine.getTaskService().complete(decide.getId(), Map.of()))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("partneringDecision");
    complete(
        round, "decideRejectedPairs", Map.of("partneringDecision", "C3 arranges its own partner"));
    runDueJobs();

    assertThat(partnering.view(round).decision()).isEqualTo("C3 arranges its own partner");
    assertThat(instance)
        .hasPassed("Task_PublishPartneringSchedule")
        .isWaitingAt("findPartnersForUnpartneredOrganisations");
  }

  @Test
  void shouldEscalateAnOrganisationLeftWithoutAPartner() {
    given.participant("ONLY", "LARGE_SUPPLIER", "only@only.example");
    given.participant("GTX", "GT", "gt@gtx.example");
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    assertThat(partnering.view(round).unmet()).isNotEmpty();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    runDueJobs();

    Task escalation = task(round, "findPartnersForUnpartneredOrganisations");
    assertThat(escalation.getName())
        .isEqualTo("Find partners for unpartnered organisations (" + round + ")");
    assertThat(engine.getTaskService().getVariable(escalation.getId(), "unpartnered"))
        .isEqualTo("ONLY");
    complete(
        round,
        "findPartnersForUnpartneredOrganisations",
        Map.of("unpartneredOutcome", "ONLY will find one"));
    assertThat(instance).isEnded().hasPassed("EndEvent_UnpartneredOrganisationsHandled");
  }

  @Test
  void shouldRefuseAChangedPairingThatBreaksARuleUntilTheReleaseManagerAcceptsIt() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    Task review = task(round, "reviewProposedMatches");
    PartneringView.PairView proposed = partnering.view(round).pairs().get(0);
    String drop = "-" + proposed.a() + "-" + proposed.b();

    assertRefused(review, "+L1-NOPE", "NOPE is not a registered participant");
    assertRefused(review, "+L1-L1", "cannot be paired with itself");
    assertRefused(
        review, "L1-C1", "is not a change: write +NLE-CWE to add a pair or -NLE-BRG to drop one");
    assertRefused(review, "-GTX-L1", "GTX is not a registered participant");
    assertRefused(review, drop + "\n" + drop, "is not among the proposed pairs");
    assertRefused(review, drop, "these pairs break partnering rules");
    assertThat(instance).isWaitingAt("reviewProposedMatches");

    complete(
        round,
        "reviewProposedMatches",
        Map.of(
            "matchesApproved",
            true,
            "pairChanges",
            drop,
            "acceptRuleWarnings",
            true,
            "comment",
            "agreed"));

    PartneringView view = partnering.view(round);
    assertThat(view.pairs())
        .noneMatch(pair -> pair.a().equals(proposed.a()) && pair.b().equals(proposed.b()))
        .allSatisfy(pair -> assertThat(pair.state()).isEqualTo("CONFIRMING"));
    assertThat(confirmations(round)).hasSize(2 * view.pairs().size());
    assertThat(view.unmet())
        .anyMatch(message -> message.contains(proposed.a()) || message.contains(proposed.b()));
    assertThat(engine.getRuntimeService().getVariables(instance.getId()))
        .doesNotContainKeys("pairChanges", "acceptRuleWarnings");
  }

  @Test
  void shouldFileAnAnswerUnderTheBranchThatAskedItWhateverVariablesTheOrganisationSends() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    List<Task> asked = confirmations(round);
    Task mine = asked.get(0);
    Task theirs =
        asked.stream()
            .filter(
                task ->
                    !organisationOf(task).equals(organisationOf(mine))
                        && !partnerOf(task).equals(organisationOf(mine)))
            .findFirst()
            .orElseThrow();
    String theirConfirmation =
        (String) engine.getTaskService().getVariable(theirs.getId(), "confirmation");
    List<String> myPair = List.of(organisationOf(mine), partnerOf(mine));

    engine
        .getTaskService()
        .complete(
            mine.getId(),
            Map.of(
                "partnershipAccepted", false, "confirmation", theirConfirmation, "comment", "no"));

    PartneringView view = partnering.view(round);
    assertThat(view.pairs())
        .filteredOn(pair -> pair.state().equals("REJECTED"))
        .singleElement()
        .satisfies(
            pair ->
                assertThat(List.of(pair.a(), pair.b()))
                    .containsExactlyInAnyOrderElementsOf(myPair));
    assertThat(engine.getRuntimeService().getVariables(instance.getId()))
        .doesNotContainKey("confirmations");
  }

  @Test
  void shouldCancelTheRoundWhenTheMatchesAreNotApprovedAndAllowANewOne() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    assertThatThrownBy(() -> rounds.start("rachel")).isInstanceOf(ConflictException.class);

    complete(
        round,
        "reviewProposedMatches",
        Map.of("matchesApproved", "false", "comment", "not this round"));

    assertThat(instance).isEnded().hasPassed("EndEvent_PartneringCancelled");
    assertThat(partnering.view(round).state()).isEqualTo("CANCELLED");
    assertThat(rounds.start("rachel")).isNotEqualTo(round);
  }

  @Test
  void shouldKeepAConfirmedSelfArrangedPairWithoutAskingAgain() {
    smallPhase();
    selfArranged.declare("L1", "C3");
    assertThat(selfArranged.selfArranged("L1"))
        .singleElement()
        .satisfies(pair -> assertThat(pair.confirmed()).isFalse());
    selfArranged.declare("C3", "L1");
    assertThat(selfArranged.selfArranged("L1"))
        .singleElement()
        .satisfies(pair -> assertThat(pair.confirmed()).isTrue());

    String round = rounds.start("rachel");
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));

    assertThat(partnering.view(round).pairs())
        .filteredOn(pair -> pair.a().equals("C3") && pair.b().equals("L1"))
        .singleElement()
        .satisfies(pair -> assertThat(pair.state()).isEqualTo("CONFIRMED"));
    assertThat(confirmations(round))
        .noneMatch(task -> organisationOf(task).equals("L1") && partnerOf(task).equals("C3"));
  }

  @Test
  void shouldRemoveTheUnconfirmedChaseWhenTheLastConfirmationArrives() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> true, "C3");
    fireTimer(instance, "Timer_ConfirmationsOverdue");
    assertThat(instance).isWaitingAt("confirmPartnership", "chaseUnconfirmedPartnerships");

    answerAll(round, (organisation, partner) -> true);

    assertThat(hasTask(round, "chaseUnconfirmedPartnerships")).as("chase left open").isFalse();
    assertThat(instance)
        .isEnded()
        .hasPassed("EndEvent_ConfirmationsCollected", "EndEvent_PartneringSchedulePublished")
        .hasNotPassed("EndEvent_UnconfirmedPartnershipsChased");
    assertNothingLeftOf(round);
  }

  @Test
  void shouldRemoveTheUnconfirmedChaseWhenTheRoundGoesBackToMatchingAndIsThenCancelled() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> true, "C3");
    fireTimer(instance, "Timer_ConfirmationsOverdue");

    answerAll(round, (organisation, partner) -> !organisation.equals("C3"));
    assertThat(instance).isWaitingAt("reviewProposedMatches");
    assertThat(hasTask(round, "chaseUnconfirmedPartnerships"))
        .as("chase of the first matching round")
        .isFalse();

    complete(
        round,
        "reviewProposedMatches",
        Map.of("matchesApproved", false, "comment", "not this round"));
    assertThat(instance).isEnded().hasPassed("EndEvent_PartneringCancelled");
    assertNothingLeftOf(round);
  }

  @Test
  void shouldRemoveTheChaseOfTheLastMatchingRoundAndEndOnceTheReleaseManagersHaveDecided() {
    smallPhase();
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> !organisation.equals("C3"));
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerAll(round, (organisation, partner) -> true, "C3");
    fireTimer(instance, "Timer_ConfirmationsOverdue");
    answerAll(round, (organisation, partner) -> !organisation.equals("C3"));

    assertThat(instance).isWaitingAt("decideRejectedPairs");
    assertThat(hasTask(round, "chaseUnconfirmedPartnerships")).isFalse();
    complete(
        round, "decideRejectedPairs", Map.of("partneringDecision", "C3 arranges its own partner"));
    runDueJobs();
    complete(
        round,
        "findPartnersForUnpartneredOrganisations",
        Map.of("unpartneredOutcome", "C3 asks L2"));

    assertThat(instance).isEnded().hasPassed("EndEvent_UnpartneredOrganisationsHandled");
    assertNothingLeftOf(round);
  }

  @Test
  void shouldEndTheRoundWhenTheUnpartneredOrganisationsAreHandled() {
    given.participant("ONLY", "LARGE_SUPPLIER", "only@only.example");
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    runDueJobs();
    assertThat(instance).isWaitingAt("findPartnersForUnpartneredOrganisations");

    complete(
        round,
        "findPartnersForUnpartneredOrganisations",
        Map.of("unpartneredOutcome", "ONLY will find one"));

    assertThat(instance).isEnded().hasPassed("EndEvent_UnpartneredOrganisationsHandled");
    assertNothingLeftOf(round);
  }

  @Test
  void shouldShowALargeRoundInFormsThroughBoundedExcerptsThatPointToTheWholeRound() {
    largePhase(300);
    String round = rounds.start("rachel");
    ProcessInstance instance = instance(round);
    runDueJobs();

    Task review = task(round, "reviewProposedMatches");
    assertExcerptInForm(review, "proposal", round);
    assertThat(
            engine
                .getFormService()
                .getTaskFormVariables(review.getId())
                .getValue("proposal", String.class))
        .contains("–");
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    assertThat(confirmations(round)).hasSizeGreaterThan(300);
    fireTimer(instance, "Timer_ConfirmationsOverdue");
    assertExcerptInForm(task(round, "chaseUnconfirmedPartnerships"), "unpartnered", round);

    answerEveryConfirmation(round, false);
    complete(round, "reviewProposedMatches", Map.of("matchesApproved", true));
    answerEveryConfirmation(round, false);
    Task decide = task(round, "decideRejectedPairs");
    assertExcerptInForm(decide, "proposal", round);
    assertExcerptInForm(decide, "unpartnered", round);
    complete(
        round,
        "decideRejectedPairs",
        Map.of("partneringDecision", "Everyone arranges their own partners"));
    runDueJobs();
    Task find = task(round, "findPartnersForUnpartneredOrganisations");
    assertExcerptInForm(find, "unpartnered", round);
    complete(
        round,
        "findPartnersForUnpartneredOrganisations",
        Map.of("unpartneredOutcome", "Next round"));

    assertThat(instance).isEnded();
    assertThat(variablesWritten()).contains("proposal", "ruleFindings");
    assertThat(textVariablesOverTheExcerptLimit())
        .as("text variables over 1,000 characters")
        .isEmpty();
  }

  /** No task, job or running instance left of the round, its partnering instance included. */
  private void assertNothingLeftOf(String round) {
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round).count())
        .isZero();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(round)
                .count())
        .isZero();
    assertThat(engine.getManagementService().createJobQuery().list())
        .noneMatch(job -> job.getProcessInstanceId() != null);
  }

  /**
   * The task's form shows the variable in a multi-line field, and the variable is an excerpt of at
   * most 1,000 characters that ends by saying how much more there is and where.
   */
  private void assertExcerptInForm(Task task, String variable, String round) {
    String formKey =
        engine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
    JsonNode field =
        formDefinition(formKey).path("components").findParents("key").stream()
            .filter(component -> component.path("key").asText().equals(variable))
            .findFirst()
            .orElseThrow();
    assertThat(field.path("type").asText())
        .as("field %s of form %s", variable, formKey)
        .isEqualTo("textarea");
    String shown =
        engine.getFormService().getTaskFormVariables(task.getId()).getValue(variable, String.class);
    assertThat(shown.length())
        .as("%s of %s", variable, task.getTaskDefinitionKey())
        .isLessThanOrEqualTo(uk.ccmt.system.Excerpt.LIMIT);
    assertThat(shown)
        .as("%s of %s", variable, task.getTaskDefinitionKey())
        .containsPattern("… and \\d+ more: see GET /api/partnering/" + round + "$");
  }

  /** The form as deployed with the partnering model. */
  private JsonNode formDefinition(String formKey) {
    var repository = engine.getRepositoryService();
    String deployment =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey("partnering")
            .latestVersion()
            .singleResult()
            .getDeploymentId();
    String resource =
        repository.getDeploymentResourceNames(deployment).stream()
            .filter(
                name -> name.endsWith("/" + formKey + ".form") || name.equals(formKey + ".form"))
            .findFirst()
            .orElseThrow();
    try (var in = repository.getResourceAsStream(deployment, resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every open confirmation answered alike, and every job run: more than runDueJobs takes at once.
   */
  private void answerEveryConfirmation(String round, boolean accepted) {
    for (Task task : confirmations(round)) {
      engine
          .getTaskService()
          .complete(
              task.getId(),
              accepted
                  ? Map.of("partnershipAccepted", true)
                  : Map.of(
                      "partnershipAccepted", false, "rejectionReason", "no capacity this phase"));
    }
    List<Job> due = engine.getManagementService().createJobQuery().executable().list();
    while (!due.isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
      due = engine.getManagementService().createJobQuery().executable().list();
    }
  }

  /**
   * A phase of many organisations with the longest codes and names the register allows: six large
   * suppliers, some I&amp;Cs and iGTs, a few GTs, and challengers for the rest.
   */
  private void largePhase(int organisations) {
    for (int i = 0; i < organisations; i++) {
      String category =
          i < 6
              ? "LARGE_SUPPLIER"
              : i < 36 ? "I_AND_C" : i < 60 ? "IGT" : i < 70 ? "GT" : "CHALLENGER";
      String code =
          String.format("%sORGANISATION%04d", category.replace("_", "").substring(0, 2), i);
      participants.register(
          new uk.ccmt.participant.ParticipantService.NewParticipant(
              code,
              ("Organisation " + code + " ").repeat(10).substring(0, 200),
              category,
              "Region " + (i % 7),
              List.of("trials@" + code.toLowerCase(java.util.Locale.ROOT) + ".example"),
              true));
    }
  }

  /** Two large suppliers and three challengers, each with one contact. */
  private void smallPhase() {
    given.participant("L1", "LARGE_SUPPLIER", "l1@l1.example");
    given.participant("L2", "LARGE_SUPPLIER", "l2@l2.example");
    given.participant("C1", "CHALLENGER", "c1@c1.example");
    given.participant("C2", "CHALLENGER", "c2@c2.example");
    given.participant("C3", "CHALLENGER", "c3@c3.example");
  }

  /**
   * Answers every open confirmation, as each organisation would in its Tasklist, but those of the
   * silent.
   */
  private void answerAll(String round, BiPredicate<String, String> accepts, String... silent) {
    for (Task task : confirmations(round)) {
      if (List.of(silent).contains(organisationOf(task))) {
        continue;
      }
      boolean accepted = accepts.test(organisationOf(task), partnerOf(task));
      engine
          .getTaskService()
          .complete(
              task.getId(),
              accepted
                  ? Map.of("partnershipAccepted", true)
                  : Map.of(
                      "partnershipAccepted", false, "rejectionReason", "no capacity this phase"));
    }
    runDueJobs();
  }

  private void assertRefused(Task review, String changes, String message) {
    assertThatThrownBy(
            () ->
                engine
                    .getTaskService()
                    .complete(
                        review.getId(), Map.of("matchesApproved", true, "pairChanges", changes)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("pairChanges")
        .hasMessageContaining(message);
  }

  private List<Task> confirmations(String round) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceBusinessKey(round)
        .taskDefinitionKey("confirmPartnership")
        .orderByTaskId()
        .asc()
        .list();
  }

  private String organisationOf(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(group -> group != null && group.startsWith("participant-"))
        .findFirst()
        .orElseThrow()
        .substring("participant-".length());
  }

  private String partnerOf(Task task) {
    String name = (String) engine.getTaskService().getVariableLocal(task.getId(), "partnerName");
    return name.substring(name.lastIndexOf('(') + 1, name.lastIndexOf(')'));
  }

  private ProcessInstance instance(String round) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(round)
        .processDefinitionKey("partnering")
        .singleResult();
  }
}
