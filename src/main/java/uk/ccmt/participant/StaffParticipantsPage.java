package uk.ccmt.participant;

import java.util.List;
import java.util.Locale;
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
    List<Map<String, Object>> figures = kpis.all(participants.list());
    List<String> sections =
        figures.isEmpty()
            ? List.of()
            : figures.get(0).keySet().stream()
                .filter(key -> !key.equals("code") && !key.equals("name"))
                .toList();
    model.addAttribute("sections", sections.stream().map(StaffParticipantsPage::words).toList());
    model.addAttribute(
        "rows",
        figures.stream()
            .map(
                row ->
                    new Row(
                        String.valueOf(row.get("code")),
                        String.valueOf(row.get("name")),
                        sections.stream().map(section -> section(row.get(section))).toList()))
            .toList());
    model.addAttribute("bounces", participants.bounced());
    return "staff-participants";
  }

  private static List<Figure> section(Object values) {
    if (!(values instanceof Map<?, ?> map)) {
      return List.of();
    }
    return map.entrySet().stream()
        .map(
            entry ->
                new Figure(
                    words(String.valueOf(entry.getKey())),
                    entry.getValue() == null ? "–" : String.valueOf(entry.getValue())))
        .toList();
  }

  /** A JSON key as words: medianResponseHours is "median response hours". */
  static String words(String key) {
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  record Row(String code, String name, List<List<Figure>> sections) {}

  record Figure(String label, String value) {}
}
