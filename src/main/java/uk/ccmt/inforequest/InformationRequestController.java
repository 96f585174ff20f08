package uk.ccmt.inforequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.inforequest.InformationRequestService.CampaignStatus;
import uk.ccmt.inforequest.InformationRequestService.NewCampaign;
import uk.ccmt.inforequest.InformationRequestService.Viewer;
import uk.ccmt.system.Groups;

@RestController
@RequestMapping("/api/information-requests")
class InformationRequestController {

  private final InformationRequestService requests;

  InformationRequestController(InformationRequestService requests) {
    this.requests = requests;
  }

  /** Release managers only (SecurityConfig). */
  @PostMapping
  ResponseEntity<Map<String, String>> start(@RequestBody NewCampaign request, Authentication user) {
    String id = requests.start(request, user.getName());
    return ResponseEntity.created(URI.create("/api/information-requests/" + id))
        .body(Map.of("id", id));
  }

  /**
   * Release managers see every organisation with what it sent; a participant user sees only its own
   * organisation's requests and answers.
   */
  @GetMapping("/{campaignId}")
  CampaignStatus status(@PathVariable String campaignId, Authentication user) {
    return requests.status(campaignId, viewer(user));
  }

  private static Viewer viewer(Authentication user) {
    List<String> groups = Groups.of(user);
    if (Groups.isProgrammeStaff(groups)) {
      return new Viewer(true, List.of());
    }
    List<String> organisations = Groups.organisationsIn(groups);
    if (organisations.isEmpty()) {
      throw new AccessDeniedException(
          "Only release managers and participant organisations read information requests");
    }
    return new Viewer(false, organisations);
  }
}
