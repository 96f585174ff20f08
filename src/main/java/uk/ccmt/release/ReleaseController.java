package uk.ccmt.release;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.defect.Defect;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.environment.EnvironmentProgress;
import uk.ccmt.environment.EnvironmentRollbacks;
import uk.ccmt.environment.Rollback;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.ReleaseService.DefectChange;

@RestController
@RequestMapping("/api/releases")
class ReleaseController {

  private final ReleaseStarter starter;
  private final ReleaseService releases;
  private final DeploymentService deployments;
  private final ReleaseNoteService notes;
  private final EnvironmentRollbacks rollbacks;

  ReleaseController(ReleaseStarter starter, ReleaseService releases, DeploymentService deployments,
      ReleaseNoteService notes, EnvironmentRollbacks rollbacks) {
    this.rollbacks = rollbacks;
    this.starter = starter;
    this.releases = releases;
    this.deployments = deployments;
    this.notes = notes;
  }

  @PostMapping("/weekly")
  ResponseEntity<Map<String, String>> startWeekly(@RequestBody WeeklyRequest request) {
    String id = starter.startWeekly(request.week());
    return ResponseEntity.created(URI.create("/api/releases/" + id)).body(Map.of("id", id));
  }

  @PostMapping
  ResponseEntity<Map<String, String>> create(@RequestBody NewRelease request) {
    String id = starter.startBaseline(request.type(), request.buildVersion());
    return ResponseEntity.created(URI.create("/api/releases/" + id)).body(Map.of("id", id));
  }

  @GetMapping
  List<ReleaseView> list() {
    return releases.list().stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  ReleaseView get(@PathVariable String id) {
    return view(releases.get(id));
  }

  private ReleaseView view(Release release) {
    return new ReleaseView(release.id(), release.type(), release.status(), release.buildVersion(), release.week(),
        release.plannedDate(), releases.includedDefects(release.id()).stream().map(Defect::id).toList(),
        releases.removedDefects(release.id()), releases.builds(release.id()), deployments.progress(release.id()),
        deployments.history(release.id()), rollbacks.ofRelease(release.id()), notes.notesOf(release.id()));
  }

  record WeeklyRequest(String week) {
  }

  record NewRelease(String type, String buildVersion) {
  }

  /**
   * A release with its lineage: {@code builds} says which build replaced which and why,
   * {@code environments} what each build reached where, {@code deployments} every attempt in order.
   */
  record ReleaseView(String id, ReleaseType type, ReleaseStatus status, String buildVersion, String week,
      LocalDate plannedDate, List<String> defects, List<DefectChange> removedDefects, List<BuildChange> builds,
      List<EnvironmentProgress> environments, List<DeploymentAttempt> deployments, List<Rollback> rollbacks,
      List<ReleaseNote> notes) {
  }
}
