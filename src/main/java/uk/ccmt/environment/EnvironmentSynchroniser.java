package uk.ccmt.environment;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The route to live is product configuration: its rows follow ccmt.route-to-live at every start.
 */
@Component
class EnvironmentSynchroniser implements InitializingBean {

  private final EnvironmentRepository environments;
  private final RouteToLive route;
  private final TransactionTemplate transaction;

  EnvironmentSynchroniser(
      EnvironmentRepository environments, RouteToLive route, TransactionTemplate transaction) {
    this.environments = environments;
    this.route = route;
    this.transaction = transaction;
  }

  /** Nodes of a cluster may start together: the one that loses the race to insert tries again. */
  @Override
  public void afterPropertiesSet() {
    try {
      synchronise();
    } catch (DuplicateKeyException anotherNodeWasFaster) {
      synchronise();
    }
  }

  private void synchronise() {
    transaction.executeWithoutResult(status -> environments.synchronise(route.environments()));
  }
}
