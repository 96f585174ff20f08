package uk.ccmt.environment;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ccmt.environment.CommandRunner.CommandResult;

/**
 * The words of a failed deployment step, for fix forward and the release managers' email: what
 * failed, the exit code and the end of the output, bounded. The problem travels in a process
 * variable; the whole output is kept with the deployment attempt.
 */
final class DeploymentProblems {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

  /** A problem travels in a process variable: a summary of at most about 1,000 characters. */
  private static final int MAX_OUTPUT_EXCERPT_CHARS = 700;

  private static final int MAX_LINE_CHARS = 200;
  private static final int MAX_PROBLEM_LINES = 20;

  private DeploymentProblems() {}

  static String deployFailed(
      String releaseId, String environment, String buildVersion, CommandResult result) {
    return "Deployment of "
        + releaseId
        + " build "
        + buildVersion
        + " to "
        + environment
        + " failed"
        + describe(result);
  }

  static String smokeFailed(
      String releaseId, String environment, String buildVersion, CommandResult result) {
    return "Smoke tests of "
        + releaseId
        + " build "
        + buildVersion
        + " in "
        + environment
        + " failed"
        + describe(result);
  }

  /** A deployment whose command was running when the node died: it is never run again. */
  static String cutOff(DeploymentAttempt attempt) {
    return "The deployment of build "
        + attempt.buildVersion()
        + " to "
        + attempt.environment()
        + " was cut off while its command ran, so its outcome is unknown. It was not run again: check "
        + attempt.environment()
        + " and give the build to redeploy.";
  }

  static String unknown(DeploymentAttempt attempt) {
    return "The outcome of deploying build "
        + attempt.buildVersion()
        + " to "
        + attempt.environment()
        + " is unknown.";
  }

  static String earlierDeployFailed(DeploymentAttempt attempt) {
    return "Deployment of build "
        + attempt.buildVersion()
        + " to "
        + attempt.environment()
        + " failed"
        + describe(new CommandResult(attempt.exitCode(), attempt.output()));
  }

  /** Operators see every failed step in the log, without the output the attempt keeps. */
  static void warn(
      String step,
      String releaseId,
      String environment,
      String buildVersion,
      CommandResult result) {
    LOG.warn(
        "{} of release {} build {} in {} failed with exit code {}",
        step,
        releaseId,
        buildVersion,
        environment,
        result.exitCode() == null ? "none" : result.exitCode());
  }

  /** The exit code and the end of the output, bounded. */
  static String describe(CommandResult result) {
    String code =
        result.exitCode() == null
            ? " without an exit code"
            : " with exit code " + result.exitCode();
    String output =
        result.output() == null || result.output().isBlank()
            ? ""
            : ":\n" + lastLines(result.output());
    return code + output;
  }

  private static String lastLines(String output) {
    List<String> lines = output.strip().lines().toList();
    StringBuilder tail = new StringBuilder();
    for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - MAX_PROBLEM_LINES); i--) {
      String line =
          lines.get(i).length() <= MAX_LINE_CHARS
              ? lines.get(i)
              : "[…]" + lines.get(i).substring(lines.get(i).length() - MAX_LINE_CHARS);
      if (tail.length() + line.length() + 1 > MAX_OUTPUT_EXCERPT_CHARS) {
        break;
      }
      tail.insert(0, line + "\n");
    }
    boolean cut = tail.length() < output.strip().length();
    return (cut ? "[…]\n" : "")
        + tail.toString().stripTrailing()
        + (cut ? "\n(The whole output is kept with the deployment attempt.)" : "");
  }
}
