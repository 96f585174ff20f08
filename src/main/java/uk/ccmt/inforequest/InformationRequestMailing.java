package uk.ccmt.inforequest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import uk.ccmt.notification.MailTemplates;
import uk.ccmt.notification.MailTemplates.Mail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.Participant;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.StaffContacts;
import uk.ccmt.system.WebProperties;

/**
 * The email of information requests, through the outbox: each message once per recipient. The
 * invitation is queued with the requests it announces; reminders and overdue notices are queued on
 * their own and sent in the same step, which retries without sending twice.
 */
@Service
class InformationRequestMailing {

  /** Organisations an overdue notice lists by name; the API has the rest. */
  private static final int MAX_LISTED = 200;

  private final Outbox outbox;
  private final MailTemplates templates;
  private final StaffContacts staff;
  private final ReadableDates dates;
  private final WebProperties web;

  InformationRequestMailing(
      Outbox outbox,
      MailTemplates templates,
      StaffContacts staff,
      ReadableDates dates,
      WebProperties web) {
    this.outbox = outbox;
    this.templates = templates;
    this.staff = staff;
    this.dates = dates;
    this.web = web;
  }

  @Transactional
  void queueInvitation(
      InformationCampaign campaign, Participant participant, List<RequestType> types) {
    if (types.isEmpty()) {
      return;
    }
    String asked = types.stream().map(RequestType::label).collect(Collectors.joining(", "));
    String subject =
        "Information request " + campaign.id() + " for " + participant.name() + ": " + asked;
    Mail mail =
        templates.render(
            "information-request-invitation",
            Map.of(
                "subject",
                subject,
                "organisation",
                participant.name(),
                "code",
                participant.code(),
                "due",
                dates.describe(campaign.dueAt()),
                "items",
                types.stream().map(type -> capitalised(type.label())).toList(),
                "tasklist",
                tasklist()));
    outbox.queue(
        invitationKey(campaign) + participant.code(), subject, mail, participant.contactEmails());
  }

  /**
   * Delivers the pending invitations of these organisations only. Tries every one before it throws,
   * so a retry sends only to the contacts still not reached.
   */
  void deliverInvitations(InformationCampaign campaign, List<String> organisations) {
    outbox.deliverEach(invitationKey(campaign), organisations);
  }

  void sendReminder(InformationRequest request, Participant participant) {
    String key = "information-request-reminder:" + request.id();
    String subject =
        "Reminder: information request "
            + request.campaignId()
            + ", "
            + request.type().label()
            + ", is due "
            + dates.describe(request.dueAt());
    Mail mail =
        templates.render(
            "information-request-reminder",
            Map.of(
                "subject",
                subject,
                "organisation",
                participant.name(),
                "type",
                request.type().label(),
                "campaign",
                request.campaignId(),
                "due",
                dates.describe(request.dueAt()),
                "tasklist",
                tasklist()));
    outbox.queueNow(key, subject, mail, participant.contactEmails());
    outbox.deliver(key);
  }

  /**
   * Tells the release managers, once per campaign, which requests were not received by the due
   * date. Every request of a campaign falls due at once; one email lists them all, rather than one
   * each (thousands, for a large campaign). Each overdue request still gets its chase task.
   */
  void sendOverdueNotice(
      InformationCampaign campaign,
      Map<String, List<RequestType>> outstanding,
      Map<String, String> names) {
    String key = "information-campaign-overdue:" + campaign.id();
    int requests = outstanding.values().stream().mapToInt(List::size).sum();
    String subject =
        "Overdue information requests "
            + campaign.id()
            + ": "
            + requests
            + " not received from "
            + outstanding.size()
            + (outstanding.size() == 1 ? " organisation" : " organisations");
    List<String> lines =
        outstanding.entrySet().stream()
            .map(
                entry ->
                    names.getOrDefault(entry.getKey(), entry.getKey())
                        + " ("
                        + entry.getKey()
                        + "): "
                        + entry.getValue().stream()
                            .map(RequestType::label)
                            .collect(Collectors.joining(", ")))
            .toList();
    Mail mail =
        templates.render(
            "information-campaign-overdue",
            Map.of(
                "subject",
                subject,
                "campaign",
                campaign.id(),
                "due",
                dates.describe(campaign.dueAt()),
                "lines",
                lines.subList(0, Math.min(lines.size(), MAX_LISTED)),
                "more",
                Math.max(0, lines.size() - MAX_LISTED),
                "tasklist",
                tasklist()));
    outbox.queueNow(key, subject, mail, staff.releaseManagers());
    outbox.deliver(key);
  }

  private String tasklist() {
    return UriComponentsBuilder.fromUri(web.baseUrl())
        .path("/camunda/app/tasklist/")
        .build()
        .toUriString();
  }

  private static String invitationKey(InformationCampaign campaign) {
    return "information-campaign:" + campaign.id() + ":";
  }

  private static String capitalised(String label) {
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }
}
