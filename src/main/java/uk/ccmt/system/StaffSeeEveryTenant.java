package uk.ccmt.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Release managers, the development and test teams and administrators work across every
 * organisation, as they did before organisations had tenants: every command run as one of them runs
 * without the engine's tenant check, so they need no membership of a thousand tenants. Their
 * authorizations still apply in full. Participants, and anyone else, keep the tenant check; the
 * engine runs without one anyway when nobody is authenticated (the job executor, the product's own
 * services) and for camunda-admin.
 *
 * <p>An interceptor after the engine's command context interceptor, so the context of the command
 * exists; a nested command shares it, and so its decision.
 */
@Component
class StaffSeeEveryTenant extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostCommandInterceptorsTxRequired(
        with(configuration.getCustomPostCommandInterceptorsTxRequired()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        with(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> others) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (others != null) {
      interceptors.addAll(others);
    }
    interceptors.add(new Interceptor());
    return interceptors;
  }

  /** Whether these groups are the programme's staff, who see every organisation's tenant. */
  static boolean seesEveryTenant(List<String> groups) {
    return groups != null && groups.stream().anyMatch(Groups.STAFF::contains);
  }

  static class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      Authentication user = context.getAuthentication();
      if (user != null && seesEveryTenant(user.getGroupIds())) {
        context.disableTenantCheck();
      }
      return next.execute(command);
    }
  }
}
