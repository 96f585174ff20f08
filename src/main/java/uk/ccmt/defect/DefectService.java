package uk.ccmt.defect;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.build.Builds;
import uk.ccmt.defect.DefectFixEvents.FailedInternalTesting;
import uk.ccmt.defect.DefectFixEvents.FixGiven;
import uk.ccmt.defect.DefectFixEvents.Released;
import uk.ccmt.defect.DefectFixEvents.StartAt;
import uk.ccmt.defect.DefectFixEvents.WorkStarts;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.TextInput;

/**
 * Raising and fixing defects: the register that feeds every release. It is the one writer of a
 * defect's state; releases move defects through it with the methods named for what happened.
 */
@Service
public class DefectService {

  private static final Pattern DEFECT_ID = Pattern.compile("[A-Za-z0-9._-]+");

  /** The prefix of a configuration change's id when none is given: C-1, C-2, ... */
  public static final String CHANGE_ID_PREFIX = "C-";

  private final DefectRepository defects;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final Builds builds;

  DefectService(
      DefectRepository defects, Clock clock, ApplicationEventPublisher events, Builds builds) {
    this.defects = defects;
    this.clock = clock;
    this.events = events;
    this.builds = builds;
  }

  @Transactional
  public Defect raise(NewDefect request) {
    return raise(request, null);
  }

  /**
   * Raised by a user of this organisation (its code), which alone of the participants then sees it;
   * null for the programme's staff.
   */
  @Transactional
  public Defect raise(NewDefect request, String organisation) {
    Defect defect = register(request, organisation);
    if (defect.severity() == Severity.S1 && defect.stopsTesting()) {
      // in this transaction: a duplicate defect is refused before this, so each defect starts one
      // emergency, and an emergency that fails to start leaves no defect behind
      events.publishEvent(new S1DefectRaised(defect.id()));
      // the emergency has taken the defect into its release: answer with what is now true
      return defects.find(defect.id()).orElseThrow();
    }
    // in this transaction too: exactly one defectFix per defect, or neither
    events.publishEvent(new WorkStarts(defect.id(), StartAt.ANALYSIS));
    return defect;
  }

  /**
   * Raises an S1 defect that stops testing from the start form of its emergency release, which is
   * already running, so no other emergency starts.
   */
  @Transactional
  public Defect raiseForRunningEmergency(
      String id, String title, String component, String raisedBy) {
    return register(new NewDefect(id, title, Severity.S1.name(), true, component, raisedBy), null);
  }

