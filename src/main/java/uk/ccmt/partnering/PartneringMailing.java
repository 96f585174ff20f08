package uk.ccmt.partnering;

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
 * Each organisation's partners by email, once per round and recipient: queued with the published
 * schedule, delivered by the next step of the model.
 */
@Service
class PartneringMailing {

  private final Outbox outbox;
  private final MailTemplates templates;
  private final WebProperties web;

  PartneringMailing(Outbox outbox, MailTemplates templates, WebProperties web) {
    this.outbox = outbox;
    this.templates = templates;
    this.web = web;
  }

  @Transactional
  void queueSchedule(PartneringRound round, Participant participant, List<Participant> partners) {
    String subject =
        "Partnering schedule " + round.id() + ": the switching partners of " + participant.name();
    Mail mail =
        templates.render(
            "partnering-schedule",
            Map.of(
                "subject",
                subject,
                "organisation",
                participant.name(),
                "code",
                participant.code(),
                "round",
                round.id(),
                "partners",
                partners,
                "schedule",
                UriComponentsBuilder.fromUri(web.baseUrl())
                    .path("/releases")
                    .fragment("partnering")
                    .build()
                    .toUriString()));
    outbox.queue(key(round) + participant.code(), subject, mail, participant.contactEmails());
  }

  void deliverSchedule(PartneringRound round) {
    outbox.deliverAll(key(round));
  }

  private static String key(PartneringRound round) {
    return "partnering-schedule:" + round.id() + ":";
  }
}
