package uk.ccmt.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.build.Builds;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.release.ReleaseRepository.DefectOutcome;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.ProcessVariables;

/**
 * What happens to a release and its defects along the Release Management Plan. Called from the
 * process delegates inside the engine's transaction, so a step and its domain change commit
 * together.
 *
 * <p>Over 300 lines on purpose: it is the one writer of a release's state, and each transition
 * moves the release's defects (through {@code DefectService}) in the same call, so every rule about
 * what a release may do next is read in one file. Its small read queries would be the first to move
 * out.
 */
@Service
public class ReleaseService {

  private final ReleaseRepository releases;
  private final DefectService defects;
  private final ReleaseCalendar calendar;
  private final Clock clock;
  private final Builds builds;
  private final RunningBuilds running;

  ReleaseService(
      ReleaseRepository releases,
      DefectService defects,
      ReleaseCalendar calendar,
      Clock clock,
      Builds builds,
      RunningBuilds running) {
    this.releases = releases;
    this.defects = defects;
    this.calendar = calendar;
    this.clock = clock;
    this.builds = builds;
    this.running = running;
  }

  public Optional<Release> find(String releaseId) {
    return releases.find(releaseId);
  }

  public Release get(String releaseId) {
    return releases.find(releaseId).orElseThrow(() -> new NotFoundException("Release", releaseId));
  }

  public List<Release> list() {
    return releases.findAll();
  }

  /** Registers the week's regular release for this process; false when the week already has one. */
  @Transactional
  public boolean registerWeekly(ReleaseWeek week, String processInstanceId) {
    Release release =
        new Release(
            week.releaseId(),
            ReleaseType.REGULAR,
            ReleaseStatus.PLANNED,
            null,
            week.toString(),
            calendar.releaseDay(week),
            processInstanceId);
    return releases.insertIfAbsent(release, clock.instant());
  }

  /** Registers a release that is not weekly (a baseline or an emergency). */
  @Transactional
  public Release register(String id, ReleaseType type, String buildVersion) {
    Release release = new Release(id, type, ReleaseStatus.IN_PROGRESS, null, null, null, null);
    releases.insert(release, clock.instant());
    if (buildVersion != null) {
      takeBuild(
          id, buildVersion, "the " + type.name().toLowerCase(java.util.Locale.ROOT) + " build");
    }
    return get(id);
  }

  /** The emergency release of an S1 defect, run by the given process, holding that defect. */
  @Transactional
  public String openEmergency(String releaseId, String defectId, String processInstanceId) {
    register(releaseId, ReleaseType.EMERGENCY, null);
    attachProcess(releaseId, processInstanceId);
    addDefects(releaseId, List.of(defectId));
    return releaseId;
  }

  @Transactional
  public void attachProcess(String releaseId, String processInstanceId) {
    releases.setProcessInstance(releaseId, processInstanceId);
  }

  public String nextBaselineId() {
    return "BL-" + (releases.countOfType(ReleaseType.BASELINE) + 1);
  }

  /**
   * Takes the week's fixed defects (status FIXED, in no release) into the release and proposes a
   * build: the newest of the fixes' builds and the build the live test environment runs, so the
   * proposal never takes CCMT back to an older build. Answers how many defects it took.
   */
  @Transactional
  public int collectFixedDefects(String releaseId) {
    List<Defect> candidates = defects.candidates();
    if (candidates.isEmpty()) {
      return 0;
    }
    List<String> ids = candidates.stream().map(Defect::id).toList();
    defects.takeIntoRelease(ids, releaseId);
    releases.addDefects(releaseId, ids, clock.instant());
    List<String> offered = new ArrayList<>(candidates.stream().map(Defect::buildVersion).toList());
    running.inLiveEnvironment().ifPresent(live -> offered.add(live.buildVersion()));
    builds
        .newest(offered)
        .ifPresent(
            build ->
                takeBuild(
                    releaseId,
                    build,
                    "proposed from the week's fixed defects and the build CCMT runs"));
    releases.setStatus(releaseId, ReleaseStatus.IN_PROGRESS, clock.instant());
    return ids.size();
  }

