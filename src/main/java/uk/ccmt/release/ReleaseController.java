package uk.ccmt.release;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
  private final WeeklySlots slots;

  ReleaseController(ReleaseStarter starter, WeeklySlots slots) {
    this.starter = starter;
    this.slots = slots;
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

  /**
   * Moves one week's deployment slot (a bank holiday, say): announced to participants, and the
   * release waits for the new slot.
   */
  @PutMapping("/{id}/schedule")
  WeeklySlotMove moveSlot(
      @PathVariable String id, @RequestBody ScheduleRequest request, Principal user) {
    return slots.move(id, request.slot(), request.reason(), user.getName());
  }

  record WeeklyRequest(String week) {}

  record ScheduleRequest(String slot, String reason) {}

  record NewRelease(String type, String buildVersion) {}
}
