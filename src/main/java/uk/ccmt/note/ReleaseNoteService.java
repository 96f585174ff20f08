package uk.ccmt.note;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseCalendar;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseService.DefectChange;

/** Release notes as versioned records. Publication and email build on these records. */
@Service
public class ReleaseNoteService {

  private final ReleaseNoteRepository notes;
  private final ReleaseService releases;
  private final ReleaseCalendar calendar;

  ReleaseNoteService(ReleaseNoteRepository notes, ReleaseService releases, ReleaseCalendar calendar) {
    this.notes = notes;
    this.releases = releases;
    this.calendar = calendar;
  }

  /** The provisional note: the candidate defects of the release, before internal testing. */
  @Transactional
  public ReleaseNote createProvisional(String releaseId) {
    Release release = releases.get(releaseId);
    String summary = "Provisional release note " + releaseId + ": build " + release.buildVersion()
        + ", planned for " + release.plannedDate() + ".\n" + defectLines(releases.includedDefects(releaseId));
    return notes.add(releaseId, NoteKind.PROVISIONAL, summary, calendar.now());
  }

  /** The final note: every change the release brings since the last release, and what left it. */
  @Transactional
  public ReleaseNote createFinal(String releaseId) {
    Release release = releases.get(releaseId);
    List<DefectChange> removed = releases.removedDefects(releaseId);
    String summary = "Final release note " + releaseId + ": build " + release.buildVersion() + " is "
        + release.status() + ".\n" + defectLines(releases.includedDefects(releaseId))
        + (removed.isEmpty() ? "" : "\nLeft out: " + removed.stream()
            .map(change -> change.id() + " (" + change.reason() + ")").collect(Collectors.joining(", ")));
    return notes.add(releaseId, NoteKind.FINAL, summary, calendar.now());
  }

  @Transactional
  public ReleaseNote createNoReleaseNotice(String releaseId) {
    return notes.add(releaseId, NoteKind.NO_RELEASE,
        "No release this week (" + releaseId + "): there are no fixed defects to release.", calendar.now());
  }

  public List<ReleaseNote> notesOf(String releaseId) {
    return notes.findByRelease(releaseId);
  }

  private static String defectLines(List<Defect> defects) {
    return defects.stream()
        .map(defect -> "- " + defect.id() + " " + defect.title() + " (" + defect.severity() + ")")
        .collect(Collectors.joining("\n"));
  }
}
