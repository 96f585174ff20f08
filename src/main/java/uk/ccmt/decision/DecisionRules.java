package uk.ccmt.decision;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a task's completion means in words, and which choices need a reason. Both are tables, one
 * row per task (wording) or per task, variable and the value that needs a reason (refusals,
 * objections and overrides): a new decision is a new row, not new code.
 *
 * <p>Left out on purpose: {@code agreeEmergencyDeployment}, whose own rule asks an objecting
 * organisation for its reason, and free-text decisions such as {@code decideRejectedPairs}, whose
 * text is the reason itself.
 */
final class DecisionRules {

  private DecisionRules() {}

  /** Words for the values a completion submitted; the task's own variables where they matter. */
  @FunctionalInterface
  interface Wording {
    String of(Map<String, Object> submitted, Map<String, Object> context);
  }

  /**
   * A choice that needs a reason: in the task, this variable submitted with a value that matches.
   *
   * @param rule what the person reads when the reason is missing
   * @param reasonVariable a variable of the form that already asks why, taken as the comment when
   *     no comment is given, or null
   */
  record ReasonRequired(
      String task, String variable, Predicate<Object> means, String rule, String reasonVariable) {

    ReasonRequired(String task, String variable, Predicate<Object> means, String rule) {
      this(task, variable, means, rule, null);
    }

    boolean appliesTo(String taskKey, Map<String, Object> submitted) {
      return task.equals(taskKey)
          && submitted.containsKey(variable)
          && means.test(submitted.get(variable));
    }
  }

  static final List<ReasonRequired> REASON_REQUIRED =
      List.of(
          new ReasonRequired(
              "approveEmergencyFix",
              "fixApproved",
              isFalse(),
              "a refused fix needs a comment saying why it is refused"),
          new ReasonRequired(
              "confirmStakeholderAgreement",
              "stakeholdersAgreed",
              isFalse(),
              "say in a comment why the stakeholders did not agree"),
          new ReasonRequired(
              "decideWithoutStakeholderAgreement",
              "askStakeholdersAgain",
              isFalse(),
              "withdrawing the release needs a comment saying why"),
          new ReasonRequired(
              "confirmReleaseContents",
              "contentsConfirmed",
              isFalse(),
              "contents that are not confirmed need a comment saying why"),
          new ReasonRequired(
              "recordInternalTestResults",
              "failedDefects",
              notEmpty(),
              "failed internal testing needs a comment saying what failed"),
          new ReasonRequired(
              "reviewProposedMatches",
              "matchesApproved",
              isFalse(),
              "rejected matches need a comment saying why"),
          new ReasonRequired(
              "reviewProposedMatches",
              "acceptRuleWarnings",
              isTrue(),
              "going ahead despite the rule warnings is an override: say why in a comment"),
          new ReasonRequired(
              "confirmPartnership",
              "partnershipAccepted",
              isFalse(),
              "a rejected partnership needs a reason: say why not",
              "rejectionReason"),
          new ReasonRequired(
              "analyseDefect",
              "outcome",
              value -> "NOT_A_DEFECT".equals(value) || "DUPLICATE".equals(value),
              "closing a defect needs a comment saying why"),
          new ReasonRequired(
              "confirmDefectFix",
              "fixConfirmed",
              isFalse(),
              "reopening a defect needs a comment saying why the fix does not fix it"));

  private static final Map<String, Wording> WORDING =
      Map.ofEntries(
          Map.entry(
              "holdReleaseReview",
              choice(
                  "immediateDeployment",
                  "immediate deployment",
                  "deferred to the regular release")),
          Map.entry("provideEmergencyFix", (s, c) -> "provided build " + text(s, "buildVersion")),
          Map.entry("approveEmergencyFix", choice("fixApproved", "approved", "refused")),
          Map.entry(
              "confirmStakeholderAgreement",
              choice("stakeholdersAgreed", "stakeholders agreed", "stakeholders did not agree")),
          Map.entry(
              "decideWithoutStakeholderAgreement",
              (s, c) ->
                  yes(s.get("deployAnyway"))
                      ? "deploy without stakeholder agreement"
                      : choice(
                              "askStakeholdersAgain",
                              "ask the stakeholders again",
                              "withdraw the release")
                          .of(s, c)),
          Map.entry(
              "agreeNewDeploymentTime",
              (s, c) -> "new deployment time " + text(s, "deploymentSchedule")),
          Map.entry("agreeEmergencyDeployment", choice("agreed", "agreed", "objected")),
          Map.entry("reviewReleaseContents", DecisionRules::reviewedContents),
          Map.entry(
              "recordInternalTestResults",
              (s, c) ->
                  !s.containsKey("failedDefects")
                      ? "completed"
                      : items(s.get("failedDefects")).isEmpty()
                          ? "signed off"
                          : "failed " + String.join(", ", items(s.get("failedDefects")))),
          Map.entry(
              "confirmReleaseContents", choice("contentsConfirmed", "confirmed", "not confirmed")),
          Map.entry("correctReleaseErrors", DecisionRules::correction),
          Map.entry("reviewRouteToLiveViolation", (s, c) -> "violation reviewed"),
          Map.entry("reviewProposedMatches", DecisionRules::matchesReview),
          Map.entry("confirmPartnership", choice("partnershipAccepted", "confirmed", "rejected")),
          Map.entry("decideRejectedPairs", (s, c) -> "decided"),
          Map.entry(
              "findPartnersForUnpartneredOrganisations", (s, c) -> "recorded what was agreed"),
          Map.entry("provideInformation", (s, c) -> "information provided"),
          Map.entry("answerQuery", DecisionRules::queryAnswer),
          Map.entry("contributeToQuery", (s, c) -> "contributed"));

