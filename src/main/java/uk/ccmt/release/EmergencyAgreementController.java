package uk.ccmt.release;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/releases/{id}/agreement}: every round of stakeholder agreement of an emergency
 * release, with every organisation's answer, for the staff (SecurityConfig: GET /api/releases/**).
 * The whole list that the confirmation's bounded texts point to; participants get 403.
 */
@RestController
@RequestMapping("/api/releases")
class EmergencyAgreementController {

  private final EmergencyAgreementTally agreements;

  EmergencyAgreementController(EmergencyAgreementTally agreements) {
    this.agreements = agreements;
  }

  @GetMapping("/{id}/agreement")
  List<EmergencyAgreementTally.RoundView> agreement(@PathVariable String id) {
    return agreements.view(id);
  }
}
