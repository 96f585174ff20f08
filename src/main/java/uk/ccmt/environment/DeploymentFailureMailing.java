package uk.ccmt.environment;

import java.util.Map;
import org.springframework.stereotype.Service;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.StaffContacts;

/**
 * Tells the release's owners, the release managers, that a deployment or its smoke tests failed in
 * some environment: the development team fixes forward, but the release managers own the release
 * and its schedule. One email per failed attempt, however often the step is retried.
 */
@Service
class DeploymentFailureMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final StaffContacts staff;

  DeploymentFailureMailing(Outbox outbox, MailTemplates templates, StaffContacts staff) {
    this.outbox = outbox;
    this.templates = templates;
    this.staff = staff;
  }

  void send(
      String releaseId,
      String environment,
      String buildVersion,
      String problem,
      String attemptKey) {
    String key = "deployment-failure:" + attemptKey;
    String subject =
        "Deployment failed: " + releaseId + " build " + buildVersion + " in " + environment;
    Mail mail =
        templates.render(
            "deployment-failure",
            Map.of(
                "subject",
                subject,
                "problem",
                problem,
                "release",
                releaseId,
                "build",
                buildVersion,
                "environment",
                environment));
    outbox.queueNowAbout(releaseId, key, subject, mail, staff.releaseManagers());
    outbox.deliver(key);
  }
}
