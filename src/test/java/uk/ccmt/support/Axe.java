package uk.ccmt.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (npm {@code axe-core}, installed by {@code npm ci}) injected into the page a browser
 * shows, and run there: the accessibility violations it finds, with their impact. Where {@code
 * node_modules/axe-core} is missing the check alone is skipped, with a message printed, and the
 * rest of the test goes on; in CI it fails instead: `.ci/run` runs {@code npm ci} before the build.
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
    return serious(violations(browser));
  }

  /**
   * The serious and critical violations inside the elements {@code selector} matches: for a page
   * whose frame is Camunda's own markup, which we cannot change, the part that is ours.
   */
  public static List<Violation> seriousViolationsWithin(WebDriver browser, String selector) {
    return serious(run(browser, selector));
  }

  /** Every violation on the page the browser shows now (WCAG 2.x A and AA rules). */
  public static List<Violation> violations(WebDriver browser) {
    return run(browser, null);
  }

  private static List<Violation> serious(List<Violation> found) {
    return found.stream()
        .filter(v -> v.impact().equals("serious") || v.impact().equals("critical"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Violation> run(WebDriver browser, String selector) {
    String axe = script();
    if (axe == null) {
      return List.of();
    }
    JavascriptExecutor page = (JavascriptExecutor) browser;
    page.executeScript(axe);
    Object result =
        page.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const context = arguments[0] ? {include: [[arguments[0]]]} : document;"
                + "axe.run(context, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact || '',"
                + " help: v.help, elements: v.nodes.map(n => n.target.join(' '))}))))"
                + ".catch(e => done([{rule: 'axe-error', impact: 'critical', help: String(e),"
                + " elements: []}]));",
            selector);
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
    if (!installed) {
      System.err.println(
          "Skipped the accessibility check: it needs " + SCRIPT + " (run npm ci first)");
      return null;
    }
    try {
      return Files.readString(SCRIPT, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + SCRIPT, e);
    }
  }
}
