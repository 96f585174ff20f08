package uk.ccmt.partnering;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;
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
  private final WebProperties web;

  PartneringMailing(Outbox outbox, WebProperties web) {
    this.outbox = outbox;
    this.web = web;
  }

  @Transactional
  void queueSchedule(PartneringRound round, Participant participant, List<Participant> partners) {
    String subject = "Partnering schedule " + round.id() + ": the switching partners of " + participant.name();
    String text = """
        Dear %s,

        The CCMT market-trials programme has published its partnering schedule (%s). For switching
        tests, %s (%s) is partnered with:

        %s

        Please contact your partners to arrange your tests. The whole schedule is on the CCMT web page:
        %s

        CCMT release management
        """.formatted(participant.name(), round.id(), participant.name(), participant.code(),
        partners.stream().map(partner -> "  - " + partner.name() + " (" + partner.code() + "): "
            + String.join(", ", partner.contactEmails())).collect(Collectors.joining("\n")),
        UriComponentsBuilder.fromUri(web.baseUrl()).path("/releases").fragment("partnering").build().toUriString());
    outbox.queue(key(round) + participant.code(), subject, null, text, participant.contactEmails());
  }

  void deliverSchedule(PartneringRound round) {
    outbox.deliverAll(key(round));
  }

  private static String key(PartneringRound round) {
    return "partnering-schedule:" + round.id() + ":";
  }
}
