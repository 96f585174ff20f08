package uk.ccmt.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import uk.ccmt.acknowledgement.AcknowledgementStatus;
import uk.ccmt.decision.Decision;
import uk.ccmt.decision.DecisionRecord;
import uk.ccmt.defect.Defect;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.environment.EnvironmentRollbacks;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.notification.OutboundEmail;
import uk.ccmt.notification.Outbox;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.ReadableDates;

/**
 * The whole record of one release for the programme's staff (login required, participants 403:
 * SecurityConfig): its summary, every decision, every deployment attempt with its commands' output,
 * every note version and every email about it with its delivery state. Cockpit shows only running
 * instances; this is where a finished release is audited.
 */
@Controller
class StaffReleasePageController {

  /** The most emails the page lists; a note to a thousand organisations is a thousand emails. */
  static final int EMAILS_SHOWN = 500;

  private final ReleaseService releases;
  private final DecisionRecord decisions;
  private final DeploymentService deployments;
  private final EnvironmentRollbacks rollbacks;
  private final ReleaseNoteService notes;
  private final Outbox outbox;
  private final ReadableDates dates;
  private final Clock clock;
  private final AcknowledgementStatus acknowledgements;

  StaffReleasePageController(
      ReleaseService releases,
      DecisionRecord decisions,
      DeploymentService deployments,
      EnvironmentRollbacks rollbacks,
      ReleaseNoteService notes,
      Outbox outbox,
      ReadableDates dates,
      Clock clock,
      AcknowledgementStatus acknowledgements) {
    this.acknowledgements = acknowledgements;
    this.releases = releases;
    this.decisions = decisions;
    this.deployments = deployments;
    this.rollbacks = rollbacks;
    this.notes = notes;
    this.outbox = outbox;
    this.dates = dates;
    this.clock = clock;
  }

  @GetMapping("/staff/releases/{id}")
  ModelAndView release(@PathVariable String id) {
    Optional<Release> found = releases.find(id);
    if (found.isEmpty()) {
      return new ModelAndView("not-found", Map.of("releaseId", id), HttpStatus.NOT_FOUND);
    }
    Release release = found.get();
    List<OutboundEmail> emails = outbox.aboutRelease(release.id(), EMAILS_SHOWN);
    return new ModelAndView(
        "staff-release",
        Map.ofEntries(
            Map.entry("release", release),
            Map.entry("zone", clock.getZone().getId()),
            Map.entry(
                "defects",
                releases.includedDefects(release.id()).stream().map(Defect::id).toList()),
            Map.entry("removedDefects", releases.removedDefects(release.id())),
            Map.entry("builds", releases.builds(release.id())),
            Map.entry(
                "decisions", decisions.about(release.id()).stream().map(this::decision).toList()),
            Map.entry(
                "attempts", deployments.history(release.id()).stream().map(this::attempt).toList()),
            Map.entry("rollbacks", rollbacks.ofRelease(release.id())),
            Map.entry(
                "notes",
                notes.notesOf(release.id()).stream()
                    .map(note -> new Shown<>(note, when(note.createdAt()), null))
                    .toList()),
            Map.entry(
                "emails",
                emails.stream()
                    .map(email -> new Shown<>(email, when(email.createdAt()), when(email.sentAt())))
                    .toList()),
            Map.entry("emailsInAll", outbox.countAboutRelease(release.id())),
            // issue 16: who has acknowledged the release's notes, and who not yet
            Map.entry("acknowledgements", acknowledgements.linesOf(release.id()))));
  }

  private Shown<Decision> decision(Decision decision) {
    return new Shown<>(decision, when(decision.at()), null);
  }

  private Shown<DeploymentAttempt> attempt(DeploymentAttempt attempt) {
    return new Shown<>(attempt, when(attempt.startedAt()), when(attempt.finishedAt()));
  }

  private String when(Instant moment) {
    return moment == null ? "–" : dates.describe(moment);
  }

  /** A record with its moments as people read them. */
  record Shown<T>(T item, String at, String until) {}
}
