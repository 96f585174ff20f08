package uk.ccmt.defect;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewDefect;

@RestController
@RequestMapping("/api/defects")
class DefectController {

  private final DefectService defects;

  DefectController(DefectService defects) {
    this.defects = defects;
  }

  @PostMapping
  ResponseEntity<Defect> raise(@RequestBody NewDefect request) {
    Defect defect = defects.raise(request);
    return ResponseEntity.created(URI.create("/api/defects/" + defect.id())).body(defect);
  }

  @GetMapping
  List<Defect> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String severity) {
    return defects.list(status, severity);
  }

  @GetMapping("/{id}")
  Defect get(@PathVariable String id) {
    return defects.get(id);
  }

  @PostMapping("/{id}/fix")
  Defect fix(@PathVariable String id, @RequestBody(required = false) FixRequest request) {
    return defects.fix(id, request);
  }
}