  /** Which builds the release took, in order: which replaced which, and why. */
  public List<BuildChange> builds(String releaseId) {
    return releases.builds(releaseId);
  }

  /**
   * Refuses a build that came in before the one the live test environment runs: no release may take
   * CCMT back to an older build (only a recorded rollback may).
   */
  public void requireNotOlderThanLive(String buildVersion, String field) {
    running
        .inLiveEnvironment()
        .filter(live -> builds.isOlder(buildVersion, live.buildVersion()))
        .ifPresent(
            live -> {
              throw ProcessVariables.refused(
                  field,
                  buildVersion
                      + " is older than "
                      + live.buildVersion()
                      + ", which "
                      + live.environment()
                      + " runs for release "
                      + live.releaseId()
                      + ": a release may not take "
                      + live.environment()
                      + " back to an older build");
            });
  }

  public List<Defect> includedDefects(String releaseId) {
    return defects.withIds(releases.defectIds(releaseId, DefectOutcome.INCLUDED));
  }

  public List<DefectChange> removedDefects(String releaseId) {
    List<DefectChange> changes = new ArrayList<>();
    for (DefectOutcome outcome :
        List.of(
            DefectOutcome.EXCLUDED_AT_REVIEW,
            DefectOutcome.FAILED_INTERNAL_TESTING,
            DefectOutcome.RELEASE_CANCELLED)) {
      releases
          .defectIds(releaseId, outcome)
          .forEach(id -> changes.add(new DefectChange(id, outcome.name())));
    }
    return changes;
  }

  /**
   * Refuses a list naming a defect that is not in the release. The refusal names the field and
   * keeps the task open.
   */
  public void requireInRelease(String releaseId, List<String> defectIds, String field) {
    List<String> included = releases.defectIds(releaseId, DefectOutcome.INCLUDED);
    List<String> unknown = defectIds.stream().filter(id -> !included.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw ProcessVariables.refused(
          field,
          String.join(", ", unknown)
              + (unknown.size() == 1 ? " is" : " are")
              + " not in release "
              + releaseId
              + " (it holds "
              + (included.isEmpty() ? "no defects" : String.join(", ", included))
              + ")");
    }
  }

  /**
   * The release managers' review: leave defects out and settle the build. Answers the defects left.
   */
  @Transactional
  public int applyReview(String releaseId, List<String> excludedDefects, String buildVersion) {
    requireInRelease(releaseId, excludedDefects, "excludedDefects");
    requireNotOlderThanLive(buildVersion, "buildVersion");
    removeDefects(releaseId, excludedDefects, DefectOutcome.EXCLUDED_AT_REVIEW);
    takeBuild(releaseId, buildVersion, "settled at the release review");
    return includedDefects(releaseId).size();
  }

  /**
   * Defects that failed internal testing leave the release. In a regular release they go back to
   * the development team for another fix (their defectFix's deliverDefectFix). In an emergency they
   * stay with the emergency, waiting for its next fix: no weekly collection may take a defect whose
   * emergency is still running.
   */
  @Transactional
  public int removeFailedDefects(String releaseId, List<String> failedDefects) {
    requireInRelease(releaseId, failedDefects, "failedDefects");
    if (get(releaseId).type() == ReleaseType.EMERGENCY) {
      releases.setOutcome(
          releaseId, failedDefects, DefectOutcome.FAILED_INTERNAL_TESTING, clock.instant());
      defects.awaitNewFix(failedDefects, releaseId);
    } else {
      removeDefects(releaseId, failedDefects, DefectOutcome.FAILED_INTERNAL_TESTING);
      // and back to the development team for another fix (defectFix), no longer a candidate
      defects.failedInternalTesting(failedDefects, releaseId);
    }
    return includedDefects(releaseId).size();
  }

