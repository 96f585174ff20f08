package uk.ccmt.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signs a test user in to one of Camunda's webapps (Tasklist, Cockpit, Admin) through its own login
 * form, in the browser every browser test drives.
 */
public final class WebappLogin {

  private static final By USERNAME = By.cssSelector("input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("input[ng-model='password']");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private WebappLogin() {}

  /**
   * Opens {@code webappUrl} (such as http://localhost:PORT/camunda/app/tasklist/default/) and signs
   * {@code user} in with {@link TestData#PASSWORD}. On a loaded machine the login form can take the
   * click before Angular has bound what was typed, and the page stays at the login: it is loaded
   * afresh and tried again, three times at most, each failed try kept as a screenshot.
   */
  public static void logIn(WebDriver browser, String webappUrl, String user) {
    TimeoutException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      browser.get(webappUrl);
      new WebDriverWait(browser, PATIENCE)
          .until(driver -> !driver.findElements(USERNAME).isEmpty());
      WebElement username = browser.findElement(USERNAME);
      WebElement password = browser.findElement(PASSWORD);
      username.clear();
      username.sendKeys(user);
      password.clear();
      password.sendKeys(TestData.PASSWORD);
      browser.findElement(By.cssSelector("button[type='submit']")).click();
      try {
        new WebDriverWait(browser, PATIENCE.dividedBy(3))
            .until(driver -> driver.findElements(USERNAME).isEmpty());
        return;
      } catch (TimeoutException stillAtLogin) {
        Screenshots.keep(browser, "login-" + user + "-attempt-" + attempt);
        last = stillAtLogin;
      }
    }
    throw last;
  }
}
