package uk.ccmt.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import uk.ccmt.notification.Outbox;

/**
 * What the programme emailed, newest first, for the release managers: in the demo this is where the
 * email the embedded mail server caught can be seen without installing anything.
 */
@Controller
class SentMailController {

  private static final int SHOWN = 500;

  private final Outbox outbox;

  SentMailController(Outbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/mail")
  String sentMail(Model model) {
    model.addAttribute("emails", outbox.recent(SHOWN));
    model.addAttribute("shown", SHOWN);
    return "mail";
  }
}
