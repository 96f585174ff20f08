package uk.ccmt.release;

import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.StaffContacts;

/**
 * Escalates a late emergency release review to the release managers by email (the address on
 * their Camunda user). Queued in the step that notices the deadline, delivered by the next one,
 * once per release.
 */
@Service
class LateReviewMailing {

  private final Outbox outbox;
  private final StaffContacts staff;
  private final ReleaseService releases;
  private final ReadableDates dates;

  LateReviewMailing(Outbox outbox, StaffContacts staff, ReleaseService releases, ReadableDates dates) {
    this.outbox = outbox;
    this.staff = staff;
    this.releases = releases;
    this.dates = dates;
  }

  @Transactional
  public void queue(String releaseId, Instant reviewDue) {
    String defects = String.join("; ", releases.includedDefects(releaseId).stream()
        .map(LateReviewMailing::describe).toList());
    String subject = "Release review of emergency release " + releaseId + " is late";
    String text = "The release review of emergency release " + releaseId + " was due at "
        + dates.describe(reviewDue) + " and has not been held. Testing is stopped by: " + defects
        + ". Hold the release review in Tasklist.";
    // A one-sentence reminder to the programme's own staff: plain text, so no HTML is built here.
    outbox.queue(key(releaseId), subject, null, text, staff.releaseManagers());
  }

  public int deliver(String releaseId) {
    return outbox.deliver(key(releaseId));
  }

  private static String key(String releaseId) {
    return "late-release-review:" + releaseId;
  }

  private static String describe(Defect defect) {
    return defect.id() + " – " + defect.title();
  }
}
