package uk.ccmt.freeze;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ProcessVariables;
import uk.ccmt.system.TextInput;

/**
 * Freeze windows: declared and lifted by release managers, each a recorded decision, and asked by
 * deployRelease (is this environment frozen now?) and by the weekly calendar (is the live test
 * environment frozen at the slot?).
 *
 * <p>A date-time without an offset is read in the calendar zone (Europe/London), as the programme
 * states times; one with an offset or Z is taken as it says.
 */
@Service
public class Freezes {

  /** Correlated to every deployment waiting on a freeze when it is lifted: it checks again. */
  public static final String FREEZE_LIFTED = "FreezeLifted";

  /** The deployRelease variable naming the freeze a deployment waits on. */
  public static final String FREEZE_ID = "freezeId";

  private static final int MAX_REASON = 1000;

  private final FreezeRepository freezes;
  private final FreezeEnvironments route;
  private final DecisionRecord decisions;
  private final RuntimeService runtime;
  private final Clock clock;

  Freezes(
      FreezeRepository freezes,
      FreezeEnvironments route,
      DecisionRecord decisions,
      RuntimeService runtime,
      Clock clock) {
    this.freezes = freezes;
    this.route = route;
    this.decisions = decisions;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** Declares a freeze; every value is checked before anything is written. */
  @Transactional
  public Freeze declare(
      List<String> environments, String from, String to, String reason, String user) {
    List<String> frozen = environments(environments);
    Instant start = ProcessVariables.requiredDateTime(from, "from", clock.getZone());
    Instant end = ProcessVariables.requiredDateTime(to, "to", clock.getZone());
    if (!end.isAfter(start)) {
      throw new InvalidInputException("to", "must be after from (" + from.strip() + ")");
    }
    if (!end.isAfter(clock.instant())) {
      throw new InvalidInputException("to", "'" + to.strip() + "' has already passed");
    }
    String why = reason(reason, "reason");
    long id = freezes.insert(frozen, start, end, why, user, clock.instant());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("environments", frozen);
    values.put("from", start.toString());
    values.put("to", end.toString());
    values.put("reason", why);
    decisions.record("F-" + id, "declareFreeze", "Declare freeze", "declared", values, user, why);
    return get(id);
  }

  /**
   * Lifts a freeze: its row stays, with who lifted it, when and why, and every deployment waiting
   * on it checks again at once (another freeze may still hold it).
   */
  @Transactional
  public Freeze lift(String id, String reason, String user) {
    Freeze freeze = find(id).orElseThrow(() -> new NotFoundException("Freeze", id));
    String why = reason(reason, "reason");
    if (!freezes.lift(freeze.id(), user, why, clock.instant())) {
      throw new ConflictException(
          "Freeze already lifted", "freeze " + freeze.subjectId() + " was lifted already");
    }
    decisions.record(
        freeze.subjectId(),
        "liftFreeze",
        "Lift freeze",
        "lifted",
        Map.of("reason", why),
        user,
        why);
    runtime
        .createMessageCorrelation(FREEZE_LIFTED)
        .processInstanceVariableEquals(FREEZE_ID, freeze.id())
        .correlateAllWithResult();
    return get(freeze.id());
  }

  public Optional<Freeze> find(String id) {
    if (id == null || !id.strip().matches("(F-)?\\d{1,18}")) {
      return Optional.empty();
    }
    return freezes.find(Long.parseLong(id.strip().replace("F-", "")));
  }

  /** Freezes that hold now or will hold later, soonest first. */
  public List<Freeze> currentAndFuture() {
    return freezes.notOverAt(clock.instant());
  }

  /** Every freeze ever declared, past and lifted ones included. */
  public List<Freeze> all() {
    return freezes.all();
  }

  /**
   * The freeze holding {@code environment} at {@code moment}; of overlapping ones, the one that
   * ends last, so a wait on it outlasts the others.
   */
  public Optional<Freeze> holding(String environment, Instant moment) {
    return freezes.notOverAt(moment).stream()
        .filter(freeze -> freeze.holds(environment, moment))
        .max(Comparator.comparing(Freeze::to));
  }

  /** The live test environment's freeze at {@code moment}, if any. */
  public Optional<Freeze> holdingLive(Instant moment) {
    return holding(route.liveEnvironment(), moment);
  }

  private Freeze get(long id) {
    return freezes.find(id).orElseThrow();
  }

  private List<String> environments(List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new InvalidInputException(
          "environments", "is required: one or more of " + String.join(", ", route.environments()));
    }
    List<String> names = new ArrayList<>();
    for (String name : requested) {
      String canonical =
          route
              .canonical(name)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "environments",
                          (name == null ? "null" : "'" + shortened(name) + "'")
                              + " is not on the route to live "
                              + String.join(" → ", route.environments())));
      if (!names.contains(canonical)) {
        names.add(canonical);
      }
    }
    return names;
  }

  private static String reason(String reason, String field) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException(field, "is required: say why");
    }
    return TextInput.text(reason, field, MAX_REASON);
  }

  private static String shortened(String text) {
    String line = text.replaceAll("\\p{Cntrl}", "?");
    return line.length() > 40 ? line.substring(0, 40) + "…" : line;
  }
}
