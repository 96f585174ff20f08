package uk.ccmt.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.system.SeparateTransaction;

/**
 * Participant email, exactly once per message and recipient.
 *
 * <p>A message is queued for its recipients in the transaction that decides to send it, so it is
 * never lost with a rollback or a crash. Delivery runs later, in a job with retries: each recipient
 * is marked SENT in a transaction of its own as soon as the mail server accepted the message, so a
 * retry after a partial failure sends only what is still pending. Once the retries are used up the
 * job becomes an incident in Cockpit; retrying it there delivers the rest.
 *
 * <p>A recipient the mail server refuses for good (5xx to RCPT TO) is no failure of the step: its
 * row becomes BOUNCED, every {@link BouncedAddresses} is told, and the others are sent.
 */
@Service
public class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final OutboxRepository outbox;
  private final MailDelivery delivery;
  private final Clock clock;
  private final SeparateTransaction separateTransaction;
  private final List<BouncedAddresses> bounces;

  Outbox(
      OutboxRepository outbox,
      MailDelivery delivery,
      Clock clock,
      SeparateTransaction separateTransaction,
      List<BouncedAddresses> bounces) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.clock = clock;
    this.separateTransaction = separateTransaction;
    this.bounces = List.copyOf(bounces);
  }

  /** Queues one message for every recipient; queuing the same key again adds nothing. */
  @Transactional
  public void queue(
      String key, String subject, String html, String text, Collection<String> recipients) {
    outbox.queue(key, null, recipients, subject, html, text, clock.instant());
  }

  /**
   * As {@link #queue(String, String, MailTemplates.Mail, Collection)}, for a message about a
   * release: the release's staff page lists it with its delivery state.
   */
  @Transactional
  public void queueAbout(
      String releaseId,
      String key,
      String subject,
      MailTemplates.Mail mail,
      Collection<String> recipients) {
    outbox.queue(key, releaseId, recipients, subject, mail.html(), mail.text(), clock.instant());
  }

  /** As {@link #queueNow}, for a message about a release. */
  public void queueNowAbout(
      String releaseId,
      String key,
      String subject,
      MailTemplates.Mail mail,
      Collection<String> recipients) {
    separateTransaction.run(() -> queueAbout(releaseId, key, subject, mail, recipients));
  }

  /** Every email about the release, in the order they were queued (at most {@code limit}). */
  public List<OutboundEmail> aboutRelease(String releaseId, int limit) {
    return outbox.aboutRelease(releaseId, limit);
  }

  /** How many emails there are about the release. */
  public long countAboutRelease(String releaseId) {
    return outbox.countAboutRelease(releaseId);
  }

  /**
   * Sends what is still pending for the message. Throws when any recipient could not be reached,
   * after recording the others as sent, so the job retries only the rest.
   */
  public int deliver(String key) {
    return deliver(key, outbox.pending(key));
  }

  /** As {@link #deliver(String)}, for every message whose key starts with the prefix. */
  public int deliverAll(String keyPrefix) {
    return deliver(keyPrefix + "*", outbox.pendingWithPrefix(keyPrefix));
  }

  /**
   * As {@link #deliver(String)}, for the message {@code keyPrefix + suffix} of each suffix, in
   * order. Tries every one before it throws the first failure (the later ones suppressed in it), so
   * one unreachable contact does not hold back the others, and a retry sends only to the contacts
   * still not reached.
   */
  public void deliverEach(String keyPrefix, List<String> suffixes) {
    RuntimeException first = null;
    for (String suffix : suffixes) {
      try {
        deliver(keyPrefix + suffix);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Queues the message in a transaction of its own, so the step that sends it next can see it. */
  public void queueNow(
      String key, String subject, MailTemplates.Mail mail, Collection<String> recipients) {
    separateTransaction.run(() -> queue(key, subject, mail.html(), mail.text(), recipients));
  }

  /**
   * As {@link #queue(String, String, String, String, Collection)}, with both parts of one
   * rendering.
   */
  @Transactional
  public void queue(
      String key, String subject, MailTemplates.Mail mail, Collection<String> recipients) {
    queue(key, subject, mail.html(), mail.text(), recipients);
  }

  private int deliver(String key, List<OutboundEmail> pending) {
    List<String> failures = new ArrayList<>();
    for (OutboundEmail email : pending) {
      try {
        delivery.send(email);
        separateTransaction.run(() -> outbox.markSent(email.id(), clock.instant()));
      } catch (Exception e) {
        Optional<String> refusal = PermanentRefusal.of(e);
        if (refusal.isPresent()) {
          bounced(key, email, refusal.get());
          continue;
        }
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        separateTransaction.run(() -> outbox.markFailed(email.id(), error));
        failures.add(email.recipient() + " (" + error + ")");
      }
    }
    if (!failures.isEmpty()) {
      LOG.warn("{}: {} of {} recipients not reached yet", key, failures.size(), pending.size());
      throw new MailNotDeliveredException(key, failures);
    }
    return pending.size();
  }

  /**
   * A recipient the server refused for good (issue 16): the row becomes BOUNCED and the registry
   * sets the address aside, in one transaction, and the rest of the batch goes on. Retrying would
   * only be refused again and hold the step in an incident.
   */
  private void bounced(String key, OutboundEmail email, String reason) {
    LOG.warn("{}: {} refused for good ({}); set aside", key, email.recipient(), reason);
    separateTransaction.run(
        () -> {
          outbox.markBounced(email.id(), reason);
          bounces.forEach(registry -> registry.bounced(email.recipient(), reason));
        });
  }

  public List<OutboundEmail> recent(int limit) {
    return outbox.recent(limit);
  }

  /**
   * The newest emails matching the filters (null: any), for the sent-mail page; {@code state} is
   * pending, failed (pending after a failed attempt), sent or bounced.
   */
  public List<OutboundEmail> matching(String recipient, String subject, String state, int limit) {
    return outbox.matching(recipient, subject, state, limit);
  }

  public Optional<OutboundEmail> find(long id) {
    return outbox.find(id);
  }

  public List<OutboundEmail> ofMessage(String key) {
    return outbox.ofMessage(key);
  }

  /** Some recipients were not reached; the job's retry (or Cockpit's) sends to them. */
  public static class MailNotDeliveredException extends RuntimeException {

    MailNotDeliveredException(String key, List<String> failures) {
      super(
          key
              + " not delivered to "
              + failures.size()
              + " recipient(s): "
              + String.join("; ", failures));
    }
  }
}
