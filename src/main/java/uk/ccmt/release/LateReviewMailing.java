package uk.ccmt.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.StaffContacts;

/**
 * Escalates a late emergency release review to the release managers by email (the address on their
 * Camunda user). Queued in the step that notices the deadline, delivered by the next one, once per
 * release.
 */
@Service
class LateReviewMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final StaffContacts staff;
  private final ReleaseService releases;
  private final ReadableDates dates;

  LateReviewMailing(
      Outbox outbox,
      MailTemplates templates,
      StaffContacts staff,
      ReleaseService releases,
      ReadableDates dates) {
    this.outbox = outbox;
    this.templates = templates;
    this.staff = staff;
    this.releases = releases;
    this.dates = dates;
  }

  @Transactional
  public void queue(String releaseId, Instant reviewDue) {
    List<String> defects =
        releases.includedDefects(releaseId).stream().map(LateReviewMailing::describe).toList();
    String subject = "Release review of emergency release " + releaseId + " is late";
    Mail mail =
        templates.render(
            "late-release-review",
            Map.of(
                "subject",
                subject,
                "release",
                releaseId,
                "due",
                dates.describe(reviewDue),
                "defects",
                defects));
    outbox.queueAbout(releaseId, key(releaseId), subject, mail, staff.releaseManagers());
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
