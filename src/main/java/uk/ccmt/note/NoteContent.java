package uk.ccmt.note;

import java.util.List;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.ItemKind;

/**
 * What the note templates show, already in words and in the calendar's time zone, so the HTML and
 * the plain-text rendering of a note can never disagree.
 */
final class NoteContent {

  private static final String NOT_GIVEN = "not given";

  private NoteContent() {}

  /** What every note has: its title, which version it is, and where it lives on the web page. */
  record Header(String releaseId, String title, int version, String link) {

    public boolean supersedesAnother() {
      return version > 1;
    }
  }

  record DefectLine(String id, String title, String severity, String component, String raisedBy) {

    static DefectLine of(Defect defect) {
      return new DefectLine(
          defect.id(),
          defect.title(),
          defect.severity() == null ? NOT_GIVEN : defect.severity().name(),
          orNotGiven(defect.component()),
          orNotGiven(defect.raisedBy()));
    }

    /** The defects of a release's items; its configuration changes have a heading of their own. */
    static List<DefectLine> of(List<Defect> items) {
      return items.stream()
          .filter(item -> item.kind() != ItemKind.CONFIGURATION)
          .map(DefectLine::of)
          .toList();
    }
  }

  /**
   * A configuration change in a release (issue 15): no severity, but the build or package that
   * carries it, and what it changes.
   */
  record ChangeLine(
      String id, String title, String component, String buildVersion, String description) {

    static ChangeLine of(Defect change) {
      return new ChangeLine(
          change.id(),
          change.title(),
          orNotGiven(change.component()),
          orNotGiven(change.buildVersion()),
          change.description() == null || change.description().isBlank()
              ? null
              : change.description());
    }

    /** The configuration changes of a release's items. */
    static List<ChangeLine> of(List<Defect> items) {
      return items.stream()
          .filter(item -> item.kind() == ItemKind.CONFIGURATION)
          .map(ChangeLine::of)
          .toList();
    }
  }

  /** A defect that left the release before it went live, and why. */
  record RemovedDefect(String id, String title, String reason) {}

  /** An emergency release that went live since the last regular release. */
  record EmergencyChange(String releaseId, String buildVersion, List<DefectLine> defects) {}

  /** One deployment attempt to the live test environment. */
  record AttemptLine(int attempt, String buildVersion, String outcome, String when) {}

  record Provisional(
      String plannedDate,
      String buildVersion,
      List<DefectLine> defects,
      List<ChangeLine> changes) {}

  record Final(
      String plannedDate,
      String buildVersion,
      String liveEnvironment,
      List<DefectLine> defects,
      List<RemovedDefect> removed,
      List<EmergencyChange> emergencies,
      List<AttemptLine> deployments,
      List<ChangeLine> changes) {}

  /**
   * @param agreedTime when the release managers agreed to deploy it, or null before they did
   * @param deployedTime when it went live, or null while it has not
   */
  record Emergency(
      String buildVersion,
      String status,
      List<DefectLine> defects,
      String agreedTime,
      String deployedTime) {}

  /** A release cancelled after participants were told of it; its defects stay candidates. */
  record Cancellation(
      String week, String plannedDate, String reason, String detail, List<RemovedDefect> defects) {}

  /** An emergency withdrawn after its note was shared; its defects go the regular way. */
  record Withdrawal(String buildVersion, String reason, String detail, List<DefectLine> defects) {}

  /**
   * @param reason why there is no release, when it is not the lack of fixed defects (a freeze), or
   *     null
   */
  record NoRelease(String week, String plannedDate, String reason) {}

  /** A weekly release's deployment slot moved, from when to when, and why. */
  record SlotMoved(String week, String from, String to, String reason) {}

  record Rollback(
      String environment,
      String when,
      String buildVersion,
      String replacedReleaseId,
      String replacedBuildVersion,
      String reason) {}

  static String orNotGiven(String text) {
    return text == null || text.isBlank() ? NOT_GIVEN : text;
  }
}
