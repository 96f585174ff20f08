package uk.ccmt.note;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.defect.ItemKind;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.environment.EnvironmentRollbacks;
import uk.ccmt.environment.Rollback;
import uk.ccmt.environment.RouteToLive;
import uk.ccmt.note.NoteContent.AttemptLine;
import uk.ccmt.note.NoteContent.ChangeLine;
import uk.ccmt.note.NoteContent.DefectLine;
import uk.ccmt.note.NoteContent.EmergencyChange;
import uk.ccmt.note.NoteContent.Header;
import uk.ccmt.note.NoteContent.RemovedDefect;
import uk.ccmt.note.NoteRenderer.Rendered;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseService.DefectChange;
import uk.ccmt.release.WeeklySlotMove;
import uk.ccmt.release.WeeklySlots;
import uk.ccmt.system.ReadableDates;
import uk.ccmt.system.WebProperties;

/**
 * Release notes as versioned records. Each note is rendered once, when it is created, and stored as
 * it was communicated: the web page and the email show the stored text, so later changes to defects
 * or releases never rewrite what participants were told. Creating a note of a release and kind that
 * exists adds a new version, which supersedes the earlier one.
 *
 * <p>Why one class of over 300 lines: it is the one writer of notes, with one short method per kind
 * of note the plan knows (provisional, final, emergency, cancellation, withdrawal, no release,
 * rollback). Every kind goes through the same {@code add}, which numbers the version and renders
 * the templates once; one class per kind would spread that rule over seven files.
 */
@Service
public class ReleaseNoteService {

  private static final Map<String, String> REMOVAL_REASONS =
      Map.of(
          "EXCLUDED_AT_REVIEW", "left out at the release review",
          "FAILED_INTERNAL_TESTING", "failed internal testing",
          "RELEASE_CANCELLED", "the release was cancelled");

  private final ReleaseNoteRepository notes;
  private final NoteRenderer renderer;
  private final ReleaseService releases;
  private final DefectService defects;
  private final DeploymentService deployments;
  private final RouteToLive route;
  private final Clock clock;
  private final ReadableDates dates;
  private final WebProperties web;
  private final EnvironmentRollbacks rollbacks;
  private final WeeklySlots slots;

  ReleaseNoteService(
      ReleaseNoteRepository notes,
      NoteRenderer renderer,
      ReleaseService releases,
      DefectService defects,
      DeploymentService deployments,
      RouteToLive route,
      Clock clock,
      ReadableDates dates,
      WebProperties web,
      EnvironmentRollbacks rollbacks,
      WeeklySlots slots) {
    this.rollbacks = rollbacks;
    this.slots = slots;
    this.notes = notes;
    this.renderer = renderer;
    this.releases = releases;
    this.defects = defects;
    this.deployments = deployments;
    this.route = route;
    this.clock = clock;
    this.dates = dates;
    this.web = web;
  }

  /** The provisional note: the candidate defects of the release, before internal testing. */
  @Transactional
  public ReleaseNote createProvisional(String releaseId) {
    Release release = releases.get(releaseId);
    List<Defect> candidates = releases.includedDefects(releaseId);
    String summary =
        "Build "
            + release.buildVersion()
            + " planned for "
            + plannedDate(release)
            + ", with "
            + defectList(candidates)
            + ".";
    return add(
        releaseId,
        NoteKind.PROVISIONAL,
        summary,
        new NoteContent.Provisional(
            plannedDate(release),
            release.buildVersion(),
            DefectLine.of(candidates),
            ChangeLine.of(candidates)));
  }

  /**
   * The final note: every change since the last regular release. That is the release's own defects,
   * the emergency releases that went live in between, the defects that left the release, and how
   * the deployment to the live test environment went.
   */
  @Transactional
  public ReleaseNote createFinal(String releaseId) {
    Release release = releases.get(releaseId);
    List<Defect> included = releases.includedDefects(releaseId);
    List<RemovedDefect> removed = removed(releases.removedDefects(releaseId));
    List<EmergencyChange> emergencies =
        releases.emergenciesSinceLastRegular(releaseId).stream()
            .map(
                emergency ->
                    new EmergencyChange(
                        emergency.id(),
                        emergency.buildVersion(),
                        DefectLine.of(releases.includedDefects(emergency.id()))))
            .toList();
    List<DeploymentAttempt> live =
        deployments.history(releaseId).stream()
            .filter(attempt -> attempt.environment().equals(route.liveEnvironment()))
            .toList();
    String summary =
        "Build "
            + release.buildVersion()
            + " with "
            + defectList(included)
            + "."
            + (removed.isEmpty()
                ? ""
                : " Removed: "
                    + removed.stream().map(RemovedDefect::id).collect(Collectors.joining(", "))
                    + ".")
            + (emergencies.isEmpty()
                ? ""
                : " Emergency releases included: "
                    + emergencies.stream()
                        .map(EmergencyChange::releaseId)
                        .collect(Collectors.joining(", "))
                    + ".")
            + (live.isEmpty()
                ? ""
                : " "
                    + route.liveEnvironment()
                    + ": "
                    + live.get(live.size() - 1).outcome().description()
                    + ".");
    return add(
        releaseId,
        NoteKind.FINAL,
        summary,
        new NoteContent.Final(
            plannedDate(release),
            release.buildVersion(),
            route.liveEnvironment(),
            DefectLine.of(included),
            removed,
            emergencies,
            live.stream().map(this::attemptLine).toList(),
            ChangeLine.of(included)));
  }

