package uk.ccmt.freeze;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;

/** Release managers declare and lift freezes; anyone logged in reads them. */
@RestController
@RequestMapping("/api/freezes")
class FreezeController {

  private final Freezes freezes;

  FreezeController(Freezes freezes) {
    this.freezes = freezes;
  }

  @PostMapping
  ResponseEntity<Map<String, Long>> declare(@RequestBody FreezeRequest request, Principal user) {
    Freeze freeze =
        freezes.declare(
            request.environments(), request.from(), request.to(), request.reason(), user.getName());
    return ResponseEntity.created(URI.create("/api/freezes/" + freeze.id()))
        .body(Map.of("id", freeze.id()));
  }

  /** Current and future freezes; with {@code all=true} past and lifted ones too. */
  @GetMapping
  List<Freeze> list(@RequestParam(name = "all", required = false) String all) {
    if (all == null || all.equalsIgnoreCase("false")) {
      return freezes.currentAndFuture();
    }
    if (all.equalsIgnoreCase("true")) {
      return freezes.all();
    }
    throw new InvalidInputException("all", "must be true or false");
  }

  /**
   * Lifts a freeze, for the reason in the body ({@code {reason}}); a client that cannot send a body
   * with DELETE may give {@code ?reason=} instead.
   */
  @DeleteMapping("/{id}")
  Freeze lift(
      @PathVariable String id,
      @RequestBody(required = false) LiftRequest request,
      @RequestParam(name = "reason", required = false) String reason,
      Principal user) {
    freezes.find(id).orElseThrow(() -> new NotFoundException("Freeze", id));
    String why = request != null && request.reason() != null ? request.reason() : reason;
    return freezes.lift(id, why, user.getName());
  }

  record FreezeRequest(List<String> environments, String from, String to, String reason) {}

  record LiftRequest(String reason) {}
}
