package uk.ccmt.release;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.freeze.Freeze;
import uk.ccmt.freeze.Freezes;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.TextInput;

/**
 * A weekly release's deployment slot: moved past a freeze of the live test environment, or by a
 * release manager (a bank holiday, say). "The first slot after a freeze" is the deployment slot's
 * time of day on the first working day at or after the freeze's end ({@link
 * ReleaseCalendar#firstSlotFrom}); a freeze that runs past next week's slot leaves the week without
 * a release.
 */
@Service
public class WeeklySlots {

  /** Correlated to a weekly release waiting for its slot when a release manager moves it. */
  static final String DEPLOYMENT_SLOT_MOVED = "DeploymentSlotMoved";

  private static final String SLOT_TIMER = "Timer_ThursdayDeploymentSlot";
  private static final int MAX_REASON = 1000;

  private final WeeklySlotMoveRepository moves;
  private final ReleaseService releases;
  private final ReleaseCalendar calendar;
  private final Freezes freezes;
  private final DecisionRecord decisions;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ReadableDates dates;
  private final Clock clock;

  WeeklySlots(
      WeeklySlotMoveRepository moves,
      ReleaseService releases,
      ReleaseCalendar calendar,
      Freezes freezes,
      DecisionRecord decisions,
      RuntimeService runtime,
      HistoryService history,
      ReadableDates dates,
      Clock clock) {
    this.moves = moves;
    this.releases = releases;
    this.calendar = calendar;
    this.freezes = freezes;
    this.decisions = decisions;
    this.runtime = runtime;
    this.history = history;
    this.dates = dates;
    this.clock = clock;
  }

  /** What a freeze does to the week's slot. */
  public enum Outcome {
    /** No freeze of the live test environment holds the slot. */
    FREE,
    /** The slot moved to the first slot after the freeze. */
    MOVED,
    /** The first slot after the freeze is next week's or later: no release this week. */
    NO_RELEASE
  }

  public record Check(Outcome outcome, Instant slot) {}

  /**
   * Checks the slot against freezes of the live test environment and records a move, in the step's
   * transaction. Freezes that follow one another are all passed.
   */
  @Transactional
  public Check check(String releaseId, ReleaseWeek week, Instant slot) {
    Optional<Freeze> first = freezes.holdingLive(slot);
    if (first.isEmpty()) {
      return new Check(Outcome.FREE, slot);
    }
    Instant moved = slot;
    for (Optional<Freeze> freeze = first; freeze.isPresent(); ) {
      moved = calendar.firstSlotFrom(freeze.get().to());
      freeze = freezes.holdingLive(moved);
    }
    Freeze cause = first.get();
    String reason =
        String.join(", ", cause.environments())
            + " is frozen from "
            + moment(cause.from())
            + " to "
            + moment(cause.to())
            + ": "
            + cause.reason();
    boolean noRelease = !moved.isBefore(calendar.nextWeeksSlot(week));
    moves.add(releaseId, slot, moved, reason, null, clock.instant(), clock.getZone(), !noRelease);
    return noRelease ? new Check(Outcome.NO_RELEASE, slot) : new Check(Outcome.MOVED, moved);
  }

  /**
   * A release manager moves one week's slot. Every value is checked first; then the move is
   * recorded, as a decision too, and the waiting release is told, which announces it and waits for
   * the new slot.
   */
  @Transactional
  public WeeklySlotMove move(String releaseId, String slot, String reason, String user) {
    Release release =
        releases.find(releaseId).orElseThrow(() -> new NotFoundException("Release", releaseId));
    if (release.type() != ReleaseType.REGULAR) {
      throw new InvalidInputException(
          "slot", "only a weekly release has a deployment slot; " + releaseId + " has none");
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "is required: say why the slot moves");
    }
    String why = TextInput.text(reason, "reason", MAX_REASON);
    Instant to = ProcessVariables.requiredDateTime(slot, "slot", clock.getZone());
    if (!to.isAfter(clock.instant())) {
      throw new InvalidInputException("slot", moment(to) + " is in the past");
    }
    freezes
        .holdingLive(to)
        .ifPresent(
            freeze -> {
              throw new InvalidInputException(
                  "slot",
                  moment(to)
                      + " is inside freeze "
                      + freeze.subjectId()
                      + " ("
                      + freeze.reason()
                      + "), which ends "
                      + moment(freeze.to()));
            });
    String instance = release.processInstanceId();
    boolean waiting =
        !release.status().isFinished()
            && instance != null
            && runtime
                    .createEventSubscriptionQuery()
                    .processInstanceId(instance)
                    .eventType("message")
                    .eventName(DEPLOYMENT_SLOT_MOVED)
                    .count()
                > 0;
    if (!waiting) {
      if (release.status().isFinished() || passedItsSlot(instance)) {
        throw new ConflictException(
            "Release past its deployment slot",
            releaseId + " is past its deployment slot (" + release.status() + "): it cannot move");
      }
      throw new InvalidInputException(
          "slot",
          releaseId
              + " is not waiting for its deployment slot yet: move it once its contents are"
              + " confirmed");
    }
    Instant from = ((Date) runtime.getVariable(instance, "deploymentSlot")).toInstant();
    moves.add(releaseId, from, to, why, user, clock.instant(), clock.getZone(), true);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("from", from.toString());
    values.put("slot", to.toString());
    values.put("reason", why);
    decisions.record(
        releaseId, "moveDeploymentSlot", "Move deployment slot", "moved", values, user, why);
    runtime
        .createMessageCorrelation(DEPLOYMENT_SLOT_MOVED)
        .processInstanceId(instance)
        .setVariable(WeeklyReleaseVariables.DEPLOYMENT_SLOT, Date.from(to))
        .correlateWithResult();
    return latestMove(releaseId).orElseThrow();
  }

  public Optional<WeeklySlotMove> latestMove(String releaseId) {
    return moves.latest(releaseId);
  }

  /**
   * The week ends without a release because of a freeze: its defects go back to the candidates for
   * a later week.
   */
  @Transactional
  public void endWithoutRelease(String releaseId) {
    releases.cancel(releaseId);
    releases.recordNoRelease(releaseId);
  }

  private boolean passedItsSlot(String instance) {
    return instance != null
        && history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId(SLOT_TIMER)
                .finished()
                .count()
            > 0;
  }

  private String moment(Instant instant) {
    return dates.describe(instant) + " (" + clock.getZone().getId() + ")";
  }
}
