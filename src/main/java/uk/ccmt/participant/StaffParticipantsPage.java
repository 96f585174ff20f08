package uk.ccmt.participant;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * /staff/participants, for the release managers (SecurityConfig): one row per organisation with its
 * participation figures, and every contact address the mail server refused for good, to be replaced
 * with PATCH /api/participants/{code}.
 */
@Controller
class StaffParticipantsPage {

  private final ParticipantService participants;
  private final ParticipantKpis kpis;

  StaffParticipantsPage(ParticipantService participants, ParticipantKpis kpis) {
    this.participants = participants;
    this.kpis = kpis;
  }

  @GetMapping("/staff/participants")
  String page(Model model) {
    List<Map<String, Object>> rows = kpis.all(participants.list());
    model.addAttribute("rows", rows);
    model.addAttribute(
        "sections",
        rows.isEmpty()
            ? List.of()
            : rows.get(0).keySet().stream()
                .filter(key -> !key.equals("code") && !key.equals("name"))
                .toList());
    model.addAttribute("bounces", participants.bounced());
    return "staff-participants";
  }
}
