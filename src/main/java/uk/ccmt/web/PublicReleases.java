package uk.ccmt.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.ccmt.environment.DeploymentAttempt;
import uk.ccmt.environment.DeploymentService;
import uk.ccmt.note.NoteKind;
import uk.ccmt.note.ReleaseNote;
import uk.ccmt.note.ReleaseNoteService;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseCalendar;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseStatus;
import uk.ccmt.release.ReleaseWeek;
import uk.ccmt.system.ReadableDates;

/**
 * What the public page shows, in words participants read. It publishes only the stored notes and
 * the outline of each deployment: command output stays behind the API's login.
 */
@Component
class PublicReleases {

  static final int CALENDAR_WEEKS = 6;

  private final ReleaseNoteService notes;
  private final ReleaseService releases;
  private final DeploymentService deployments;
  private final ReleaseCalendar calendar;
  private final ReadableDates dates;

  PublicReleases(
      ReleaseNoteService notes,
      ReleaseService releases,
      DeploymentService deployments,
      ReleaseCalendar calendar,
      ReadableDates dates) {
    this.notes = notes;
    this.releases = releases;
    this.deployments = deployments;
    this.calendar = calendar;
    this.dates = dates;
  }

  /** Every note, newest first, and the release calendar. */
  Overview overview() {
    List<ReleaseNote> all = notes.all();
    return new Overview(entries(all), calendar(all));
  }

  /**
   * The release days of the next six weeks, starting with this week's unless it has passed. A
   * cancelled week says why, and links to the note that announced it.
   */
  private List<CalendarDay> calendar(List<ReleaseNote> all) {
    Set<String> withProvisionalNote =
        all.stream()
            .filter(note -> note.kind() == NoteKind.PROVISIONAL)
            .map(ReleaseNote::releaseId)
            .collect(Collectors.toSet());
    Map<String, ReleaseNote> cancellationNotes =
        all.stream()
            .filter(note -> note.kind() == NoteKind.CANCELLED)
            .collect(
                Collectors.toMap(
                    ReleaseNote::releaseId,
                    note -> note,
                    (a, b) -> a.version() >= b.version() ? a : b));
    List<CalendarDay> days = new ArrayList<>();
    ReleaseWeek week = calendar.currentWeek();
    if (calendar.isPast(week)) {
      week = following(week);
    }
    for (int i = 0; i < CALENDAR_WEEKS; i++, week = following(week)) {
      Optional<Release> release = releases.find(week.releaseId());
      ReleaseWeek thisWeek = week;
      days.add(
          new CalendarDay(
              dates.describe(
                  release.map(Release::plannedDate).orElseGet(() -> calendar.releaseDay(thisWeek))),
              week.toString(),
              release.map(Release::id).orElse(null),
              release
                  .map(found -> state(found, withProvisionalNote.contains(found.id())))
                  .orElse("no release"),
              release
                  .flatMap(found -> releases.cancellation(found.id()))
                  .map(cancellation -> cancellation.reason().description())
                  .orElse(null),
              release
                  .map(found -> cancellationNotes.get(found.id()))
                  .map(ReleaseNote::anchor)
                  .orElse(null)));
    }
    return days;
  }

  Optional<ReleasePage> release(String releaseId) {
    return releases
        .find(releaseId)
        .map(
            release -> {
              List<ReleaseNote> newestFirst = new ArrayList<>(notes.notesOf(releaseId));
              newestFirst.sort(
                  Comparator.comparing(ReleaseNote::createdAt)
                      .thenComparing(ReleaseNote::id)
                      .reversed());
              return new ReleasePage(
                  release.id(),
                  words(release.type().name()),
                  words(release.status().name()),
                  release.buildVersion(),
                  release.plannedDate() == null ? null : dates.describe(release.plannedDate()),
                  releases
                      .cancellation(releaseId)
                      .map(cancellation -> cancellation.reason().description())
                      .orElse(null),
                  releases.agreedDeploymentTime(releaseId).map(dates::describe).orElse(null),
                  releases.deployedAt(releaseId).map(dates::describe).orElse(null),
                  entries(newestFirst),
                  deployments.history(releaseId).stream().map(this::attempt).toList());
            });
  }

  /** A note is superseded once a later version of the same release and kind exists. */
  private List<NoteEntry> entries(List<ReleaseNote> notes) {
    Map<String, Integer> latest =
        notes.stream()
            .collect(Collectors.toMap(PublicReleases::series, ReleaseNote::version, Math::max));
    return notes.stream()
        .map(
            note ->
                new NoteEntry(
                    note.releaseId(),
                    note.anchor(),
                    note.title(),
                    note.summary(),
                    dates.describe(note.createdAt()),
                    note.kind() == NoteKind.PROVISIONAL,
                    note.version() < latest.get(series(note)),
                    note.bodyHtml(),
                    note.bodyText()))
        .toList();
  }

  private static String series(ReleaseNote note) {
    return note.releaseId() + "/" + note.kind();
  }

  private static String state(Release release, boolean provisionalNoteShared) {
    if (release.status() == ReleaseStatus.IN_PROGRESS && provisionalNoteShared) {
      return "provisional";
    }
    if (release.status() == ReleaseStatus.IN_PROGRESS) {
      return "planned";
    }
    return words(release.status().name());
  }

  private AttemptRow attempt(DeploymentAttempt attempt) {
    return new AttemptRow(
        attempt.environment(),
        attempt.attempt(),
        attempt.buildVersion(),
        attempt.outcome().description(),
        dates.describe(attempt.startedAt()),
        attempt.finishedAt() == null ? null : dates.describe(attempt.finishedAt()));
  }

  private ReleaseWeek following(ReleaseWeek week) {
    return ReleaseWeek.containing(calendar.releaseDay(week).plusWeeks(1));
  }

  private static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  record Overview(List<NoteEntry> notes, List<CalendarDay> calendar) {}

  /**
   * One note as the page lists it.
   *
   * @param bodyHtml rendered and escaped when the note was created; null for notes from before
   *     notes were rendered, which show their text instead
   */
  record NoteEntry(
      String releaseId,
      String anchor,
      String title,
      String summary,
      String createdAt,
      boolean provisional,
      boolean superseded,
      String bodyHtml,
      String bodyText) {}

  /**
   * A release day and what is planned for it; releaseId is null when no release is registered.
   *
   * @param cancellationReason why the release was cancelled, or null
   * @param cancellationNote the anchor of the note that announced the cancellation, or null
   */
  record CalendarDay(
      String date,
      String week,
      String releaseId,
      String state,
      String cancellationReason,
      String cancellationNote) {}

  /**
   * @param cancellationReason why it was cancelled or withdrawn, or null
   * @param agreedDeploymentTime the deployment time the release managers agreed, or null
   * @param deployedAt when it went live, or null
   */
  record ReleasePage(
      String id,
      String type,
      String status,
      String buildVersion,
      String plannedDate,
      String cancellationReason,
      String agreedDeploymentTime,
      String deployedAt,
      List<NoteEntry> notes,
      List<AttemptRow> deployments) {}

  record AttemptRow(
      String environment,
      int attempt,
      String buildVersion,
      String outcome,
      String startedAt,
      String finishedAt) {}
}
