package uk.ccmt.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Where the browser tests keep their screenshots: the folder named by {@code -Dccmt.screenshots}
 * ({@code scripts/screenshots.sh} passes docs/images, so the README's pictures are current), or
 * else {@code target/browser-screenshots}.
 */
public final class Screenshots {

  private Screenshots() {}

  /** The folder, created if need be. */
  public static Path folder() {
    Path folder = Path.of(System.getProperty("ccmt.screenshots", "target/browser-screenshots"));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IllegalStateException("could not create " + folder, e);
    }
    return folder;
  }

  /** Keeps what the browser shows now as {@code <name>.png}. */
  public static Path keep(WebDriver browser, String name) {
    Path file = folder().resolve(name + ".png");
    try {
      Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("could not keep the screenshot " + file, e);
    }
    return file;
  }
}
