package uk.ccmt.freeze;

import java.time.Instant;
import java.util.List;

/**
 * A freeze window: the environments take no deployment from {@code from} until {@code to}, unless a
 * release manager overrides it for one deployment. A lifted freeze stays on record but holds
 * nothing.
 */
public record Freeze(
    long id,
    List<String> environments,
    Instant from,
    Instant to,
    String reason,
    String declaredBy,
    Instant declaredAt,
    String liftedBy,
    Instant liftedAt,
    String liftReason) {

  public Freeze {
    environments = List.copyOf(environments);
  }

  /** The subject of its decisions in the decision record. */
  public String subjectId() {
    return "F-" + id;
  }

  public boolean lifted() {
    return liftedAt != null;
  }

  /** Whether it holds deployments to {@code environment} at {@code moment}. */
  public boolean holds(String environment, Instant moment) {
    return !lifted()
        && environments.contains(environment)
        && !moment.isBefore(from)
        && moment.isBefore(to);
  }

  /** Not lifted and not over: it holds, or will hold, deployments. */
  public boolean currentOrFuture(Instant now) {
    return !lifted() && to.isAfter(now);
  }
}
