package uk.ccmt.freeze;

import java.util.List;
import java.util.Optional;

/**
 * The environments a freeze may name: the route to live. Implemented beside the environments, so
 * that freezes (which releases consult too) do not depend on them.
 */
public interface FreezeEnvironments {

  List<String> environments();

  /** The environment's name as the route to live spells it, whatever case the request used. */
  Optional<String> canonical(String name);

  /** The live test environment, whose freezes move the weekly deployment slot. */
  String liveEnvironment();
}