  /**
   * A new emergency fix: the release takes its build, and a defect whose earlier fix failed
   * internal testing is back in the release for this one.
   */
  @Transactional
  public void takeEmergencyFix(String releaseId, String buildVersion, String providedBy) {
    requireNotOlderThanLive(buildVersion, "buildVersion");
    List<String> failed = releases.defectIds(releaseId, DefectOutcome.FAILED_INTERNAL_TESTING);
    releases.setOutcome(releaseId, failed, DefectOutcome.INCLUDED, clock.instant());
    defects.takeIntoRelease(failed, releaseId);
    takeBuild(releaseId, buildVersion, "emergency fix", providedBy);
  }

  /** A corrected build replaces the release's build; the reason says what failed where. */
  @Transactional
  public void changeBuild(String releaseId, String buildVersion, String reason) {
    changeBuild(releaseId, buildVersion, reason, null);
  }

  /** A corrected build that {@code providedBy} gave (null: given inside the engine itself). */
  @Transactional
  public void changeBuild(String releaseId, String buildVersion, String reason, String providedBy) {
    takeBuild(releaseId, buildVersion, reason, providedBy);
  }

  /** Who provided the release's current build, if a person did. */
  public Optional<String> providerOfCurrentBuild(String releaseId) {
    String build = get(releaseId).buildVersion();
    return build == null ? Optional.empty() : releases.providedBy(releaseId, build);
  }

  /** The release managers who approved the current emergency fix so far, in order. */
  public List<String> approversOfCurrentFix(String releaseId) {
    return releases.currentApprovers(releaseId);
  }

  /**
   * Four eyes: whoever provided the release's current build may not decide on it. A decision taken
   * without an authenticated user (inside the engine itself) is not refused.
   *
   * @param field the form field the refusal names
   * @param instead who must decide instead, in words ("another release manager must approve it")
   */
  public void requireNotProvidedBy(String releaseId, String user, String field, String instead) {
    if (user == null) {
      return;
    }
    String build = get(releaseId).buildVersion();
    if (build != null && releases.providedBy(releaseId, build).filter(user::equals).isPresent()) {
      throw ProcessVariables.refused(field, "you provided build " + build + ", so " + instead);
    }
  }

  /**
   * One approval of the release's emergency fix, by a release manager who did not provide it and
   * has not approved this fix already: {@code required} distinct release managers must approve it.
   */
  @Transactional
  public void approveEmergencyFix(String releaseId, String approver, int required, String field) {
    requireNotProvidedBy(releaseId, approver, field, "another release manager must approve it");
    if (approver != null && releases.currentApprovers(releaseId).contains(approver)) {
      throw ProcessVariables.refused(
          field,
          "you approved this fix already; "
              + required
              + " distinct release managers must approve it");
    }
    releases.recordApproval(releaseId, get(releaseId).buildVersion(), approver, clock.instant());
  }

  /** The fix was refused: its approvals so far no longer count for the next fix. */
  @Transactional
  public void refuseEmergencyFix(String releaseId) {
    releases.voidApprovals(releaseId, clock.instant());
  }

  /**
   * A recorded rollback took the environment from this release back to an earlier one: the release
   * no longer runs there.
   */
  @Transactional
  public void markRolledBack(String releaseId) {
    releases.setStatus(releaseId, ReleaseStatus.ROLLED_BACK, clock.instant());
  }

  @Transactional
  public void recordNoRelease(String releaseId) {
    releases.setStatus(releaseId, ReleaseStatus.NO_RELEASE, clock.instant());
  }

  /** A cancelled release gives its defects back to the candidates. */
  @Transactional
  public void cancel(String releaseId) {
    removeDefects(
        releaseId,
        releases.defectIds(releaseId, DefectOutcome.INCLUDED),
        DefectOutcome.RELEASE_CANCELLED);
    releases.setStatus(releaseId, ReleaseStatus.CANCELLED, clock.instant());
  }

  /**
   * The release review decided against immediate deployment: the emergency ends, and its defects go
   * the regular way into a weekly release.
   */
  @Transactional
  public void defer(String releaseId) {
    endEmergency(releaseId, DefectOutcome.EMERGENCY_DEFERRED, ReleaseStatus.DEFERRED);
  }

  /** Stakeholders did not agree (or the route to live was violated): the emergency is withdrawn. */
  @Transactional
  public void withdraw(String releaseId) {
    endEmergency(releaseId, DefectOutcome.EMERGENCY_WITHDRAWN, ReleaseStatus.WITHDRAWN);
  }

