package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's pictures and the folders that hold them agree: every picture the README shows is
 * there, every picture there is shown (none left behind when a model is cut differently or a
 * screenshot renamed), and {@code scripts/screenshots.sh} expects exactly the screenshots the
 * README shows.
 *
 * <p>A screenshot the script expects may be missing only while no browser test in the tree writes
 * it yet (no test source names it): once its test exists, {@code scripts/screenshots.sh} must have
 * been run and its picture committed.
 */
class PicturesTest {

  private static final Path README = Path.of("README.md");
  private static final Path SCRIPT = Path.of("scripts/screenshots.sh");
  private static final Path IMAGES = Path.of("docs/images");
  private static final Path MODELS = Path.of("docs/models");
  private static final Pattern PICTURE =
      Pattern.compile("docs/(?:images|models)/[A-Za-z0-9._-]+\\.png");

  @Test
  void shouldHaveEveryPictureTheReadmeShows() {
    Set<String> expected = expectedScreenshots();
    Set<String> notYetWritten = new TreeSet<>();
    for (String picture : referencedByReadme()) {
      if (Files.isRegularFile(Path.of(picture))) {
        continue;
      }
      String name = Path.of(picture).getFileName().toString().replaceFirst("\\.png$", "");
      assertThat(picture.startsWith(IMAGES + "/") && expected.contains(name))
          .as("README.md shows %s, which does not exist", picture)
          .isTrue();
      assertThat(writtenByATest(name))
          .as(
              "README.md shows %s, which a browser test writes: run scripts/screenshots.sh",
              picture)
          .isFalse();
      notYetWritten.add(name);
    }
    if (!notYetWritten.isEmpty()) {
      System.out.println("Pictures no browser test writes yet: " + notYetWritten);
    }
  }

  @Test
  void shouldShowEveryPictureOfTheFolders() {
    Set<String> shown = referencedByReadme();
    Set<String> inFolders = new TreeSet<>(pngs(IMAGES));
    inFolders.addAll(pngs(MODELS));

    assertThat(inFolders).as("pictures in docs/images and docs/models").isNotEmpty();
    assertThat(inFolders)
        .as("pictures in docs/images and docs/models that README.md does not show")
        .isSubsetOf(shown);
  }

  @Test
  void shouldExpectInTheScriptExactlyTheScreenshotsTheReadmeShows() {
    Set<String> shownScreenshots =
        referencedByReadme().stream()
            .filter(picture -> picture.startsWith(IMAGES + "/"))
            .map(picture -> picture.substring((IMAGES + "/").length()).replaceFirst("\\.png$", ""))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(expectedScreenshots())
        .as("the expected list of scripts/screenshots.sh")
        .isNotEmpty()
        .isEqualTo(shownScreenshots);
  }

  @Test
  void shouldShowEveryModel() throws IOException {
    Set<String> shown = referencedByReadme();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        String name = model.getFileName().toString().replaceFirst("\\.bpmn$", "");
        assertThat(
                shown.stream()
                    .anyMatch(
                        picture ->
                            picture.equals(MODELS + "/" + name + ".png")
                                || picture.matches(
                                    Pattern.quote(MODELS + "/" + name) + "-\\d+\\.png")))
            .as("README.md shows a picture of %s", model)
            .isTrue();
      }
    }
  }

  /** The pictures README.md shows or links to, as paths from the repository's root. */
  private static Set<String> referencedByReadme() {
    Matcher matcher = PICTURE.matcher(read(README));
    Set<String> pictures = new TreeSet<>();
    while (matcher.find()) {
      pictures.add(matcher.group());
    }
    return pictures;
  }

  /** The names in the {@code expected=( … )} list of scripts/screenshots.sh. */
  private static Set<String> expectedScreenshots() {
    Matcher list = Pattern.compile("(?m)^expected=\\(\\n([^)]*)\\)").matcher(read(SCRIPT));
    assertThat(list.find()).as("an expected=( … ) list in %s", SCRIPT).isTrue();
    return list.group(1)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> pngs(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> folder + "/" + file.getFileName())
          .filter(file -> file.endsWith(".png"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a test source names the screenshot, as the argument of its keeping. */
  private static boolean writtenByATest(String name) {
    try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
      List<Path> java = sources.filter(p -> p.toString().endsWith(".java")).toList();
      for (Path source : java) {
        if (!source.getFileName().toString().equals("PicturesTest.java")
            && read(source).contains("\"" + name + "\"")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
