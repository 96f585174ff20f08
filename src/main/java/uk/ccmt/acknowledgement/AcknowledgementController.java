package uk.ccmt.acknowledgement;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/releases/{id}/acknowledgements}: each note of the release that needed
 * acknowledgement, with who has acknowledged (how, and whether late) and who has not, for the staff
 * (SecurityConfig: GET /api/releases/**); participants get 403. A release without such notes has an
 * empty list.
 */
@RestController
@RequestMapping("/api/releases")
class AcknowledgementController {

  private final NoteAcknowledgements acknowledgements;

  AcknowledgementController(NoteAcknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @GetMapping("/{id}/acknowledgements")
  List<NoteAcknowledgements.NoteView> acknowledgements(@PathVariable String id) {
    return acknowledgements.view(id);
  }
}
