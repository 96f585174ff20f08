package uk.ccmt.release;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts releases. Reading them ({@code GET /api/releases}) is {@code web.ReleaseApiController}'s,
 * because a release's view combines environment/ and note/, which depend on release/.
 */
@RestController
@RequestMapping("/api/releases")
class ReleaseController {

  private final ReleaseStarter starter;

  ReleaseController(ReleaseStarter starter) {
    this.starter = starter;
  }

  @PostMapping("/weekly")
  ResponseEntity<Map<String, String>> startWeekly(@RequestBody WeeklyRequest request) {
    String id = starter.startWeekly(request.week());
    return ResponseEntity.created(URI.create("/api/releases/" + id)).body(Map.of("id", id));
  }

  @PostMapping
  ResponseEntity<Map<String, String>> create(@RequestBody NewRelease request) {
    String id = starter.startBaseline(request.type(), request.buildVersion());
    return ResponseEntity.created(URI.create("/api/releases/" + id)).body(Map.of("id", id));
  }

  record WeeklyRequest(String week) {}

  record NewRelease(String type, String buildVersion) {}
}
