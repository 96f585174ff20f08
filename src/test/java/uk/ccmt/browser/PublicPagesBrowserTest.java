package uk.ccmt.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.note.ReleaseNoteMailing;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.notification.OutboundEmail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.support.Axe;
import uk.ccmt.support.Chromium;
import uk.ccmt.support.NeedsChromium;
import uk.ccmt.support.Screenshots;
import uk.ccmt.support.TestData;
import uk.ccmt.support.WeeklyReleaseOverHttp;
import uk.ccmt.system.Groups;

/**
 * The public release-notes pages as participants get them, in a real browser (headless Chromium):
 * on a phone (390×844) nothing is wider than the screen, and axe-core finds nothing serious on a
 * phone or at desktop size. Then the staff area's one email page, signed in through its form: the
 * HTML part shown in its sandboxed frame, where a script in it does not run. A published release
 * with a long title and a long defect title gives the pages something that could overflow.
 *
 * <p>Last, a developer signing in lands on the staff home, and the sent mail is a 403 page.
 *
 * <p>Screenshots: releases-phone, releases, release-page, mail-page (support/Screenshots).
 */
@NeedsChromium
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/browser-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/browser-test-environments"
    })
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicPagesBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Dimension DESKTOP = new Dimension(1280, 1000);
  private static final String LONG_DEFECT_TITLE =
      "Supply point registrations carrying an exceptionally long meter serial number such as"
          + " MSN-000000000000000000000000000000000000000000000001 are refused by the switching"
          + " validation of the market-trials environment";
  private static final String SCRIPTED_HTML =
      "<p id=\"said\" style=\"color: #0b5cad\">Deployed as planned.</p>"
          + "<script>document.getElementById('said').textContent = 'script ran';</script>";

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired ReleaseNoteService notes;

  @Autowired ReleaseNoteMailing mailing;

  @Autowired Outbox outbox;

  private WebDriver browser;
  private String releaseId;

  @BeforeAll
  void aPublishedReleaseAndABrowser() {
    browser = Chromium.start("the public pages", PHONE.width + "," + PHONE.height);
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.fixedDefectTitled(
        "D-101", LONG_DEFECT_TITLE, "5.0.1+build.20261201.0930.market-trials-candidate");
    given.fixedDefect("D-102", "5.0.1+build.20261201.0930.market-trials-candidate");
    String week = WeeklyReleaseOverHttp.weekWhoseThursdayIsStillAhead(ZoneId.of("Europe/London"));
    releaseId = given.weeklyReleaseOfFixedDefects(week).id();
    mailing.queue(notes.createProvisional(releaseId));
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. On a phone, the list and a release's page fit the screen, with nothing serious")
  void onAPhone() {
    browser.manage().window().setSize(PHONE);

    open("/releases");
    assertFitsTheScreen("/releases", PHONE.width);
    assertNothingSerious("/releases on a phone");
    Screenshots.keep(browser, "releases-phone");

    open("/releases/" + releaseId);
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("D-101");
    assertFitsTheScreen("/releases/" + releaseId, PHONE.width);
    assertNothingSerious("a release's page on a phone");
  }

  @Test
  @Order(2)
  @DisplayName("2. At desktop size, the list and a release's page have nothing serious for axe")
  void atDesktopSize() {
    browser.manage().window().setSize(DESKTOP);

    open("/releases");
    assertFitsTheScreen("/releases", DESKTOP.width);
    assertNothingSerious("/releases at desktop size");
    Screenshots.keep(browser, "releases");

    open("/releases/" + releaseId);
    assertFitsTheScreen("/releases/" + releaseId, DESKTOP.width);
    assertNotesFitTheirBoxes();
    assertNothingSerious("a release's page at desktop size");
    Screenshots.keep(browser, "release-page");
  }

  @Test
  @Order(3)
  @DisplayName(
      "3. Signed in through the form, an email's HTML part shows in a frame, its script dead")
  void anEmailsHtmlPartInItsFrame() {
    browser.manage().window().setSize(DESKTOP);
    outbox.queue(
        "browser:scripted",
        "An email with a script in it",
        SCRIPTED_HTML,
        "Deployed as planned.",
        List.of("trials@nle.example"));
    OutboundEmail scripted = outbox.ofMessage("browser:scripted").get(0);
    OutboundEmail note =
        outbox.matching(null, "Provisional release note", null, 10).stream()
            .filter(email -> email.bodyHtml() != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the provisional note was not emailed"));

    browser.get(url("/staff/login"));
    wait(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("rachel");
    browser.findElement(By.name("password")).sendKeys(TestData.PASSWORD);
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    wait(ExpectedConditions.urlToBe(url("/mail")));

    open("/mail/" + scripted.id());
    assertThat(frameText()).contains("Deployed as planned.").doesNotContain("script ran");
    assertThat(browser.findElement(By.cssSelector("iframe.email-frame")).getDomAttribute("sandbox"))
        .isEmpty();

    open("/mail/" + note.id());
    String shown = frameText();
    assertThat(shown).contains(releaseId);
    assertNothingSerious("an email's page");
    Screenshots.keep(browser, "mail-page");
  }

  @Test
  @Order(4)
  @DisplayName("4. A developer lands on the staff home, and /mail is a page saying whom to ask")
  void aDeveloperLandsWhereTheyMayGo() {
    given.user("devon", Groups.DEVELOPMENT_TEAM);
    browser.manage().deleteAllCookies();

    browser.get(url("/mail"));
    wait(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("devon");
    browser.findElement(By.name("password")).sendKeys(TestData.PASSWORD);
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    wait(ExpectedConditions.urlToBe(url("/staff")));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Signed in as devon", releaseId)
        .doesNotContain("Email sent by CCMT Release Manager");
    assertNothingSerious("the staff home");

    open("/mail");
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("This page is not for your account");
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("/mail", "ask a release manager", "rachel@programme.example");
    assertNothingSerious("the 403 page");
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    wait(ExpectedConditions.urlContains("/staff/login"));
  }

  /** The text the email's frame shows, once its document has loaded. */
  private String frameText() {
    WebElement frame = wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe")));
    browser.switchTo().frame(frame);
    try {
      return wait(
          driver -> {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.isBlank() ? null : text;
          });
    } finally {
      browser.switchTo().defaultContent();
    }
  }

  private void open(String path) {
    browser.get(url(path));
    wait(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
  }

  /** No horizontal scroll, and no element that reaches past either edge of the screen. */
  @SuppressWarnings("unchecked")
  private void assertFitsTheScreen(String page, int width) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    long scrollWidth =
        ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
    long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
    assertThat(innerWidth).as("the window's width").isLessThanOrEqualTo(width);
    // elements, and text that overflows its element (a long word in a cell)
    List<String> tooWide =
        (List<String>)
            js.executeScript(
                "const w = window.innerWidth, out = [];"
                    + "const past = r => r.width > 0 && (r.right > w + 0.5 || r.left < -0.5);"
                    + "const name = e => e.tagName.toLowerCase() + (e.className ? '.' + e.className"
                    + "  : '');"
                    + "document.querySelectorAll('body *').forEach(e => {"
                    + "  if (past(e.getBoundingClientRect())) out.push(name(e)); });"
                    + "const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                    + "for (let t = texts.nextNode(); t; t = texts.nextNode()) {"
                    + "  const range = document.createRange(); range.selectNodeContents(t);"
                    + "  if (past(range.getBoundingClientRect()))"
                    + "    out.push('text in ' + name(t.parentElement) + ': ' + t.textContent.trim()"
                    + "      .slice(0, 40)); }"
                    + "return out;");
    assertThat(tooWide).as(page + ": elements wider than the screen").isEmpty();
    assertThat(scrollWidth).as(page + ": horizontal scroll").isLessThanOrEqualTo(innerWidth);
  }

  /** At desktop size a note's table stays inside the note's box. */
  private void assertNotesFitTheirBoxes() {
    for (WebElement note : browser.findElements(By.cssSelector(".published-note"))) {
      int right = note.getRect().getX() + note.getRect().getWidth();
      for (WebElement table : note.findElements(By.tagName("table"))) {
        assertThat(table.getRect().getX() + table.getRect().getWidth())
            .as("a note's table inside its box")
            .isLessThanOrEqualTo(right);
      }
    }
  }

  private void assertNothingSerious(String page) {
    assertThat(Axe.seriousViolations(browser))
        .as(page + ": serious accessibility issues")
        .isEmpty();
  }

  private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, PATIENCE).until(condition);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
