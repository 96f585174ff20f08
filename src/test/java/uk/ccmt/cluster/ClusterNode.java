package uk.ccmt.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.ccmt.CcmtApplication;

/**
 * One node of the cluster: the application in a JVM of its own, as an operator runs it, so that
 * each node has its own process engine, job executor and Camunda's static engine registry. It logs
 * to a file, from which its HTTP port is read.
 */
final class ClusterNode implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  private static final Pattern FAILED_LOCKS =
      Pattern.compile(
          "ENGINE-14033 Jobs failed to Lock during Acquisition of jobs for the process engine '[^']*' : (\\d+)");
  private static final String STARTED = "Started CcmtApplication";

  final String name;
  final Path log;
  final AtomicInteger httpCalls = new AtomicInteger();
  private final Process process;
  private int port;

  private ClusterNode(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts the application with these Spring properties, given as command-line arguments. */
  static ClusterNode start(String name, Path work, Map<String, String> properties) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-cp",
                classPath(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8",
                // the host's zone of the test run (far from London): the nodes must not depend on
                // it either
                "-Duser.timezone=" + System.getProperty("user.timezone"),
                CcmtApplication.class.getName()));
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    Path log = work.resolve(name + ".log");
    Path argFile = work.resolve(name + ".args");
    try {
      // An argument file: the test class path is far longer than a command line should be.
      Files.write(argFile, args.stream().map(ClusterNode::quoted).toList(), StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argFile)
              .directory(new File(".").getAbsoluteFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ClusterNode node = new ClusterNode(name, log, process);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Waits until the application has started, and learns its HTTP port from its log. */
  ClusterNode awaitStarted(Duration patience) {
    Instant deadline = Instant.now().plus(patience);
    while (Instant.now().isBefore(deadline)) {
      String output = output();
      Matcher matcher = PORT.matcher(output);
      if (output.contains(STARTED) && matcher.find()) {
        port = Integer.parseInt(matcher.group(1));
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " stopped while starting (exit " + process.exitValue() + "):\n" + tail(output));
      }
      sleep(250);
    }
    throw new IllegalStateException(
        name + " did not start within " + patience + ":\n" + tail(output()));
  }

  int port() {
    return port;
  }

  /** Everything the node logged so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Log lines naming an OptimisticLockingException once per logged event (not its causes and
   * frames).
   */
  long optimisticLockingExceptions() {
    return output()
        .lines()
        .filter(line -> line.contains("OptimisticLockingException"))
        .filter(line -> !line.startsWith("Caused by") && !line.startsWith("\t"))
        .count();
  }

  /**
   * Jobs this node's acquisition found locked by the other node first: each is an optimistic lock
   * that failed on the job's row (ENGINE-14033, logged at DEBUG), and the job is left to its owner.
   */
  long acquisitionLockFailures() {
    Matcher matcher = FAILED_LOCKS.matcher(output());
    long failures = 0;
    while (matcher.find()) {
      failures += Long.parseLong(matcher.group(1));
    }
    return failures;
  }

  /** Asks the node to stop, as an operator would (SIGTERM), without waiting for it. */
  void stop() {
    process.destroy();
  }

  /** Stops the node and waits for it, forcibly when it does not go. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * The test's class path without empty entries: Surefire's ends with a separator, which would put
   * the working directory on the class path and deploy the models in bpmn/ twice.
   */
  private static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String tail(String output) {
    return output.length() > 8000 ? output.substring(output.length() - 8000) : output;
  }

  private static String quoted(String argument) {
    return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
