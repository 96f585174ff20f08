package uk.ccmt.participant;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.participant.ParticipantService.NewParticipant;

@RestController
@RequestMapping("/api/participants")
class ParticipantController {

  private final ParticipantService participants;

  ParticipantController(ParticipantService participants) {
    this.participants = participants;
  }

  @PostMapping
  ResponseEntity<Participant> register(@RequestBody NewParticipant request) {
    Participant participant = participants.register(request);
    return ResponseEntity.created(URI.create("/api/participants/" + participant.code())).body(participant);
  }

  @GetMapping
  List<Participant> list() {
    return participants.list();
  }

  @GetMapping("/{code}")
  Participant get(@PathVariable String code) {
    return participants.get(code);
  }
}
