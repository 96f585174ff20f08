package uk.ccmt.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * The one place where the product's own refusal, {@link InvalidInputException}, becomes the
 * engine's. Domain code and delegates refuse a value with the field and the reason; when that
 * happens inside a delegate, listener or expression that the engine invokes, it leaves the engine
 * as a {@link FormFieldValidationException}, the only exception the engine REST API answers with
 * 400 (keeping the task open, and Tasklist showing the message). At the HTTP edge of the product's
 * own API, {@link ApiExceptionHandler} turns the same exception into problem+json.
 */
@Component
class RefusalsAtTheProcessEdge extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDelegateInterceptor(new Interceptor());
  }

  /** The engine's own interceptor, with the translation around it. */
  static class Interceptor extends DefaultDelegateInterceptor {

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
      try {
        super.handleInvocation(invocation);
      } catch (InvalidInputException refused) {
        throw new FormFieldValidationException(refused.field(), refused.getMessage());
      }
    }
  }
}
