package uk.ccmt.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * An expected refusal in the log as one INFO line, a real failure as before. The engine logs every
 * exception that leaves a command as ENGINE-16004 "Exception while closing command context", at
 * ERROR with the whole stack trace (some 300 lines), even a value that a delegate or listener
 * refused and the REST API answers with 400. Camunda has no switch for one kind of exception:
 * {@code enableCmdExceptionLogging} silences real failures too. So this filter drops the engine's
 * ERROR when the exception's chain holds a refusal ({@link InvalidInputException}, the engine's
 * {@link FormFieldValidationException} it becomes at the process edge, or the password policy's
 * refusal) and logs "Refused …" with the field and the reason instead. Anything else passes.
 */
@Component
class QuietRefusals extends TurboFilter implements LoggerContextListener {

  private static final Logger LOG = LoggerFactory.getLogger(QuietRefusals.class);

  private static final String ENGINE_LOGGERS = "org.camunda.bpm.engine";

  /** Deep enough for the engine's wrappers, and no loop on a chain that cycles. */
  private static final int MOST_CAUSES = 20;

  @PostConstruct
  void install() {
    logback().ifPresent(context -> addTo(context, true));
  }

  @PreDestroy
  void uninstall() {
    logback()
        .ifPresent(
            context -> {
              context.removeListener(this);
              context.getTurboFilterList().remove(this);
            });
  }

  @Override
  public FilterReply decide(
      Marker marker,
      ch.qos.logback.classic.Logger logger,
      Level level,
      String format,
      Object[] params,
      Throwable thrown) {
    if (level != Level.ERROR || !logger.getName().startsWith(ENGINE_LOGGERS)) {
      return FilterReply.NEUTRAL;
    }
    Optional<String> refusal = refusalIn(thrown);
    for (int i = 0; refusal.isEmpty() && params != null && i < params.length; i++) {
      if (params[i] instanceof Throwable parameter) {
        refusal = refusalIn(parameter);
      }
    }
    if (refusal.isEmpty()) {
      return FilterReply.NEUTRAL;
    }
    LOG.info("Refused {}", refusal.get());
    return FilterReply.DENY;
  }

  /** The field and reason of the first refusal in the chain, if the exception is one. */
  static Optional<String> refusalIn(Throwable thrown) {
    Throwable cause = thrown;
    for (int depth = 0; cause != null && depth < MOST_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof InvalidInputException || cause instanceof FormFieldValidationException) {
        return Optional.of(String.valueOf(cause.getMessage()));
      }
      if (cause instanceof ProcessEngineException
          && cause.getMessage() != null
          && cause.getMessage().contains(PasswordPolicyRefusal.CAMUNDA_MESSAGE)) {
        return Optional.of("password: does not match the password policy");
      }
    }
    return Optional.empty();
  }

  /** Spring Boot resets Logback when a later application starts: the filter goes back on. */
  @Override
  public void onReset(LoggerContext context) {
    addTo(context, false);
  }

  private void addTo(LoggerContext context, boolean listen) {
    if (!context.getTurboFilterList().contains(this)) {
      context.addTurboFilter(this);
    }
    if (listen && !context.getCopyOfListenerList().contains(this)) {
      context.addListener(this);
    }
    start();
  }

  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {
    // nothing to do: the filter is added when the bean starts
  }

  @Override
  public void onStop(LoggerContext context) {
    // nothing to do: the bean removes the filter when the application stops
  }

  @Override
  public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {
    // levels do not matter to the filter
  }

  private static Optional<LoggerContext> logback() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext context ? Optional.of(context) : Optional.empty();
  }
}
