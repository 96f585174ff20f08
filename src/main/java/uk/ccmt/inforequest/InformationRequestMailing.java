package uk.ccmt.inforequest;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
import uk.ccmt.notification.Outbox;
import uk.ccmt.participant.Participant;
import uk.ccmt.release.ReleaseCalendar;
import uk.ccmt.system.StaffContacts;
import uk.ccmt.system.WebProperties;

/**
 * The email of information requests, through the outbox: each message once per recipient. The
 * invitation is queued with the requests it announces; reminders and overdue notices are queued
 * on their own and sent in the same step, which retries without sending twice.
 */
@Service
class InformationRequestMailing {

  private final Outbox outbox;
  private final StaffContacts staff;
  private final ReleaseCalendar calendar;
  private final WebProperties web;

  InformationRequestMailing(Outbox outbox, StaffContacts staff, ReleaseCalendar calendar, WebProperties web) {
    this.outbox = outbox;
    this.staff = staff;
    this.calendar = calendar;
    this.web = web;
  }

  @Transactional
  void queueInvitation(InformationCampaign campaign, Participant participant, List<RequestType> types) {
    if (types.isEmpty()) {
      return;
    }
    String asked = types.stream().map(RequestType::label).collect(Collectors.joining(", "));
    String subject = "Information request " + campaign.id() + " for " + participant.name() + ": " + asked;
    String text = """
        Dear %s,

        The CCMT market-trials programme asks %s (%s) for the following information, by %s:

        %s

        Each item is a task for your organisation in Camunda Tasklist, with a form to fill in:
        %s

        Log in with your organisation's user. We will remind you before the due date.

        CCMT release management
        """.formatted(participant.name(), participant.name(), participant.code(), calendar.describe(campaign.dueAt()),
        types.stream().map(type -> "  - " + capitalised(type.label())).collect(Collectors.joining("\n")),
        tasklist());
    outbox.queue(invitationKey(campaign) + participant.code(), subject, null, text, participant.contactEmails());
  }

  void deliverInvitations(InformationCampaign campaign) {
    outbox.deliverAll(invitationKey(campaign));
  }

  void sendReminder(InformationRequest request, Participant participant) {
    String key = "information-request-reminder:" + request.id();
    String subject = "Reminder: information request " + request.campaignId() + ", " + request.type().label()
        + ", is due " + calendar.describe(request.dueAt());
    String text = """
        Dear %s,

        We have not yet received your %s for the CCMT market trials (request %s).
        It is due by %s. Please provide it in Camunda Tasklist:
        %s

        CCMT release management
        """.formatted(participant.name(), request.type().label(), request.campaignId(),
        calendar.describe(request.dueAt()), tasklist());
    outbox.queueNow(key, subject, text, participant.contactEmails());
    outbox.deliver(key);
  }

  void sendOverdueNotice(InformationRequest request, Participant participant) {
    String key = "information-request-overdue:" + request.id();
    String subject = "Overdue information request " + request.campaignId() + ": " + participant.code() + ", "
        + request.type().label();
    String text = """
        %s (%s) has not provided its %s for request %s, which was due by %s.

        Chase it: the task "Chase overdue information request" is waiting for the release managers in Tasklist.
        %s
        """.formatted(participant.name(), participant.code(), request.type().label(), request.campaignId(),
        calendar.describe(request.dueAt()), tasklist());
    outbox.queueNow(key, subject, text, staff.releaseManagers());
    outbox.deliver(key);
  }

  private String tasklist() {
    return UriComponentsBuilder.fromUri(web.baseUrl()).path("/camunda/app/tasklist/").build().toUriString();
  }

  private static String invitationKey(InformationCampaign campaign) {
    return "information-campaign:" + campaign.id() + ":";
  }

  private static String capitalised(String label) {
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }
}
