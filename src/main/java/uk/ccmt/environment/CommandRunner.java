package uk.ccmt.environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Runs an operator's command as a real OS process, with a time-out, keeping exit code and output.
 */
@Component
class CommandRunner {

  /** Output beyond this is cut from the front: the end of a log says why it failed. */
  static final int MAX_OUTPUT_CHARS = 64 * 1024;

  CommandResult run(
      String command, List<String> arguments, Duration timeout, Map<String, String> environment) {
    List<String> commandLine = new ArrayList<>(List.of(command.strip().split("\\s+")));
    commandLine.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.directory(Path.of("").toAbsolutePath().toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new CommandResult(
          null, "could not start " + commandLine.get(0) + ": " + e.getMessage());
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new CommandResult(null, tail(output) + "\n[timed out after " + timeout + "]");
      }
      return new CommandResult(process.exitValue(), tail(output));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + commandLine.get(0), e);
    }
  }

  private static String tail(CompletableFuture<String> output) {
    try {
      String text = output.get(10, TimeUnit.SECONDS);
      return text.length() <= MAX_OUTPUT_CHARS
          ? text
          : "[…]" + text.substring(text.length() - MAX_OUTPUT_CHARS);
    } catch (ExecutionException | TimeoutException e) {
      return "[output unavailable]";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "[output unavailable]";
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "[output unreadable: " + e.getMessage() + "]";
    }
  }

  /** exitCode is null when the command could not start or was stopped at its time-out. */
  record CommandResult(Integer exitCode, String output) {

    boolean succeeded() {
      return exitCode != null && exitCode == 0;
    }
  }
}