  private Defect register(NewDefect request, String organisation) {
    String id = requireText(request.id(), "id", 64);
    if (!DEFECT_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "id", "'" + id + "' may hold only letters, digits, '.', '_' and '-'");
    }
    Defect defect =
        new Defect(
            id,
            requireText(request.title(), "title", 500),
            severity(request.severity()),
            request.stopsTesting() != null && request.stopsTesting(),
            optionalText(request.component(), "component", 200),
            optionalText(request.raisedBy(), "raisedBy", 200),
            DefectStatus.RAISED,
            null,
            null,
            ItemKind.DEFECT,
            null,
            null,
            organisation);
    try {
      defects.insert(defect, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "Duplicate defect",
          "id: defect '" + defect.id() + "' is already raised",
          Map.of("field", "id"));
    }
    return defect;
  }

  /**
   * POST /api/changes: a configuration change (a reference-data load, a parameter change). It
   * carries its build or package, so it is a release candidate at once (status FIXED, in no
   * release), and the next weekly release collects it with the fixed defects. It has no severity
   * and never stops testing, so it never starts an emergency. Without an id it is numbered C-1,
   * C-2, ...; an id that is taken is a 409.
   */
  @Transactional
  public Defect createChange(NewChange request, String createdBy) {
    if (request == null) {
      throw new InvalidInputException("title", "must not be blank");
    }
    String givenId = request.id() == null || request.id().isBlank() ? null : request.id();
    if (givenId != null) {
      givenId = requireText(givenId, "id", 64);
      if (!DEFECT_ID.matcher(givenId).matches()) {
        throw new InvalidInputException(
            "id", "'" + givenId + "' may hold only letters, digits, '.', '_' and '-'");
      }
    }
    String title = requireText(request.title(), "title", 500);
    String component = requireText(request.component(), "component", 200);
    String buildVersion = requireText(request.buildVersion(), "buildVersion", 100);
    String description =
        request.description() == null || request.description().isBlank()
            ? null
            : TextInput.text(request.description(), "description", 4000);
    String id = givenId;
    if (id == null) {
      // a number may be taken by a change created with that id: take the next free one
      do {
        id = CHANGE_ID_PREFIX + defects.nextChangeNumber(clock.instant());
      } while (defects.find(id).isPresent());
    } else if (defects.find(id).isPresent()) {
      throw duplicate(id);
    }
    Defect change =
        new Defect(
            id,
            title,
            null,
            false,
            component,
            createdBy,
            DefectStatus.FIXED,
            buildVersion,
            null,
            ItemKind.CONFIGURATION,
            null,
            description,
            null);
    builds.register(buildVersion, clock.instant());
    try {
      defects.insert(change, clock.instant());
    } catch (DuplicateKeyException e) {
      throw duplicate(id);
    }
    return change;
  }

  /** Every configuration change, oldest first. */
  public List<Defect> changes() {
    return defects.findByKind(ItemKind.CONFIGURATION);
  }

  /** One configuration change; a defect's id is not found here. */
  public Defect getChange(String id) {
    return defects
        .find(id)
        .filter(item -> item.kind() == ItemKind.CONFIGURATION)
        .orElseThrow(() -> new NotFoundException("Configuration change", id));
  }

  private static ConflictException duplicate(String id) {
    return new ConflictException(
        "Duplicate item", "id: '" + id + "' is already in the register", Map.of("field", "id"));
  }

  /**
   * A fixed defect becomes a candidate for the next regular release. Over the API this is another
   * way to complete its defectFix's {@code deliverDefectFix} (or, before that, to settle the
   * analysis with the fix).
   */
  @Transactional
  public Defect fix(String id, FixRequest request) {
    Defect fixed = deliverFix(id, request == null ? null : request.buildVersion());
    events.publishEvent(new FixGiven(id, fixed.buildVersion()));
    return defects.find(id).orElseThrow();
  }

  /**
   * The development team delivered the build that fixes the defect: it becomes a candidate. An open
   * defect only: a closed, released or in-release defect is a 409, and nothing changes.
   */
  @Transactional
  public Defect deliverFix(String id, String build) {
    Defect defect = defects.find(id).orElseThrow(() -> new NotFoundException("Defect", id));
    String buildVersion = requireText(build, "buildVersion", 100);
    if (defect.status() != DefectStatus.RAISED && defect.status() != DefectStatus.FIXED) {
      throw new ConflictException(
          "Defect not open",
          "defect '"
              + id
              + "' is "
              + defect.status()
              + (defect.releaseId() == null ? "" : " in release " + defect.releaseId())
              + " and cannot take another fix");
    }
    builds.register(buildVersion, clock.instant());
    defects.markFixed(id, buildVersion, clock.instant());
    return defects.find(id).orElseThrow();
  }

  public Defect get(String id) {
    return defects.find(id).orElseThrow(() -> new NotFoundException("Defect", id));
  }

  /** The defects with these ids, by id; unknown ids are left out. */
  public List<Defect> withIds(Collection<String> ids) {
    return defects.findByIds(ids);
  }

  /** The release candidates: fixed and in no release. */
  public List<Defect> candidates() {
    return defects.findCandidates();
  }

  /** The release takes these defects in. */
  public void takeIntoRelease(Collection<String> ids, String releaseId) {
    defects.moveToRelease(ids, releaseId, clock.instant());
  }

  /** Out of a release and back to the candidates, for a later week. */
  public void returnToCandidates(Collection<String> ids) {
    defects.returnToCandidates(ids, clock.instant());
  }

  /**
   * A fix failed internal testing in this release, which keeps the defects until their next fix.
   */
  public void awaitNewFix(Collection<String> ids, String releaseId) {
    defects.awaitNewFix(ids, releaseId, clock.instant());
  }

  /**
   * Out of an emergency: a defect with a fix is a candidate again, one without waits for its fix.
   */
  public void returnToRegularPath(Collection<String> ids) {
    defects.returnToRegularPath(ids, clock.instant());
    // and joins the defectFix path: at its fix, or waiting for its release with the fix it has
    for (Defect defect : defects.findByIds(ids)) {
      events.publishEvent(
          new WorkStarts(
              defect.id(),
              defect.status() == DefectStatus.FIXED ? StartAt.RELEASE : StartAt.DELIVERY));
    }
  }

  /** The release went live: the defects still in it are released, and their raisers confirm. */
  public void markReleased(String releaseId) {
    List<String> released = defects.idsInRelease(releaseId);
    defects.markReleased(releaseId, clock.instant());
    events.publishEvent(new Released(released, releaseId));
  }

  /**
   * Defects that failed internal testing in a regular release leave it open, without a candidate
   * fix, and go back to the development team for another fix.
   */
  public void failedInternalTesting(Collection<String> ids, String releaseId) {
    defects.awaitNewFix(ids, null, clock.instant());
    events.publishEvent(new FailedInternalTesting(List.copyOf(ids), releaseId));
  }

  /**
   * Closes a defect after its analysis: NOT_A_DEFECT, or DUPLICATE of another known defect.
   * Anything else is a 400 naming the field, and nothing changes.
   */
  @Transactional
  public Defect closeAfterAnalysis(String id, String outcome, String duplicateOf) {
    Defect defect = get(id);
    requireOpen(defect, "outcome");
    String reason;
    String original = null;
    if ("NOT_A_DEFECT".equals(outcome)) {
      reason = "not a defect";
    } else if ("DUPLICATE".equals(outcome)) {
      original = TextInput.optionalLine(duplicateOf, "duplicateOf", 64);
      if (original == null) {
        throw new InvalidInputException(
            "duplicateOf", "is required for a duplicate: the id of the defect it duplicates");
      }
      if (original.equals(id)) {
        throw new InvalidInputException(
            "duplicateOf", "'" + original + "' is this defect: a defect cannot duplicate itself");
      }
      if (defects.find(original).isEmpty()) {
        throw new InvalidInputException("duplicateOf", "'" + original + "' is no known defect");
      }
      reason = "duplicate of " + original;
    } else {
      throw new InvalidInputException(
          "outcome", "'" + outcome + "' does not close a defect: NOT_A_DEFECT or DUPLICATE does");
    }
    defects.close(id, reason, original, clock.instant());
    return get(id);
  }

  /** The raiser confirmed the released fix: the defect is closed. */
  @Transactional
  public Defect closeConfirmed(String id) {
    requireReleased(get(id));
    defects.close(id, CONFIRMED, null, clock.instant());
    return get(id);
  }

  /** The raiser did not answer in time: the defect is closed, released and not confirmed. */
  @Transactional
  public Defect closeUnconfirmed(String id) {
    Defect defect = get(id);
    if (defect.status() == DefectStatus.RELEASED) {
      defects.close(id, NOT_CONFIRMED, null, clock.instant());
    }
    return get(id);
  }

  /** The raiser says the released fix does not fix it: open again, back to analysis. */
  @Transactional
  public Defect reopen(String id) {
    requireReleased(get(id));
    defects.reopen(id, clock.instant());
    return get(id);
  }

  /** The closure reason of a defect confirmed by its raiser. */
  public static final String CONFIRMED = "fix confirmed by the raiser";

  /** The closure reason of a released defect whose raiser did not answer in time. */
  public static final String NOT_CONFIRMED = "released, not confirmed";

  private static void requireOpen(Defect defect, String field) {
    if (defect.status() != DefectStatus.RAISED && defect.status() != DefectStatus.FIXED) {
      throw new ConflictException(
          "Defect not open",
          field + ": defect '" + defect.id() + "' is " + defect.status() + " and cannot close now",
          Map.of("field", field));
    }
  }

  private static void requireReleased(Defect defect) {
    if (defect.status() != DefectStatus.RELEASED) {
      throw new ConflictException(
          "Defect not released",
          "fixConfirmed: defect '"
              + defect.id()
              + "' is "
              + defect.status()
              + ", not released: there is no fix to confirm",
          Map.of("field", "fixConfirmed"));
    }
  }

  public List<Defect> list(String status, String severity) {
    return defects.findAll(
        status == null ? null : parse(DefectStatus.class, status, "status"),
        severity == null ? null : parse(Severity.class, severity, "severity"));
  }

  static Severity severity(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("severity", "is required: one of S1, S2, S3, S4");
    }
    return parse(Severity.class, value, "severity");
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    TextInput.characterProblem(value, false)
        .ifPresent(
            reason -> {
              throw new InvalidInputException(field, reason);
            });
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field, "'" + value + "' is not one of " + List.of(type.getEnumConstants()));
    }
  }

  /**
   * TextInput's rule: bounded by the column, no NUL or control characters, one line unless the
   * field spans lines.
   */
  static String requireText(String value, String field, int maxLength) {
    return TextInput.isMultiLine(field)
        ? TextInput.text(value, field, maxLength)
        : TextInput.line(value, field, maxLength);
  }

  static String optionalText(String value, String field, int maxLength) {
    return TextInput.optionalLine(value, field, maxLength);
  }

  /** POST /api/defects. */
  public record NewDefect(
      String id,
      String title,
      String severity,
      Boolean stopsTesting,
      String component,
      String raisedBy) {}

  /** POST /api/changes. */
  public record NewChange(
      String id, String title, String component, String buildVersion, String description) {}

  /** POST /api/defects/{id}/fix. */
  public record FixRequest(String buildVersion) {}
}
