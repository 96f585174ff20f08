package uk.ccmt.defect;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.defect.DefectHistory.Change;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewDefect;

@RestController
@RequestMapping("/api/defects")
class DefectController {

  private final DefectService defects;
  private final DefectQueries queries;

  DefectController(DefectService defects, DefectQueries queries) {
    this.defects = defects;
    this.queries = queries;
  }

  /** A participant's user raises for its organisation, which then sees the defect. */
  @PostMapping
  ResponseEntity<Defect> raise(@RequestBody NewDefect request, Authentication caller) {
    Defect defect =
        defects.raise(
            request,
            DefectQueries.organisationsOf(caller)
                .flatMap(codes -> codes.stream().findFirst())
                .orElse(null));
    return ResponseEntity.created(URI.create("/api/defects/" + defect.id())).body(defect);
  }

  /** Every criterion given must match; a participant sees its own organisation's only. */
  @GetMapping
  List<Defect> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String component,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String release,
      Authentication caller) {
    return queries.list(
        new DefectQueries.Criteria(status, severity, kind, component, assignee, release), caller);
  }

  /** The item with its history of edits, oldest first. */
  @GetMapping("/{id}")
  DefectWithHistory get(@PathVariable String id, Authentication caller) {
    return new DefectWithHistory(queries.get(id, caller), queries.history(id));
  }

  /** GET /api/defects/{id}: the item's fields, and history: [{field, from, to, user, at}]. */
  record DefectWithHistory(@JsonUnwrapped Defect defect, List<Change> history) {}

  @PostMapping("/{id}/fix")
  Defect fix(@PathVariable String id, @RequestBody(required = false) FixRequest request) {
    return defects.fix(id, request);
  }
}
