package uk.ccmt.defect;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import uk.ccmt.defect.DefectHistory.Change;
import uk.ccmt.defect.DefectRepository.Filter;
import uk.ccmt.system.Groups;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.TextInput;

/**
 * Reading the register as its caller may: the programme's staff see every item, a participant's
 * user only the items its organisation raised (another organisation's is "not found", so its
 * existence is not told either).
 */
@Service
class DefectQueries {

  private final DefectRepository defects;
  private final DefectHistory history;
  private final DefectAssignees assignees;

  DefectQueries(DefectRepository defects, DefectHistory history, DefectAssignees assignees) {
    this.defects = defects;
    this.history = history;
    this.assignees = assignees;
  }

  List<Defect> list(Criteria criteria, Authentication caller) {
    return defects.findAll(
        new Filter(
            criteria.status() == null
                ? null
                : DefectService.parse(DefectStatus.class, criteria.status(), "status"),
            criteria.severity() == null
                ? null
                : DefectService.parse(Severity.class, criteria.severity(), "severity"),
            criteria.kind() == null
                ? null
                : DefectService.parse(ItemKind.class, criteria.kind(), "kind"),
            line(criteria.component(), "component", 200),
            line(criteria.release(), "release", 64),
            organisationsOf(caller).orElse(null),
            criteria.assignee() == null
                ? null
                : assignees.assignedTo(line(criteria.assignee(), "assignee", 200))));
  }

  /** 404 for an item the caller may not see, as for one that does not exist. */
  Defect get(String id, Authentication caller) {
    Defect defect = defects.find(id).orElseThrow(() -> new NotFoundException("Defect", id));
    Optional<List<String>> organisations = organisationsOf(caller);
    if (organisations.isPresent() && !organisations.get().contains(defect.raisedByOrganisation())) {
      throw new NotFoundException("Defect", id);
    }
    return defect;
  }

  List<Change> history(String id) {
    return history.about(id);
  }

  /** Empty for the programme's staff, who see everything; a participant's organisations else. */
  static Optional<List<String>> organisationsOf(Authentication caller) {
    List<String> groups = Groups.of(caller);
    if (groups.stream().anyMatch(Groups.STAFF::contains)) {
      return Optional.empty();
    }
    return Optional.of(Groups.organisationsIn(groups));
  }

  private static String line(String value, String field, int maxLength) {
    return value == null ? null : TextInput.line(value, field, maxLength);
  }

  /** The filters of GET /api/defects; null matches everything. */
  record Criteria(
      String status,
      String severity,
      String kind,
      String component,
      String assignee,
      String release) {}
}