  /**
   * The emergency note: the defects an emergency code drop fixes, the time agreed for its
   * deployment and, once it is live, when it went live. The next final note folds it in.
   */
  @Transactional
  public ReleaseNote createEmergency(String releaseId) {
    Release release = releases.get(releaseId);
    List<Defect> fixed = releases.includedDefects(releaseId);
    String state = release.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    String agreed = releases.agreedDeploymentTime(releaseId).map(dates::describe).orElse(null);
    String deployed = releases.deployedAt(releaseId).map(dates::describe).orElse(null);
    String summary =
        "Emergency build "
            + release.buildVersion()
            + " for "
            + defectList(fixed)
            + " ("
            + state
            + ")."
            + (deployed != null
                ? " Deployed to " + route.liveEnvironment() + " " + deployed + "."
                : agreed != null
                    ? " Deployment to " + route.liveEnvironment() + " agreed for " + agreed + "."
                    : "");
    return add(
        releaseId,
        NoteKind.EMERGENCY,
        summary,
        new NoteContent.Emergency(
            release.buildVersion(), state, DefectLine.of(fixed), agreed, deployed));
  }

  /**
   * The note that announces a cancelled release, why it was cancelled, and what became of its
   * defects.
   */
  @Transactional
  public ReleaseNote createCancellation(String releaseId) {
    Release release = releases.get(releaseId);
    ReleaseService.Cancellation cancellation = cancellationOf(releaseId);
    List<RemovedDefect> defects = removed(releases.removedDefects(releaseId));
    String summary =
        "Release on "
            + plannedDate(release)
            + " cancelled: "
            + cancellation.reason().description()
            + ".";
    return add(
        releaseId,
        NoteKind.CANCELLED,
        summary,
        new NoteContent.Cancellation(
            NoteContent.orNotGiven(release.week()),
            plannedDate(release),
            cancellation.reason().description(),
            cancellation.detail(),
            defects));
  }

  /** The note that announces a withdrawn emergency release and why. */
  @Transactional
  public ReleaseNote createWithdrawal(String releaseId) {
    Release release = releases.get(releaseId);
    ReleaseService.Cancellation cancellation = cancellationOf(releaseId);
    List<Defect> withdrawn = releases.withdrawnDefects(releaseId);
    String summary =
        "Emergency build "
            + release.buildVersion()
            + " for "
            + defectList(withdrawn)
            + " will not be deployed: "
            + cancellation.reason().description()
            + ".";
    return add(
        releaseId,
        NoteKind.WITHDRAWN,
        summary,
        new NoteContent.Withdrawal(
            release.buildVersion(),
            cancellation.reason().description(),
            cancellation.detail(),
            DefectLine.of(withdrawn)));
  }

  @Transactional
  public ReleaseNote createNoReleaseNotice(String releaseId) {
    Release release = releases.get(releaseId);
    return add(
        releaseId,
        NoteKind.NO_RELEASE,
        "No release on "
            + plannedDate(release)
            + ": no fixed defects or configuration changes were ready.",
        new NoteContent.NoRelease(
            NoteContent.orNotGiven(release.week()), plannedDate(release), null));
  }

  /** No release this week because of a freeze: the first slot after it is next week's or later. */
  @Transactional
  public ReleaseNote createNoReleaseForFreezeNotice(String releaseId) {
    Release release = releases.get(releaseId);
    String reason =
        slots
            .latestMove(releaseId)
            .map(WeeklySlotMove::reason)
            .orElse(route.liveEnvironment() + " is frozen");
    return add(
        releaseId,
        NoteKind.NO_RELEASE,
        "No release this week (freeze) on " + plannedDate(release) + ": " + reason + ".",
        new NoteContent.NoRelease(
            NoteContent.orNotGiven(release.week()), plannedDate(release), reason));
  }

