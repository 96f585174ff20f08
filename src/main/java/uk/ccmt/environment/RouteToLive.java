package uk.ccmt.environment;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import uk.ccmt.freeze.FreezeEnvironments;

/**
 * The promotional model: environments in order, the one where the test team signs releases off, and
 * the live test environment after it. Used by the models as {@code ${routeToLive...}}.
 */
@Component("routeToLive")
public class RouteToLive implements FreezeEnvironments {

  private final List<String> environments;
  private final String internalTestEnvironment;

  RouteToLive(RouteToLiveProperties properties) {
    this.environments = properties.routeToLive().stream().map(String::strip).toList();
    this.internalTestEnvironment = properties.internalTestEnvironment().strip();
    if (environments.isEmpty() || new HashSet<>(environments).size() != environments.size()) {
      throw new IllegalStateException(
          "ccmt.route-to-live must list distinct environments, found " + environments);
    }
    int internal = environments.indexOf(internalTestEnvironment);
    if (internal < 0 || internal == environments.size() - 1) {
      throw new IllegalStateException(
          "ccmt.internal-test-environment ("
              + internalTestEnvironment
              + ") must be on the route to live "
              + environments
              + " and have an environment after it");
    }
  }

  @Override
  public List<String> environments() {
    return environments;
  }

  /** The environments a release goes through up to and including internal testing. */
  public List<String> throughInternalTesting() {
    return environments.subList(0, environments.indexOf(internalTestEnvironment) + 1);
  }

  /** The environments before this one, in order: where a corrected build must pass again first. */
  public List<String> before(String environment) {
    int position = environments.indexOf(environment);
    return position < 0 ? List.of() : environments.subList(0, position);
  }

  public String internalTestEnvironment() {
    return internalTestEnvironment;
  }

  /** The environment after internal testing: CCMT, where the participants test. */
  @Override
  public String liveEnvironment() {
    return environments.get(environments.indexOf(internalTestEnvironment) + 1);
  }

  public Optional<String> predecessor(String environment) {
    int position = environments.indexOf(environment);
    return position > 0 ? Optional.of(environments.get(position - 1)) : Optional.empty();
  }

  /** Environment names are upper case; a request may name them in any case. */
  @Override
  public Optional<String> canonical(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.strip().toUpperCase(Locale.ROOT);
    return environments.contains(upper) ? Optional.of(upper) : Optional.empty();
  }
}
