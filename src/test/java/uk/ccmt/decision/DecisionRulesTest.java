package uk.ccmt.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words of each decision, and which choices need a reason. */
class DecisionRulesTest {

  @Test
  void shouldWordEachChoiceAsPeopleSayIt() {
    assertThat(
            DecisionRules.wordsFor("approveEmergencyFix", Map.of("fixApproved", "false"), Map.of()))
        .isEqualTo("refused");
    assertThat(
            DecisionRules.wordsFor(
                "recordInternalTestResults",
                Map.of("failedDefects", List.of("D-1", "D-2")),
                Map.of()))
        .isEqualTo("failed D-1, D-2");
    assertThat(
            DecisionRules.wordsFor(
                "recordInternalTestResults", Map.of("failedDefects", "[]"), Map.of()))
        .isEqualTo("signed off");
    assertThat(
            DecisionRules.wordsFor(
                "correctReleaseErrors",
                Map.of("buildVersion", "1.2.3"),
                Map.of("failedBuildVersion", "1.2.3")))
        .isEqualTo("redeploy same build");
    assertThat(
            DecisionRules.wordsFor(
                "correctReleaseErrors",
                Map.of("buildVersion", "1.2.4"),
                Map.of("failedBuildVersion", "1.2.3")))
        .isEqualTo("corrected build 1.2.4");
    assertThat(
            DecisionRules.wordsFor("agreeEmergencyDeployment", Map.of("agreed", false), Map.of()))
        .isEqualTo("objected");
    assertThat(
            DecisionRules.wordsFor(
                "reviewProposedMatches",
                Map.of(
                    "matchesApproved", true, "pairChanges", "-NLE-BRG", "acceptRuleWarnings", true),
                Map.of()))
        .isEqualTo("approved with changes despite rule warnings");
    assertThat(DecisionRules.wordsFor("chaseReleaseReview", Map.of(), Map.of()))
        .isEqualTo("chased");
    assertThat(DecisionRules.wordsFor("overrideFreeze", Map.of("x", 1), Map.of()))
        .as("a task without a row")
        .isEqualTo("completed");
    assertThat(DecisionRules.wordsFor("approveEmergencyFix", Map.of(), Map.of()))
        .as("no choice submitted")
        .isEqualTo("completed");
  }

  @Test
  void shouldAskForAReasonForRefusalsObjectionsAndOverridesOnly() {
    assertThat(DecisionRules.reasonRequired("approveEmergencyFix", Map.of("fixApproved", false)))
        .isPresent();
    assertThat(DecisionRules.reasonRequired("approveEmergencyFix", Map.of("fixApproved", true)))
        .isEmpty();
    assertThat(
            DecisionRules.reasonRequired(
                "recordInternalTestResults", Map.of("failedDefects", List.of("D-1"))))
        .isPresent();
    assertThat(
            DecisionRules.reasonRequired(
                "recordInternalTestResults", Map.of("failedDefects", List.of())))
        .isEmpty();
    assertThat(
            DecisionRules.reasonRequired(
                "confirmPartnership", Map.of("partnershipAccepted", "false")))
        .hasValueSatisfying(rule -> assertThat(rule.reasonVariable()).isEqualTo("rejectionReason"));
    assertThat(DecisionRules.reasonRequired("agreeEmergencyDeployment", Map.of("agreed", false)))
        .as("its own helper's rule asks for the reason")
        .isEmpty();
    assertThat(DecisionRules.reasonRequired("approveEmergencyFix", Map.of()))
        .as("nothing submitted: the model's own checks refuse the completion")
        .isEmpty();
  }
}
