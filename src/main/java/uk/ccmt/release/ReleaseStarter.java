package uk.ccmt.release;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.TextInput;

/** Starts releases on request: a week's regular release, or a baseline. */
@Service
public class ReleaseStarter {

  /** Starts weeklyRelease as the API asks; the Monday timer is its other start. */
  static final String WEEKLY_RELEASE_REQUESTED = "WeeklyReleaseRequested";

  static final String BASELINE_RELEASE = "baselineRelease";

  private final RuntimeService runtime;
  private final ReleaseService releases;
  private final ReleaseCalendar calendar;
  private final Clock clock;

  ReleaseStarter(
      RuntimeService runtime, ReleaseService releases, ReleaseCalendar calendar, Clock clock) {
    this.runtime = runtime;
    this.releases = releases;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * Starts the week's release as the Monday timer would. The process registers the release in this
   * transaction, so a week that already has one is refused and nothing is left behind.
   */
  @Transactional
  public String startWeekly(String requestedWeek) {
    ReleaseWeek week;
    try {
      week = ReleaseWeek.parse(requestedWeek);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("week", e.getMessage());
    }
    if (calendar.isPast(week)) {
      throw new InvalidInputException(
          "week",
          week
              + " is past: its release day "
              + calendar.releaseDay(week)
              + " is before today ("
              + LocalDate.now(clock)
              + ")");
    }
    String releaseId = week.releaseId();
    if (releases.find(releaseId).isPresent()) {
      throw weekTaken(week);
    }
    ProcessInstance instance;
    try {
      instance =
          runtime
              .createMessageCorrelation(WEEKLY_RELEASE_REQUESTED)
              .processInstanceBusinessKey(releaseId)
              .setVariable(WeeklyReleaseVariables.WEEK, week.toString())
              .correlateStartMessage();
    } catch (RuntimeException e) {
      // Another node registered the week between our look and our insert. On PostgreSQL the
      // insert then fails on the key instead of finding the row, and the transaction is lost.
      if (causedByDuplicateKey(e)) {
        throw weekTaken(week);
      }
      throw e;
    }
    boolean ours =
        releases
            .find(releaseId)
            .map(r -> instance.getId().equals(r.processInstanceId()))
            .orElse(false);
    if (!ours) {
      throw weekTaken(week);
    }
    return releaseId;
  }

  /** The first release of a test phase, promoted along the whole route to live. */
  @Transactional
  public String startBaseline(String type, String buildVersion) {
    if (type == null
        || !type.strip().toUpperCase(Locale.ROOT).equals(ReleaseType.BASELINE.name())) {
      throw new InvalidInputException(
          "type",
          (type == null ? "is required" : "'" + type + "' cannot be created here")
              + ": only BASELINE; a regular release starts with POST /api/releases/weekly and an emergency from an S1 defect");
    }
    String build = TextInput.line(buildVersion, "buildVersion");
    String releaseId = releases.nextBaselineId();
    try {
      releases.register(releaseId, ReleaseType.BASELINE, build);
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "Baseline being created", "baseline " + releaseId + " is being created: try again");
    }
    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            BASELINE_RELEASE, releaseId, Map.of(WeeklyReleaseVariables.RELEASE_ID, releaseId));
    releases.attachProcess(releaseId, instance.getId());
    return releaseId;
  }

  private static boolean causedByDuplicateKey(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DuplicateKeyException) {
        return true;
      }
    }
    return false;
  }

  private static ConflictException weekTaken(ReleaseWeek week) {
    return new ConflictException(
        "Week already has a release",
        "week: " + week + " already has release " + week.releaseId(),
        Map.of("field", "week"));
  }
}
