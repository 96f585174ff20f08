package uk.ccmt.system;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;

/**
 * Camunda's password policy in words, for the start-up check of the administrator's password and
 * for the API's refusal of an organisation user's password. Camunda itself only says "Password does
 * not match policy".
 */
final class PasswordRules {

  private PasswordRules() {}

  /** What each rule of the policy asks, as a sentence fragment. */
  static List<String> describe(PasswordPolicy policy) {
    return policy.getRules().stream().map(PasswordRules::describe).toList();
  }

  /** The rules the password breaks, described; empty when it obeys the policy. */
  static List<String> broken(PasswordPolicy policy, String password, User user) {
    return policy.getRules().stream()
        .filter(rule -> !rule.execute(password, user))
        .map(PasswordRules::describe)
        .toList();
  }

  static String describe(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters() == null ? Map.of() : rule.getParameters();
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" ->
          "at least " + parameters.getOrDefault("minLength", "?") + " characters";
      case "PASSWORD_POLICY_LOWERCASE" ->
          "at least " + parameters.getOrDefault("minLowerCase", "?") + " lower-case letter(s)";
      case "PASSWORD_POLICY_UPPERCASE" ->
          "at least " + parameters.getOrDefault("minUpperCase", "?") + " upper-case letter(s)";
      case "PASSWORD_POLICY_DIGIT" ->
          "at least " + parameters.getOrDefault("minDigit", "?") + " digit(s)";
      case "PASSWORD_POLICY_SPECIAL" ->
          "at least "
              + parameters.getOrDefault("minSpecial", "?")
              + " special character(s) such as ! # - _ or space";
      case "PASSWORD_POLICY_USER_DATA" -> "not the user's id, first name or last name";
      default -> rule.getPlaceholder() + (parameters.isEmpty() ? "" : " " + parameters);
    };
  }
}
