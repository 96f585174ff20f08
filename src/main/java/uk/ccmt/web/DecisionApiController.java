package uk.ccmt.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.release.ReleaseService;

/**
 * The decision record of a release, for release managers and the staff groups (SecurityConfig): who
 * decided what, when, with which values and why, oldest first.
 */
@RestController
class DecisionApiController {

  private final ReleaseService releases;
  private final DecisionRecord decisions;

  DecisionApiController(ReleaseService releases, DecisionRecord decisions) {
    this.releases = releases;
    this.decisions = decisions;
  }

  @GetMapping("/api/releases/{id}/decisions")
  List<DecisionView> decisions(@PathVariable String id) {
    String releaseId = releases.get(id).id();
    return decisions.about(releaseId).stream()
        .map(
            decision ->
                new DecisionView(
                    decision.task(),
                    decision.decision(),
                    decision.values(),
                    decision.user(),
                    decision.at(),
                    decision.comment()))
        .toList();
  }

  /** One decision as the API answers it; {@code at} is an ISO-8601 instant. */
  record DecisionView(
      String task,
      String decision,
      Map<String, Object> values,
      String user,
      Instant at,
      String comment) {}
}
