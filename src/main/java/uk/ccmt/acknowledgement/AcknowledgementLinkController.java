package uk.ccmt.acknowledgement;

import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one-time link of a note's email, {@code /acknowledge/<token>}, without a login
 * (SecurityConfig's web chain). GET only shows what is acknowledged and a button, since mail
 * scanners open links; the button's POST (with the form's CSRF token) acknowledges. A forged,
 * malformed or replaced link is a 404 page, a used or expired one a 410 page, and neither writes
 * anything.
 */
@Controller
class AcknowledgementLinkController {

  private final AcknowledgementLinks acknowledgements;

  AcknowledgementLinkController(AcknowledgementLinks acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @GetMapping("/acknowledge/{token}")
  ModelAndView confirm(@PathVariable String token) {
    try {
      return page("ready", acknowledgements.preview(token), token, HttpStatus.OK);
    } catch (LinkRefused refused) {
      return refusal(refused);
    }
  }

  @PostMapping("/acknowledge/{token}")
  ModelAndView acknowledge(@PathVariable String token) {
    try {
      return page("done", acknowledgements.acknowledgeByLink(token), token, HttpStatus.OK);
    } catch (LinkRefused refused) {
      return refusal(refused);
    }
  }

  private static ModelAndView refusal(LinkRefused refused) {
    return switch (refused.reason()) {
      case UNKNOWN -> page("unknown", null, null, HttpStatus.NOT_FOUND);
      case USED -> page("used", null, null, HttpStatus.GONE);
      case EXPIRED -> page("expired", null, null, HttpStatus.GONE);
    };
  }

  private static ModelAndView page(
      String state, AcknowledgementLinks.LinkPreview preview, String token, HttpStatus status) {
    Map<String, Object> model = new HashMap<>();
    model.put("state", state);
    if (preview != null) {
      model.put("preview", preview);
    }
    if (token != null) {
      model.put("token", token);
    }
    return new ModelAndView("acknowledge", model, status);
  }
}