  /** The release runs in the live test environment: it is deployed and its defects are released. */
  @Transactional
  public void markRunningInLive(String releaseId) {
    releases.markDeployed(releaseId, clock.instant());
    defects.markReleased(releaseId);
  }

  /** Takes defects into a release that does not collect the week's candidates (an emergency). */
  @Transactional
  public void addDefects(String releaseId, List<String> defectIds) {
    defects.takeIntoRelease(defectIds, releaseId);
    releases.addDefects(releaseId, defectIds, clock.instant());
  }

  /**
   * The emergency releases that went live after the previous regular release went live, up to this
   * one (or up to now while it is not live): the changes its final note folds in.
   */
  public List<Release> emergenciesSinceLastRegular(String releaseId) {
    Instant until = releases.deployedAt(releaseId).orElse(clock.instant());
    Instant previousRegular =
        releases.lastDeployedBefore(ReleaseType.REGULAR, until, releaseId).orElse(null);
    return releases.deployedBetween(ReleaseType.EMERGENCY, previousRegular, until);
  }

  private void takeBuild(String releaseId, String buildVersion, String reason) {
    takeBuild(releaseId, buildVersion, reason, null);
  }

  private void takeBuild(String releaseId, String buildVersion, String reason, String providedBy) {
    builds.register(buildVersion, clock.instant());
    releases.setBuildVersion(releaseId, buildVersion, reason, providedBy, clock.instant());
  }

  private void endEmergency(String releaseId, DefectOutcome outcome, ReleaseStatus status) {
    List<String> ids = new ArrayList<>(releases.defectIds(releaseId, DefectOutcome.INCLUDED));
    ids.addAll(releases.defectIds(releaseId, DefectOutcome.FAILED_INTERNAL_TESTING));
    releases.setOutcome(releaseId, ids, outcome, clock.instant());
    defects.returnToRegularPath(ids);
    releases.setStatus(releaseId, status, clock.instant());
  }

  private void removeDefects(String releaseId, List<String> defectIds, DefectOutcome outcome) {
    releases.setOutcome(releaseId, defectIds, outcome, clock.instant());
    defects.returnToCandidates(defectIds);
  }

  /** A defect that left the release, and why. */
  public record DefectChange(String id, String reason) {}

  /**
   * Cancels the release, as {@link #cancel(String)} does, and records why for its note and the
   * calendar.
   */
  @Transactional
  public void cancel(String releaseId, CancellationReason reason, String detail) {
    cancel(releaseId);
    releases.setCancellation(releaseId, reason, detail, clock.instant());
  }

  /** Withdraws the emergency, as {@link #withdraw(String)} does, and records why. */
  @Transactional
  public void withdraw(String releaseId, CancellationReason reason, String detail) {
    withdraw(releaseId);
    releases.setCancellation(releaseId, reason, detail, clock.instant());
  }

  /** Why the release was cancelled or withdrawn; empty while it was neither. */
  public Optional<Cancellation> cancellation(String releaseId) {
    return releases.cancellation(releaseId);
  }

  /** The defects an emergency held when it was withdrawn: they went back to the regular path. */
  public List<Defect> withdrawnDefects(String releaseId) {
    return defects.withIds(releases.defectIds(releaseId, DefectOutcome.EMERGENCY_WITHDRAWN));
  }

  /** The release managers agreed when the release goes to the live test environment. */
  @Transactional
  public void agreeDeploymentTime(String releaseId, Instant agreedTime) {
    releases.setAgreedDeploymentTime(releaseId, agreedTime, clock.instant());
  }

  public Optional<Instant> agreedDeploymentTime(String releaseId) {
    return releases.agreedDeploymentTime(releaseId);
  }

  /** When the release went live; empty while it has not. */
  public Optional<Instant> deployedAt(String releaseId) {
    return releases.deployedAt(releaseId);
  }

  /** Why a release ended without going live; the detail is a short text, or null. */
  public record Cancellation(CancellationReason reason, String detail) {}
}
