package uk.ccmt.taskcontext;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What people read in the forms and in the refusals that reach Tasklist is written for them: no
 * regular expressions, no templates they were not meant to see, no Java class names. Camunda Forms
 * in Tasklist 7.24 (form-js, schema 16) can give a pattern no message of its own: a failed {@code
 * validate.pattern} says "Field must match pattern ^[...]$", so no form uses one, and the server
 * checks each value with a reason instead.
 */
class FormsForPeopleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FORMS = Path.of("forms");

  /** Runs of regular-expression syntax that have no place in a sentence. */
  private static final Pattern REGEX =
      Pattern.compile(
          "\\[a-z|\\[A-Z|\\[0-9|\\[\\^|\\\\[dswDSW]|\\(\\?|\\{\\d+,\\d*\\}|\\.\\*|\\.\\+|\\^\\[|\\$/|\\]\\+|\\]\\*");

  /** The context variables a form's text may show, and nothing else in braces. */
  private static final Set<String> CONTEXT =
      Set.of(
          TaskContexts.DEFECTS,
          TaskContexts.BUILD,
          TaskContexts.ENVIRONMENT,
          TaskContexts.DEADLINE,
          TaskContexts.REMOVED,
          TaskContexts.LAST_ATTEMPT);

  /**
   * Decisions that are nothing but their reason: an override of a freeze is recorded with why it
   * may not wait, so its comment is required, and its label asks that question.
   */
  private static final Set<String> REASON_IS_THE_DECISION = Set.of("overrideFreeze.form");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  @Test
  void noFormChecksAValueWithABarePattern() throws IOException {
    for (Path form : forms()) {
      for (JsonNode component : components(form)) {
        assertThat(component.path("validate").has("pattern"))
            .as(
                "%s, %s: form-js would show the pattern itself as the message",
                form.getFileName(), component.path("id").asText())
            .isFalse();
      }
    }
  }

  @Test
  void whatAFormSaysHoldsNoRegularExpressionAndNoTemplateButItsContext() throws IOException {
    for (Path form : forms()) {
      for (JsonNode component : components(form)) {
        for (String property :
            List.of("label", "description", "text", "dateLabel", "timeLabel", "placeholder")) {
          String words = component.path(property).asText("");
          String where = form.getFileName() + ", " + component.path("id").asText() + "." + property;
          assertThat(words).as(where).doesNotContain("${", "#{");
          assertThat(REGEX.matcher(words).find()).as("%s: %s", where, words).isFalse();
          Matcher template = TEMPLATE.matcher(words);
          while (template.find()) {
            assertThat(CONTEXT).as(where).contains(template.group(1));
          }
        }
        for (JsonNode value : component.path("values")) {
          assertThat(REGEX.matcher(value.path("label").asText()).find())
              .as("%s, %s", form.getFileName(), component.path("id").asText())
              .isFalse();
        }
      }
    }
  }

  @Test
  void everyDecisionFormHasAnOptionalComment() throws IOException {
    List<String> decisionForms = new ArrayList<>();
    for (Path form : forms()) {
      String name = form.getFileName().toString();
      if (name.startsWith("information-request-")
          || name.equals("raiseS1Defect.form")
          || name.equals("raiseQuery.form")) {
        continue; // a participant's data, and start forms: no decision
      }
      decisionForms.add(name);
      List<JsonNode> comments =
          components(form).stream()
              .filter(component -> "comment".equals(component.path("key").asText()))
              .toList();
      assertThat(comments).as("the comment of %s", name).hasSize(1);
      JsonNode comment = comments.get(0);
      assertThat(comment.path("type").asText()).as(name).isEqualTo("textarea");
      if (REASON_IS_THE_DECISION.contains(name)) {
        assertThat(comment.path("validate").path("required").asBoolean(false)).as(name).isTrue();
        continue;
      }
      assertThat(comment.path("label").asText()).as(name).isEqualTo("Comment");
      assertThat(comment.path("validate").path("required").asBoolean(false))
          .as("%s: the server decides when a comment is required", name)
          .isFalse();
    }
    assertThat(decisionForms)
        .contains(
            "approveEmergencyFix.form",
            "confirmPartnership.form",
            "confirmStakeholderAgreement.form",
            "agreeEmergencyDeployment.form");
  }

  /**
   * Every refusal the product writes ({@code refused(field, reason)} or {@code new
   * InvalidInputException(...)}) reads as a sentence: its literal text holds no regular expression,
   * and no Java class name is put in it.
   */
  @Test
  void refusalsNameNoRegularExpressionAndNoJavaClass() throws IOException {
    List<String> found = new ArrayList<>();
    int refusals = 0;
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        String code = Files.readString(source);
        Matcher call = Pattern.compile("refused\\(|new InvalidInputException\\(").matcher(code);
        while (call.find()) {
          refusals++;
          String arguments = arguments(code, call.end());
          if (arguments.contains("getSimpleName") || arguments.contains("getClass()")) {
            found.add(source.getFileName() + ": a class name in " + arguments);
          }
          Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(arguments);
          while (literal.find()) {
            String text = literal.group(1).replace("\\\\", "\\");
            if (REGEX.matcher(text).find() || text.contains("^")) {
              found.add(source.getFileName() + ": " + text);
            }
          }
        }
      }
    }
    assertThat(refusals).as("refusals read").isGreaterThan(50);
    assertThat(found).isEmpty();
  }

  @Test
  void theKindOfAValueIsNamedInWords() {
    assertThat(uk.ccmt.system.ProcessVariables.kindOf(42)).isEqualTo("a number");
    assertThat(uk.ccmt.system.ProcessVariables.kindOf(List.of("x"))).isEqualTo("a list");
    assertThat(uk.ccmt.system.ProcessVariables.kindOf(java.util.Map.of()))
        .isEqualTo("structured data");
  }

  /** The text of a call's arguments, up to its closing parenthesis, strings read whole. */
  private static String arguments(String code, int start) {
    int depth = 1;
    int i = start;
    while (depth > 0 && i < code.length()) {
      char c = code.charAt(i);
      if (c == '"') {
        i++;
        while (i < code.length() && code.charAt(i) != '"') {
          i += code.charAt(i) == '\\' ? 2 : 1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      i++;
    }
    return code.substring(start, Math.min(i, code.length()));
  }

  private static List<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      List<Path> forms = files.filter(path -> path.toString().endsWith(".form")).sorted().toList();
      assertThat(forms).isNotEmpty();
      return forms;
    }
  }

  private static List<JsonNode> components(Path form) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    collect(JSON.readTree(form.toFile()).path("components"), all);
    return all;
  }

  private static void collect(JsonNode components, List<JsonNode> all) {
    for (JsonNode component : components) {
      all.add(component);
      collect(component.path("components"), all);
    }
  }
}
