package uk.ccmt.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by its chromedriver, as a browser in the UK (dates in day,
 * month, year order, times in London). Where neither is installed the browser tests skip with a
 * message, so ./mvnw verify works on a fresh machine; in CI (.ci/run installs both) they fail.
 */
public final class Chromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * A new browser window of the given size ("1280,800"), or the test skipped when no browser is
   * installed. {@code purpose} completes "the browser check of …" in the messages.
   */
  public static WebDriver start(String purpose, String windowSize) {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && System.getenv("CI") != null) {
      throw new AssertionError(
          "CI must run the browser check of "
              + purpose
              + ": install chromium and chromium-driver (apt-get install -y chromium"
              + " chromium-driver)");
    }
    Assumptions.assumeTrue(
        installed,
        "Skipped: the browser check of "
            + purpose
            + " needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y"
            + " chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + windowSize,
        "--lang=en-GB");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB"));
    WebDriver browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TZ", "Europe/London", "LANG", "en_GB.UTF-8"))
                .build(),
            options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }
}
