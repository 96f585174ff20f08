package uk.ccmt.defect;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewChange;

/**
 * Configuration changes: release items of kind CONFIGURATION, kept in the register with the
 * defects. The development team and the release managers create them; the programme's staff read
 * them (participants read what the published notes say).
 */
@RestController
@RequestMapping("/api/changes")
class ChangeController {

  private final DefectService defects;

  ChangeController(DefectService defects) {
    this.defects = defects;
  }

  @PostMapping
  ResponseEntity<Defect> create(@RequestBody(required = false) NewChange request, Principal user) {
    Defect change = defects.createChange(request, user.getName());
    return ResponseEntity.created(URI.create("/api/changes/" + change.id())).body(change);
  }

  @GetMapping
  List<Defect> list() {
    return defects.changes();
  }

  @GetMapping("/{id}")
  Defect get(@PathVariable String id) {
    return defects.getChange(id);
  }

  /**
   * A new build or package for a change that is not yet in a release, or that failed internal
   * testing (which leaves it waiting for one): it is a candidate again with that build.
   */
  @PostMapping("/{id}/build")
  Defect newBuild(@PathVariable String id, @RequestBody(required = false) FixRequest request) {
    defects.getChange(id);
    // no defectFix to tell: a configuration change has no development task of its own
    defects.deliverFix(id, request == null ? null : request.buildVersion());
    return defects.getChange(id);
  }
}
