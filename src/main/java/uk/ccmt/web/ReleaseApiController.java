package uk.ccmt.web;

import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
import uk.ccmt.release.BuildChange;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseService.DefectChange;
import uk.ccmt.release.ReleaseStatus;
import uk.ccmt.release.ReleaseType;

/**
 * The release read API. A release's view combines release/, environment/ and note/, so it lives
 * here above them: release/ itself then needs neither of the packages that depend on it. Starting a
 * release stays in release/ ({@code ReleaseController}).
 */
@RestController
@RequestMapping("/api/releases")
class ReleaseApiController {

  private final ReleaseService releases;
  private final DeploymentService deployments;
  private final ReleaseNoteService notes;
  private final EnvironmentRollbacks rollbacks;

  ReleaseApiController(
      ReleaseService releases,
      DeploymentService deployments,
      ReleaseNoteService notes,
      EnvironmentRollbacks rollbacks) {
    this.releases = releases;
    this.deployments = deployments;
    this.notes = notes;
    this.rollbacks = rollbacks;
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
    return new ReleaseView(
        release.id(),
        release.type(),
        release.status(),
        release.buildVersion(),
        release.week(),
        release.plannedDate(),
        releases.includedDefects(release.id()).stream().map(Defect::id).toList(),
        releases.removedDefects(release.id()),
        releases.builds(release.id()),
        deployments.progress(release.id()),
        deployments.history(release.id()),
        rollbacks.ofRelease(release.id()),
        notes.notesOf(release.id()));
  }

  /**
   * A release with its lineage: {@code builds} says which build replaced which and why, {@code
   * environments} what each build reached where, {@code deployments} every attempt in order.
   */
  record ReleaseView(
      String id,
      ReleaseType type,
      ReleaseStatus status,
      String buildVersion,
      String week,
      LocalDate plannedDate,
      List<String> defects,
      List<DefectChange> removedDefects,
      List<BuildChange> builds,
      List<EnvironmentProgress> environments,
      List<DeploymentAttempt> deployments,
      List<Rollback> rollbacks,
      List<ReleaseNote> notes) {}
}
