package uk.ccmt.partnering;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.partnering.SelfArrangedPartners.SelfArranged;
import uk.ccmt.system.Groups;

@RestController
class PartneringController {

  private final PartneringRounds rounds;
  private final PartneringService views;
  private final SelfArrangedPartners selfArranged;

  PartneringController(
      PartneringRounds rounds, PartneringService views, SelfArrangedPartners selfArranged) {
    this.rounds = rounds;
    this.views = views;
    this.selfArranged = selfArranged;
  }

  /** Release managers only (SecurityConfig); 409 while a round runs. */
  @PostMapping("/api/partnering")
  ResponseEntity<Map<String, String>> start(Authentication user) {
    String id = rounds.start(user.getName());
    return ResponseEntity.created(URI.create("/api/partnering/" + id)).body(Map.of("id", id));
  }

  @GetMapping("/api/partnering/{id}")
  PartneringView round(@PathVariable String id) {
    return views.view(id);
  }

  /**
   * An organisation declares a partner it arranged itself: its own users, or a release manager on
   * its behalf. Confirmed once the partner declares it back.
   */
  @PostMapping("/api/participants/{code}/partners")
  ResponseEntity<SelfArranged> declare(
      @PathVariable String code, @RequestBody PartnerDeclaration declaration, Authentication user) {
    mayActFor(user, code);
    SelfArranged declared = selfArranged.declare(code, declaration.partner());
    return ResponseEntity.created(
            URI.create("/api/participants/" + declared.participant() + "/partners"))
        .body(declared);
  }

  @GetMapping("/api/participants/{code}/partners")
  List<SelfArranged> partners(@PathVariable String code, Authentication user) {
    mayActFor(user, code);
    return selfArranged.selfArranged(code);
  }

  private static void mayActFor(Authentication user, String code) {
    List<String> groups = Groups.of(user);
    if (Groups.isProgrammeStaff(groups)
        || Groups.organisationsIn(groups).contains(code.strip().toUpperCase(Locale.ROOT))) {
      return;
    }
    throw new AccessDeniedException(
        "Only " + code + "'s own users and the release managers declare its partners");
  }

  record PartnerDeclaration(String partner) {}
}
