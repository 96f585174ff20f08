package uk.ccmt.crash;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application as an operator runs it: a JVM of its own, started from the built classpath in a
 * working directory of its own, and killed with SIGKILL ({@link Process#destroyForcibly()}) at any
 * moment. Each start has its own free HTTP port and its own log file next to the data.
 */
final class AppProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path workDir;
  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private Process process;
  private int port;
  private int starts;

  AppProcess(Path workDir, Map<String, String> properties, Map<String, String> environment) {
    this.workDir = workDir.toAbsolutePath();
    this.properties = new LinkedHashMap<>(properties);
    this.environment = environment;
  }

  int port() {
    return port;
  }

  /** Starts the application and waits until it answers HTTP. */
  void start(Duration patience) throws IOException, InterruptedException {
    port = freePort();
    starts++;
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBinary(),
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                applicationClasspath()));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dserver.port=" + port);
    command.add("uk.ccmt.CcmtApplication");
    Files.createDirectories(workDir);
    File log = workDir.resolve("app-" + starts + ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().putAll(environment);
    process = builder.start();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the application ended while starting (exit "
                + process.exitValue()
                + "), see "
                + log
                + ":\n"
                + tail(log.toPath()));
      }
      if (answers()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the application did not answer within " + patience + ", see " + log);
  }

  /**
   * SIGKILL, as a crash: nothing of the application runs after this. The commands it started die
   * with it, as they would with the machine (an orphaned deployment command would otherwise finish
   * on its own behind the test's back).
   */
  void kill() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    process.waitFor();
    for (ProcessHandle child : children) {
      child.onExit().join();
    }
  }

  /** An orderly stop (SIGTERM), at the end of a test; a command still running is stopped too. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  private boolean answers() {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/releases"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The application's classpath as Maven built it, without the test classes. */
  private static String applicationClasspath() {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(classpath.split(File.pathSeparator))
        .filter(
            entry ->
                !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
