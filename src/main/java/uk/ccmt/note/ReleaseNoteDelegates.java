package uk.ccmt.note;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.environment.EnvironmentRollbackVariables;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.WeeklySlots;

/**
 * The note steps of the release models. Creating a note also queues its email, in the same
 * transaction; the model's next step delivers it, so a mail outage retries only the delivery and
 * never creates the note again.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseNoteDelegates {

  private static final String RELEASE_ID = "releaseId";

  /** The note the following "send" step delivers. */
  private static final String RELEASE_NOTE_ID = "releaseNoteId";

  /**
   * Routing: a note of this release reached the participants, so its cancellation is announced too.
   */
  private static final String RELEASE_NOTE_SHARED = "releaseNoteShared";

  @Bean
  JavaDelegate createProvisionalNoteDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> publish(execution, notes.createProvisional(releaseId(execution)), mailing);
  }

  @Bean
  JavaDelegate createFinalNoteDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> publish(execution, notes.createFinal(releaseId(execution)), mailing);
  }

  /**
   * Created when the fix is approved, and again once it runs in CCMT: the later version says so.
   */
  @Bean
  JavaDelegate createEmergencyNoteDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> publish(execution, notes.createEmergency(releaseId(execution)), mailing);
  }

  /**
   * Runs only once participants were told of the release: a cancellation before that is not news.
   */
  @Bean
  JavaDelegate createCancellationNoteDelegate(
      ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> publish(execution, notes.createCancellation(releaseId(execution)), mailing);
  }

  /** Runs only once the emergency note was shared with participants. */
  @Bean
  JavaDelegate createWithdrawalNoteDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> publish(execution, notes.createWithdrawal(releaseId(execution)), mailing);
  }

  /** The week ends without a release, and participants get a notice saying so. */
  @Bean
  JavaDelegate recordNoReleaseDelegate(
      ReleaseService releases, ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> {
      releases.recordNoRelease(releaseId(execution));
      publish(execution, notes.createNoReleaseNotice(releaseId(execution)), mailing);
    };
  }

  /** A freeze leaves the week without a release: its defects wait for a later week. */
  @Bean
  JavaDelegate recordNoReleaseForFreezeDelegate(
      WeeklySlots slots, ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution -> {
      slots.endWithoutRelease(releaseId(execution));
      publish(execution, notes.createNoReleaseForFreezeNotice(releaseId(execution)), mailing);
    };
  }

  /** The week's deployment slot moved: participants are told to when, and why. */
  @Bean
  JavaDelegate createSlotMovedNoteDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution ->
        publish(execution, notes.createSlotMovedNotice(releaseId(execution)), mailing);
  }

  /** After a recorded rollback of the live test environment. */
  @Bean
  JavaDelegate createRollbackNoticeDelegate(ReleaseNoteService notes, ReleaseNoteMailing mailing) {
    return execution ->
        publish(
            execution,
            notes.createRollbackNotice(
                (Long) execution.getVariable(EnvironmentRollbackVariables.ROLLBACK_ID)),
            mailing);
  }

  @Bean
  JavaDelegate shareReleaseNoteDelegate(ReleaseNoteMailing mailing) {
    return execution -> {
      mailing.deliver((Long) execution.getVariable(RELEASE_NOTE_ID));
      execution.setVariable(RELEASE_NOTE_SHARED, true);
    };
  }

  private static void publish(
      DelegateExecution execution, ReleaseNote note, ReleaseNoteMailing mailing) {
    mailing.queue(note);
    execution.setVariable(RELEASE_NOTE_ID, note.id());
  }

  private static String releaseId(DelegateExecution execution) {
    return (String) execution.getVariable(RELEASE_ID);
  }
}
