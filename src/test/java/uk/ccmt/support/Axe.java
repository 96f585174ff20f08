package uk.ccmt.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (npm {@code axe-core}, installed by {@code npm ci}) injected into the page a browser
 * shows, and run there: the accessibility violations it finds, with their impact. Where {@code
 * node_modules/axe-core} is missing the check skips with a message, except in CI, where it fails:
 * `.ci/run` runs {@code npm ci} before the build.
 */
public final class Axe {

  private static final Path SCRIPT = Path.of("node_modules/axe-core/axe.min.js");

  private Axe() {}

  /** One violation: the rule, its impact, what it means, and the elements that break it. */
  public record Violation(String rule, String impact, String help, List<String> elements) {
    @Override
    public String toString() {
      return impact + " " + rule + " (" + help + "): " + String.join(", ", elements);
    }
  }

  /** The serious and critical violations on the page the browser shows now. */
  public static List<Violation> seriousViolations(WebDriver browser) {
    return violations(browser).stream()
        .filter(v -> v.impact().equals("serious") || v.impact().equals("critical"))
        .toList();
  }

  /** Every violation on the page the browser shows now (WCAG 2.x A and AA rules). */
  @SuppressWarnings("unchecked")
  public static List<Violation> violations(WebDriver browser) {
    JavascriptExecutor page = (JavascriptExecutor) browser;
    page.executeScript(script());
    Object result =
        page.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact || '',"
                + " help: v.help, elements: v.nodes.map(n => n.target.join(' '))}))))"
                + ".catch(e => done([{rule: 'axe-error', impact: 'critical', help: String(e),"
                + " elements: []}]));");
    return ((List<Map<String, Object>>) result)
        .stream()
            .map(
                v ->
                    new Violation(
                        (String) v.get("rule"),
                        (String) v.get("impact"),
                        (String) v.get("help"),
                        ((List<Object>) v.get("elements"))
                            .stream().map(String::valueOf).collect(Collectors.toList())))
            .toList();
  }

  private static String script() {
    boolean installed = Files.isReadable(SCRIPT);
    if (!installed && System.getenv("CI") != null) {
      throw new AssertionError(
          "CI must run the accessibility checks: run npm ci first (" + SCRIPT + " is missing)");
    }
    Assumptions.assumeTrue(
        installed, "Skipped: the accessibility check needs " + SCRIPT + " (run npm ci first)");
    try {
      return Files.readString(SCRIPT, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + SCRIPT, e);
    }
  }
}