  /**
   * Release R-… moves to its new slot, and why. A second move is a new version of the note, so no
   * participant is told the same thing twice.
   */
  @Transactional
  public ReleaseNote createSlotMovedNotice(String releaseId) {
    Release release = releases.get(releaseId);
    WeeklySlotMove move = slots.latestMove(releaseId).orElseThrow();
    String to = moment(move.to());
    return add(
        releaseId,
        NoteKind.SLOT_MOVED,
        "Release " + releaseId + " moves to " + to + " because " + move.reason() + ".",
        new NoteContent.SlotMoved(
            NoteContent.orNotGiven(release.week()), moment(move.from()), to, move.reason()));
  }

  /**
   * A recorded rollback took the live test environment back to this release: participants are told
   * why.
   */
  @Transactional
  public ReleaseNote createRollbackNotice(long rollbackId) {
    Rollback rollback = rollbacks.find(rollbackId).orElseThrow();
    String when = dates.describe(rollback.endedAt() != null ? rollback.endedAt() : clock.instant());
    String replaced =
        rollback.replacedReleaseId() == null
            ? "its previous build"
            : "release "
                + rollback.replacedReleaseId()
                + " build "
                + rollback.replacedBuildVersion();
    return add(
        rollback.releaseId(),
        NoteKind.ROLLBACK,
        rollback.environment()
            + " went back from "
            + replaced
            + " to release "
            + rollback.releaseId()
            + " build "
            + rollback.buildVersion()
            + ": "
            + rollback.reason(),
        new NoteContent.Rollback(
            rollback.environment(),
            when,
            rollback.buildVersion(),
            NoteContent.orNotGiven(rollback.replacedReleaseId()),
            NoteContent.orNotGiven(rollback.replacedBuildVersion()),
            rollback.reason()));
  }

  public Optional<ReleaseNote> find(long noteId) {
    return notes.find(noteId);
  }

  /** A release's notes in the order they were written. */
  public List<ReleaseNote> notesOf(String releaseId) {
    return notes.findByRelease(releaseId);
  }

  /** Every note of every release, newest first, as the web page lists them. */
  public List<ReleaseNote> all() {
    return notes.findAllNewestFirst();
  }

  /** The newest notes, at most {@code limit} of them, newest first: the notes feed. */
  public List<ReleaseNote> newest(int limit) {
    return notes.findNewest(limit);
  }

  private ReleaseNote add(String releaseId, NoteKind kind, String summary, Object content) {
    int version = notes.nextVersion(releaseId, kind);
    String title = kind.title(releaseId, version);
    Header header =
        new Header(
            releaseId,
            title,
            version,
            web.notePage(releaseId, ReleaseNote.anchor(kind, version)).toString());
    Rendered body = renderer.render(kind, header, content);
    return notes.add(
        releaseId, kind, version, title, summary, body.html(), body.text(), clock.instant());
  }

  private ReleaseService.Cancellation cancellationOf(String releaseId) {
    return releases
        .cancellation(releaseId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "release " + releaseId + " was neither cancelled nor withdrawn"));
  }

  private List<RemovedDefect> removed(List<DefectChange> changes) {
    Map<String, Defect> byId =
        defects.withIds(changes.stream().map(DefectChange::id).toList()).stream()
            .collect(Collectors.toMap(Defect::id, Function.identity()));
    return changes.stream()
        .map(
            change ->
                new RemovedDefect(
                    change.id(),
                    Optional.ofNullable(byId.get(change.id())).map(Defect::title).orElse(""),
                    REMOVAL_REASONS.getOrDefault(change.reason(), change.reason())))
        .toList();
  }

  private AttemptLine attemptLine(DeploymentAttempt attempt) {
    return new AttemptLine(
        attempt.attempt(),
        attempt.buildVersion(),
        attempt.outcome().description(),
        dates.describe(attempt.finishedAt() != null ? attempt.finishedAt() : attempt.startedAt()));
  }

  private String moment(java.time.Instant instant) {
    return dates.describe(instant) + " (" + clock.getZone().getId() + ")";
  }

  private String plannedDate(Release release) {
    return release.plannedDate() == null
        ? "no planned date"
        : dates.describe(release.plannedDate());
  }

  /** "2 defects: D-1, D-2", and the configuration changes after them when there are any. */
  private static String defectList(List<Defect> items) {
    List<Defect> defects =
        items.stream().filter(item -> item.kind() != ItemKind.CONFIGURATION).toList();
    List<Defect> changes =
        items.stream().filter(item -> item.kind() == ItemKind.CONFIGURATION).toList();
    String defectText =
        defects.isEmpty()
            ? "no defects"
            : defects.size()
                + (defects.size() == 1 ? " defect: " : " defects: ")
                + defects.stream().map(Defect::id).collect(Collectors.joining(", "));
    if (changes.isEmpty()) {
      return defectText;
    }
    return defectText
        + (changes.size() == 1
            ? "; 1 configuration change: "
            : "; " + changes.size() + " configuration changes: ")
        + changes.stream().map(Defect::id).collect(Collectors.joining(", "));
  }
}
