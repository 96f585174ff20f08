package uk.ccmt.system;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work committed on its own, whatever becomes of the engine transaction around it: a record of
 * something done outside the database (a command run, an email accepted) must survive a rollback or
 * a crash of the step that did it, so that a retry knows not to do it again.
 */
@Component
public class SeparateTransaction {

  private final TransactionTemplate template;

  SeparateTransaction(PlatformTransactionManager transactionManager) {
    template = new TransactionTemplate(transactionManager);
    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public <T> T get(Supplier<T> work) {
    return template.execute(status -> work.get());
  }

  public void run(Runnable work) {
    template.executeWithoutResult(status -> work.run());
  }
}
