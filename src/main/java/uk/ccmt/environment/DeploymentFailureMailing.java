package uk.ccmt.environment;

import org.springframework.stereotype.Service;
import uk.ccmt.notification.Outbox;
import uk.ccmt.system.StaffContacts;

/**
 * Tells the release's owners, the release managers, that a deployment or its smoke tests failed
 * in some environment: the development team fixes forward, but the release managers own the
 * release and its schedule. One email per failed attempt, however often the step is retried.
 */
@Service
class DeploymentFailureMailing {

  private final Outbox outbox;
  private final StaffContacts staff;

  DeploymentFailureMailing(Outbox outbox, StaffContacts staff) {
    this.outbox = outbox;
    this.staff = staff;
  }

  void send(String releaseId, String environment, String buildVersion, String problem, String attemptKey) {
    String key = "deployment-failure:" + attemptKey;
    String subject = "Deployment failed: " + releaseId + " build " + buildVersion + " in " + environment;
    String text = problem + "\n\nThe development team is asked in Tasklist to correct the errors of " + releaseId
        + " (Correct release errors): giving build " + buildVersion + " again redeploys it to " + environment
        + ", a corrected build goes along the route to live again first.";
    outbox.queueNow(key, subject, text, staff.releaseManagers());
    outbox.deliver(key);
  }
}
