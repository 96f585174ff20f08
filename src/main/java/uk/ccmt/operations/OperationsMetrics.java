package uk.ccmt.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.ccmt.environment.DeploymentOutcome;

/**
 * What operators watch, read from the shared database at each scrape (so every node of a cluster
 * reports the same figures: aggregate them with max, not sum):
 *
 * <ul>
 *   <li>{@code ccmt.jobs.due}: jobs due now that still have retries (timers, deployments, emails);
 *       a figure that keeps growing means no node runs jobs;
 *   <li>{@code ccmt.jobs.failed}: jobs out of retries, each an incident;
 *   <li>{@code ccmt.incidents.open}: open incidents, as Cockpit shows them;
 *   <li>{@code ccmt.outbox.pending}: emails queued and not yet accepted by the relay;
 *   <li>{@code ccmt.deployments{outcome}}: deployment attempts per outcome.
 * </ul>
 *
 * It counts across features (engine, outbox, deployments), so it lives above them rather than in
 * system/, which every feature uses.
 */
@Component
class OperationsMetrics implements MeterBinder {

  private final ManagementService management;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final JdbcClient jdbc;

  OperationsMetrics(
      ManagementService management,
      RuntimeService runtime,
      IdentityService identity,
      JdbcClient jdbc) {
    this.management = management;
    this.runtime = runtime;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            "ccmt.jobs.due",
            this,
            metrics -> metrics.engine(() -> management.createJobQuery().executable().count()))
        .description("Jobs due to run now with retries left")
        .register(registry);
    Gauge.builder(
            "ccmt.jobs.failed",
            this,
            metrics -> metrics.engine(() -> management.createJobQuery().noRetriesLeft().count()))
        .description("Jobs out of retries")
        .register(registry);
    Gauge.builder(
            "ccmt.incidents.open",
            this,
            metrics -> metrics.engine(() -> runtime.createIncidentQuery().count()))
        .description("Open incidents")
        .register(registry);
    Gauge.builder(
            "ccmt.outbox.pending",
            this,
            metrics ->
                metrics
                    .jdbc
                    .sql("select count(*) from outbound_email where state = 'PENDING'")
                    .query(Long.class)
                    .single())
        .description("Emails queued and not yet accepted by the mail relay")
        .register(registry);
    for (DeploymentOutcome outcome : DeploymentOutcome.values()) {
      Gauge.builder(
              "ccmt.deployments",
              this,
              metrics ->
                  metrics
                      .jdbc
                      .sql("select count(*) from deployment_attempt where outcome = ?")
                      .param(outcome.name())
                      .query(Long.class)
                      .single())
          .tag("outcome", outcome.name())
          .description("Deployment attempts per outcome")
          .register(registry);
    }
  }

  /**
   * Counts over the whole engine: a scrape is no user's query, so no authorization applies,
   * whatever authentication the request thread may carry.
   */
  private double engine(Supplier<Long> count) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return count.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
