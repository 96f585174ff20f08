package uk.ccmt.release;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.Participant;
import uk.ccmt.system.WebProperties;

/**
 * The email asking an organisation to agree an emergency deployment, through the outbox: one
 * message per round and organisation, each contact once. It is queued with the organisation's
 * process and sent in the group's next step, which retries without sending twice.
 */
@Service
class EmergencyAgreementMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final WebProperties web;

  EmergencyAgreementMailing(Outbox outbox, MailTemplates templates, WebProperties web) {
    this.outbox = outbox;
    this.templates = templates;
    this.web = web;
  }

  @Transactional
  void queueRequest(
      EmergencyAgreementRound round, EmergencyAgreements.Context context, Participant participant) {
    String subject =
        "Emergency deployment agreement "
            + context.releaseId()
            + ", round "
            + round.round()
            + ": do you agree to deploy at "
            + context.deploymentTime()
            + "? Please answer by "
            + context.deadline();
    Mail mail =
        templates.render(
            "emergency-agreement-request",
            Map.ofEntries(
                Map.entry("subject", subject),
                Map.entry("organisation", participant.name()),
                Map.entry("code", participant.code()),
                Map.entry("release", context.releaseId()),
                Map.entry("defectId", context.defectId()),
                Map.entry("defectTitle", context.defectTitle()),
                Map.entry("component", context.defectComponent()),
                Map.entry("build", context.buildVersion() == null ? "" : context.buildVersion()),
                Map.entry("deploymentTime", context.deploymentTime()),
                Map.entry("deadline", context.deadline()),
                Map.entry("releasePage", web.releasePage(context.releaseId()).toString()),
                Map.entry("tasklist", tasklist())));
    outbox.queueAbout(
        context.releaseId(),
        key(round) + participant.code(),
        subject,
        mail,
        participant.contactEmails());
  }

  /**
   * Delivers the pending requests of these organisations only. Tries every one before it throws, so
   * a retry sends only to the contacts still not reached.
   */
  void deliverRequests(EmergencyAgreementRound round, List<String> organisations) {
    outbox.deliverEach(key(round), organisations);
  }

  private String tasklist() {
    return UriComponentsBuilder.fromUri(web.baseUrl())
        .path("/camunda/app/tasklist/")
        .build()
        .toUriString();
  }

  private static String key(EmergencyAgreementRound round) {
    return "emergency-agreement:" + round.releaseId() + ":" + round.round() + ":";
  }
}