  /** The decision in words; "completed" for a task without a row, or without its choice made. */
  static String wordsFor(
      String taskKey, Map<String, Object> submitted, Map<String, Object> context) {
    if (taskKey.startsWith("chase")) {
      return "chased";
    }
    Wording wording = WORDING.get(taskKey);
    String words = wording == null ? null : wording.of(submitted, context);
    return words == null || words.isBlank() ? "completed" : words;
  }

  /** The first rule this completion falls under that asks for a reason, if any. */
  static Optional<ReasonRequired> reasonRequired(String taskKey, Map<String, Object> submitted) {
    return REASON_REQUIRED.stream().filter(rule -> rule.appliesTo(taskKey, submitted)).findFirst();
  }

  private static Wording choice(String variable, String whenTrue, String whenFalse) {
    return (submitted, context) -> {
      if (!submitted.containsKey(variable)) {
        return null;
      }
      Object value = submitted.get(variable);
      return yes(value) ? whenTrue : no(value) ? whenFalse : null;
    };
  }

  private static String reviewedContents(Map<String, Object> s, Map<String, Object> c) {
    List<String> left = items(s.get("excludedDefects"));
    String build = text(s, "buildVersion");
    return "contents reviewed"
        + (build.isEmpty() ? "" : ", build " + build)
        + (left.isEmpty() ? "" : ", left out " + String.join(", ", left));
  }

  private static String correction(Map<String, Object> s, Map<String, Object> c) {
    String build = text(s, "buildVersion");
    if (build.isEmpty()) {
      return null;
    }
    Object failed = c.get("failedBuildVersion");
    return failed != null && build.equals(String.valueOf(failed).strip())
        ? "redeploy same build"
        : "corrected build " + build;
  }

  /** answerQuery: answered (and published or not), or passed on (issue 16). */
  private static String queryAnswer(Map<String, Object> s, Map<String, Object> c) {
    String route = text(s, "route");
    if (route.equals("development")) {
      return "passed on to the development team";
    }
    if (route.equals("programme")) {
      return "passed on to the programme";
    }
    return yes(s.get("publish")) ? "answered and published" : "answered";
  }

  private static String matchesReview(Map<String, Object> s, Map<String, Object> c) {
    if (!s.containsKey("matchesApproved")) {
      return null;
    }
    if (no(s.get("matchesApproved"))) {
      return "rejected";
    }
    String words = text(s, "pairChanges").isEmpty() ? "approved" : "approved with changes";
    return yes(s.get("acceptRuleWarnings")) ? words + " despite rule warnings" : words;
  }

  static Predicate<Object> isFalse() {
    return DecisionRules::no;
  }

  static Predicate<Object> isTrue() {
    return DecisionRules::yes;
  }

  static Predicate<Object> notEmpty() {
    return value -> !items(value).isEmpty();
  }

  static boolean yes(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  static boolean no(Object value) {
    return Boolean.FALSE.equals(value) || "false".equals(value);
  }

  private static String text(Map<String, Object> values, String name) {
    Object value = values.get(name);
    return value == null ? "" : String.valueOf(value).strip();
  }

  /** A list value (a checklist) as its items' texts; a blank or missing value is no items. */
  static List<String> items(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    String text = value == null ? "" : String.valueOf(value).strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      // A JSON array given as a plain text rather than a Json value.
      text = text.substring(1, text.length() - 1);
      return Arrays.stream(text.split(","))
          .map(item -> item.strip().replaceAll("^\"|\"$", ""))
          .filter(item -> !item.isBlank())
          .toList();
    }
    return text.isEmpty() ? List.of() : List.of(text);
  }
}
