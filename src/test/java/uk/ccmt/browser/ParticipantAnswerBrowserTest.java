package uk.ccmt.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import uk.ccmt.support.Axe;
import uk.ccmt.support.Chromium;
import uk.ccmt.support.HttpCaller;
import uk.ccmt.support.NeedsChromium;
import uk.ccmt.support.Screenshots;
import uk.ccmt.support.StepwiseExtension;
import uk.ccmt.support.TestData;
import uk.ccmt.support.TestMailServer;
import uk.ccmt.support.WebappLogin;
import uk.ccmt.system.Groups;

/**
 * A participant organisation answers an SFTP information request in Tasklist, in a real browser
 * (headless Chromium): a weak key and a bad address range are refused by the server, and the reason
 * shows on the field it is about, the way form-js shows its own errors, with nothing technical on
 * the page and one INFO line in the log; fixed, the answer is accepted and recorded. axe-core finds
 * no serious accessibility problem on the form, before or after the refusal.
 */
@NeedsChromium
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:file:./target/browser-test-db/ccmt-${random.uuid}",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/browser-test-environments",
      "spring.mail.host=127.0.0.1"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@DirtiesContext
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({StepwiseExtension.class, OutputCaptureExtension.class})
class ParticipantAnswerBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String ORGANISATION = "NLE";
  private static final String PARTICIPANT = "nia";
  private static final String RELEASE_MANAGER = "rachel";

  private static final String USERNAME = "Field_SftpUsername";
  private static final String KEY = "Field_SshPublicKey";
  private static final String ADDRESSES = "Field_SourceIpAddresses";
  private static final String SUBJECT = "Field_Subject";
  private static final String QUESTION = "Field_Text";

  /** What a person must never read: regular expressions, templates, classes, engine words. */
  private static final List<String> NEVER_SHOWN =
      List.of(
          "^[",
          "[a-z",
          "[A-Z",
          "[0-9",
          "\\d",
          "\\s",
          "$/",
          "{{",
          "${",
          "Exception",
          "uk.ccmt",
          "org.camunda",
          "ENGINE-",
          "Cannot submit",
          "Cannot complete",
          "Cannot instantiate",
          "\tat ");

  @LocalServerPort int port;

  @Autowired TestData given;

  @Autowired TaskService tasks;

  @Autowired IdentityService identity;

  private WebDriver browser;
  private String campaign;
  private Task request;
  private final String strongKey = ed25519Key();

  @BeforeAll
  void browserAndRequest() {
    browser = Chromium.start("a participant's SFTP answer", "1280,1400");
    given.releaseManager(RELEASE_MANAGER);
    given.participant(ORGANISATION, "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser(PARTICIPANT, ORGANISATION);
    // the header shows the user's full name, as in the README's pictures
    User nia = identity.createUserQuery().userId(PARTICIPANT).singleResult();
    nia.setFirstName("Nia");
    nia.setLastName("Lloyd");
    identity.saveUser(nia);

    String dueDate = LocalDate.now(ZoneId.of("Europe/London")).plusDays(10).toString();
    ResponseEntity<JsonNode> started =
        HttpCaller.as(port, RELEASE_MANAGER)
            .post(
                "/api/information-requests",
                Map.of("types", List.of("SFTP_INFORMATION"), "dueDate", dueDate));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    campaign = started.getBody().path("id").asText();
    request =
        Awaitility.await("the organisation's SFTP request")
            .atMost(PATIENCE)
            .until(
                () ->
                    tasks
                        .createTaskQuery()
                        .taskCandidateGroup(Groups.ofParticipant(ORGANISATION))
                        .taskDefinitionKey("provideInformation")
                        .singleResult(),
                task -> task != null);
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. The participant opens the SFTP request; axe finds nothing serious on the form")
  void theParticipantOpensTheRequest() {
    // claiming is not this scenario's subject: the participant has taken the task, as they first
    // would
    tasks.claim(request.getId(), PARTICIPANT);
    logIn(PARTICIPANT);
    browser.get(tasklist() + "#/?task=" + request.getId());
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.ignoring(StaleElementReferenceException.class)
        .until(driver -> form(driver).contains("SFTP information"));
    wait.until(driver -> !driver.findElements(field(KEY)).isEmpty());

    assertThat(form(browser)).contains("SSH public key", "Source IP addresses");
    assertThat(seriousViolations()).as("axe on the open SFTP form").isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("2. A weak key is refused on the key field, with only the reason, in one log line")
  void aWeakKeyIsRefusedOnItsField(CapturedOutput output) {
    int logBefore = output.getOut().length();
    type(USERNAME, "nle-trials");
    type(KEY, rsaKey(1024));
    type(ADDRESSES, "203.0.113.10, 198.51.100.0/33");
    complete();

    WebElement error = errorOn(KEY, "at least 2048 bits");
    assertThat(error.getText()).startsWith("An ssh-rsa key must have at least 2048 bits");
    assertMarkedInvalid(KEY, error);
    assertThat(activeElementId()).as("the focus is on the key").endsWith("-" + KEY);
    // the validator reports the first wrong field of the form's order: the key, not yet the range
    assertThat(browser.findElements(errorsOf(ADDRESSES))).isEmpty();
    // the notification names the field by its label, then the reason: no variable key, no engine id
    assertThat(notification("SSH public key: "))
        .contains("SSH public key: an ssh-rsa key must have at least 2048 bits, this one has 1024")
        .doesNotContain("sshPublicKey");
    assertNothingTechnicalOnThePage();
    assertThat(tasks.createTaskQuery().taskId(request.getId()).singleResult())
        .as("the task stays open")
        .isNotNull();
    Screenshots.keep(browser, "participant-sftp-refused");

    assertThat(seriousViolations()).as("axe on the refused SFTP form").isEmpty();
    List<String> log = waitForLogLine(output, logBefore, "Refused sshPublicKey: ");
    assertThat(log)
        .filteredOn(line -> line.contains("sshPublicKey"))
        .singleElement()
        .satisfies(line -> assertThat(line).contains(" INFO ", "Refused sshPublicKey: an ssh-rsa"));
    assertThat(log)
        .noneSatisfy(line -> assertThat(line).contains("ENGINE-16004"))
        .noneSatisfy(line -> assertThat(line).contains(" ERROR "))
        .noneSatisfy(line -> assertThat(line).startsWith("\tat "));
  }

  @Test
  @Order(3)
  @DisplayName("3. Editing the key clears its error; the bad range is then refused on its field")
  void theRangeIsRefusedOnItsFieldOnceTheKeyIsGood() {
    type(KEY, strongKey);
    new WebDriverWait(browser, PATIENCE)
        .until(driver -> driver.findElements(errorsOf(KEY)).isEmpty());
    assertThat(input(KEY).getAttribute("aria-invalid")).isEqualTo("false");
    complete();

    WebElement error = errorOn(ADDRESSES, "198.51.100.0/33");
    assertMarkedInvalid(ADDRESSES, error);
    assertThat(activeElementId()).endsWith("-" + ADDRESSES);
    assertThat(browser.findElements(errorsOf(KEY))).isEmpty();
    assertNothingTechnicalOnThePage();
    assertThat(tasks.createTaskQuery().taskId(request.getId()).singleResult()).isNotNull();
  }

  @Test
  @Order(4)
  @DisplayName("4. With a strong key and a good range the answer is accepted and recorded")
  void theFixedAnswerIsAcceptedAndRecorded() {
    type(ADDRESSES, "203.0.113.10, 198.51.100.0/24");
    new WebDriverWait(browser, PATIENCE)
        .until(driver -> driver.findElements(errorsOf(ADDRESSES)).isEmpty());
    closeNotifications();
    Screenshots.keep(browser, "participant-sftp-answered");
    complete();

    Awaitility.await("the task completed")
        .atMost(PATIENCE)
        .until(() -> tasks.createTaskQuery().taskId(request.getId()).singleResult() == null);
    new WebDriverWait(browser, PATIENCE).until(driver -> driver.findElements(field(KEY)).isEmpty());

    JsonNode status =
        HttpCaller.as(port, RELEASE_MANAGER).get("/api/information-requests/" + campaign).getBody();
    JsonNode sftp = requestOf(status, ORGANISATION, "SFTP_INFORMATION");
    assertThat(sftp.path("state").asText()).isEqualTo("RECEIVED");
    assertThat(sftp.path("answeredBy").asText()).isEqualTo(PARTICIPANT);
    assertThat(sftp.path("values").path("sftpUsername").asText()).isEqualTo("nle-trials");
    assertThat(sftp.path("values").path("sshPublicKey").asText()).isEqualTo(strongKey);
    assertThat(sftp.path("values").path("sourceIpAddresses").toString())
        .contains("203.0.113.10", "198.51.100.0/24");
  }

  @Test
  @Order(5)
  @DisplayName("5. A refused start form (Start process) shows its reason on its field too")
  void aRefusedStartShowsOnItsField() {
    browser.get(tasklist());
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    By startProcess = By.xpath("//a[contains(., 'Start process')]");
    wait.ignoring(StaleElementReferenceException.class)
        .until(driver -> !driver.findElements(startProcess).isEmpty());
    browser.findElement(startProcess).click();
    By choice = By.xpath("//a[normalize-space()='Participant query']");
    wait.until(driver -> !driver.findElements(choice).isEmpty());
    browser.findElement(choice).click();
    wait.until(driver -> !driver.findElements(field(SUBJECT)).isEmpty());

    // a blank subject passes form-js's own "required" check; the server refuses it
    type(SUBJECT, " ");
    type(QUESTION, "When is the cut-off for meter reads?");
    start();
    WebElement error = errorOn(SUBJECT, "Must not be blank");
    assertMarkedInvalid(SUBJECT, error);
    assertThat(activeElementId()).endsWith("-" + SUBJECT);
    assertThat(notification("Subject: "))
        .as("the start's refusal in words, the field by its label")
        .contains("Subject: must not be blank")
        .doesNotContain("subject:");
    assertNothingTechnicalOnThePage();

    type(SUBJECT, "Meter read cut-off");
    wait.until(driver -> driver.findElements(errorsOf(SUBJECT)).isEmpty());
    start();
    Awaitility.await("the query raised")
        .atMost(PATIENCE)
        .until(
            () -> HttpCaller.as(port, PARTICIPANT).get("/api/queries").getBody().toString(),
            queries -> queries.contains("Meter read cut-off"));
  }

  // --- the page

  private static By field(String id) {
    return By.cssSelector(".fjs-container [id$='-" + id + "']");
  }

  private WebElement input(String id) {
    return browser.findElement(field(id));
  }

  /** form-js's own error markup inside the field: the class its CSS styles. */
  private static By errorsOf(String id) {
    return By.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')]"
            + "[.//*[substring(@id, string-length(@id) - string-length('-"
            + id
            + "') + 1) = '-"
            + id
            + "']]//*[contains(@class, 'fjs-form-field-error')]");
  }

  private WebElement errorOn(String id, String text) {
    try {
      return new WebDriverWait(browser, PATIENCE)
          .ignoring(StaleElementReferenceException.class)
          .until(
              driver ->
                  driver.findElements(errorsOf(id)).stream()
                      .filter(error -> error.isDisplayed() && error.getText().contains(text))
                      .findFirst()
                      .orElse(null));
    } catch (TimeoutException notShown) {
      Screenshots.keep(browser, "participant-no-error-on-" + id);
      throw notShown;
    }
  }

  private void assertMarkedInvalid(String id, WebElement error) {
    WebElement input = input(id);
    assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(error.getAttribute("id")).isNotBlank();
    assertThat(input.getAttribute("aria-describedby").split("\\s+"))
        .contains(error.getAttribute("id"));
    WebElement wrapper =
        input.findElement(By.xpath("ancestor::*[contains(@class,'fjs-form-field ')][1]"));
    assertThat(wrapper.getAttribute("class")).contains("fjs-has-errors");
  }

  private void assertNothingTechnicalOnThePage() {
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain(NEVER_SHOWN);
    assertThat(page).doesNotContainPattern("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-");
    assertThat(page)
        .doesNotContainPattern(
            "provideInformation:\\d+|informationRequest:\\d+|participantQuery:\\d+");
  }

  private void type(String id, String text) {
    WebElement input = input(id);
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(text);
  }

  private void start() {
    browser.findElement(By.xpath("//button[normalize-space()='Start']")).click();
  }

  private void complete() {
    browser.findElement(By.xpath("//button[normalize-space()='Complete']")).click();
  }

  private String notification(String word) {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(
            driver -> {
              String notes = driver.findElement(By.cssSelector(".notifications")).getText();
              return notes.contains(word) ? notes : null;
            });
  }

  /** Closes the refusals' notifications, as the participant would before completing again. */
  private void closeNotifications() {
    for (WebElement close : browser.findElements(By.cssSelector(".notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    new WebDriverWait(browser, PATIENCE)
        .until(driver -> driver.findElement(By.cssSelector(".notifications")).getText().isBlank());
  }

  private String activeElementId() {
    return (String)
        ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
  }

  /**
   * The serious and critical axe violations inside the form (form-js's {@code .fjs-container}):
   * what our forms, CSS and script make. The page around it is Camunda's own Tasklist markup, which
   * we cannot change and which axe finds fault with (icon-only buttons and links without names, the
   * footer's contrast, an aria attribute on the filter's search field), so it is left out.
   */
  private List<Axe.Violation> seriousViolations() {
    return Axe.seriousViolationsWithin(browser, ".fjs-container");
  }

  private static String form(WebDriver driver) {
    List<WebElement> forms = driver.findElements(By.cssSelector(".fjs-form"));
    return forms.isEmpty() ? "" : forms.get(0).getText();
  }

  private void logIn(String user) {
    WebappLogin.logIn(browser, tasklist(), user);
  }

  private String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  // --- the server's side

  private static List<String> waitForLogLine(CapturedOutput output, int before, String text) {
    return Awaitility.await("the refusal's log line")
        .atMost(PATIENCE)
        .until(
            () -> Arrays.asList(output.getOut().substring(before).split("\\R")),
            lines -> lines.stream().anyMatch(line -> line.contains(text)));
  }

  private static JsonNode requestOf(JsonNode status, String code, String type) {
    for (JsonNode organisation : status.path("participants")) {
      if (organisation.path("code").asText().equals(code)) {
        for (JsonNode request : organisation.path("requests")) {
          if (request.path("type").asText().equals(type)) {
            return request;
          }
        }
      }
    }
    throw new AssertionError("no " + type + " request of " + code + " in " + status);
  }

  // --- keys, as ssh-keygen writes them (the inforequest tests' SshKeys is package-private there)

  private static String rsaKey(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
      return line(
          "ssh-rsa",
          wire(
              "ssh-rsa".getBytes(StandardCharsets.US_ASCII),
              key.getPublicExponent().toByteArray(),
              key.getModulus().toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ed25519Key() {
    try {
      byte[] encoded =
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
      // X.509 SubjectPublicKeyInfo for Ed25519: a 12-byte header, then the 32 raw key bytes
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      return line("ssh-ed25519", wire("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(String type, byte[] blob) {
    return type + " " + Base64.getEncoder().encodeToString(blob) + " sftp@nle.example";
  }

  private static byte[] wire(byte[]... strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] string : strings) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(string.length).array());
      out.writeBytes(string);
    }
    return out.toByteArray();
  }
}
