package uk.ccmt.defect;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.StaffContacts;

/**
 * Tells the release managers (the address on their Camunda user) that a defect's fix missed its
 * target time. Queued in the step that notices it, delivered by the next one, once per defect.
 */
@Service
class DefectFixMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final StaffContacts staff;
  private final DefectRepository defects;
  private final ReadableDates dates;

  DefectFixMailing(
      Outbox outbox,
      MailTemplates templates,
      StaffContacts staff,
      DefectRepository defects,
      ReadableDates dates) {
    this.outbox = outbox;
    this.templates = templates;
    this.staff = staff;
    this.defects = defects;
    this.dates = dates;
  }

  @Transactional
  public void queue(String defectId, Instant due) {
    Defect defect = defects.find(defectId).orElseThrow();
    String subject = "Fix of defect " + defectId + " is late";
    Mail mail =
        templates.render(
            "late-defect-fix",
            Map.of(
                "subject",
                subject,
                "defect",
                defectId + " – " + defect.title(),
                "severity",
                defect.severity().name(),
                "due",
                dates.describe(due)));
    outbox.queue(key(defectId), subject, mail, staff.releaseManagers());
  }

  public int deliver(String defectId) {
    return outbox.deliver(key(defectId));
  }

  private static String key(String defectId) {
    return "late-defect-fix:" + defectId;
  }
}
