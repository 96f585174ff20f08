package uk.ccmt.defect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.DefectHistory.Change;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;

/**
 * Editing a register item's title, severity, component and stopsTesting, each changed field kept in
 * its history. An edit that makes it an S1 that stops testing starts its emergency, once in the
 * item's life: an item that has been one before has had its emergency.
 */
@Service
class DefectEdits {

  static final Set<String> EDITABLE = Set.of("title", "severity", "component", "stopsTesting");

  private final DefectRepository defects;
  private final DefectHistory history;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  DefectEdits(
      DefectRepository defects,
      DefectHistory history,
      Clock clock,
      ApplicationEventPublisher events) {
    this.defects = defects;
    this.history = history;
    this.clock = clock;
    this.events = events;
  }

  /**
   * A JSON merge patch (RFC 7396): an absent member leaves its field unchanged, null clears the
   * component (the others are required).
   */
  @Transactional
  public Defect patch(String id, JsonNode body, String user) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object of the fields to change");
    }
    ObjectNode patch = (ObjectNode) body;
    patch
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!EDITABLE.contains(field)) {
                throw new InvalidInputException(
                    field,
                    "cannot be changed; the editable fields are "
                        + EDITABLE.stream().sorted().toList());
              }
            });
    Defect before = defects.find(id).orElseThrow(() -> new NotFoundException("Defect", id));
    refuseIfClosed(before);
    Edit edit =
        new Edit(
            patch.has("title")
                ? Edit.Value.of(text(patch.get("title"), "title"))
                : Edit.Value.ABSENT,
            patch.has("severity")
                ? Edit.Value.of(text(patch.get("severity"), "severity"))
                : Edit.Value.ABSENT,
            patch.has("component")
                ? Edit.Value.of(text(patch.get("component"), "component"))
                : Edit.Value.ABSENT,
            patch.has("stopsTesting")
                ? Edit.Value.of(flag(patch.get("stopsTesting")))
                : Edit.Value.ABSENT);
    return apply(before, edit, user).defect();
  }

  /**
   * Applies an edit that has passed its checks (see {@link #edited}) in the caller's transaction:
   * the changed fields, their history, and an emergency the edit calls for.
   */
  Edited apply(Defect before, Edit edit, String user) {
    Defect after = edited(before, edit);
    Instant now = clock.instant();
    List<Change> changes = new ArrayList<>();
    compare(changes, "title", before.title(), after.title(), user, now);
    compare(changes, "severity", name(before.severity()), name(after.severity()), user, now);
    compare(changes, "component", before.component(), after.component(), user, now);
    compare(
        changes,
        "stopsTesting",
        Boolean.toString(before.stopsTesting()),
        Boolean.toString(after.stopsTesting()),
        user,
        now);
    if (changes.isEmpty()) {
      return new Edited(before, false);
    }
    refuseIfClosed(before);
    defects.updateEditable(after, now);
    changes.forEach(change -> history.record(before.id(), change));
    boolean hadEmergency = defects.hadEmergency(before.id()) || isEmergency(before);
    if (isEmergency(after) && !hadEmergency) {
      defects.markHadEmergency(before.id());
      // heard in this transaction, as when raised: an emergency that fails to start undoes the edit
      events.publishEvent(new S1DefectRaised(before.id()));
    } else if (hadEmergency) {
      defects.markHadEmergency(before.id());
    }
    return new Edited(defects.find(before.id()).orElseThrow(), true);
  }

  /** The item as the edit would leave it; refuses the edit (and changes nothing) if it may not. */
  static Defect edited(Defect before, Edit edit) {
    String title =
        edit.title().present()
            ? DefectService.requireText((String) edit.title().value(), "title", 500)
            : before.title();
    String component =
        edit.component().present()
            ? DefectService.optionalText((String) edit.component().value(), "component", 200)
            : before.component();
    if (before.kind() == ItemKind.CONFIGURATION) {
      return editedChange(before, edit, title, component);
    }
    Severity severity =
        edit.severity().present()
            ? DefectService.severity((String) edit.severity().value())
            : before.severity();
    boolean stopsTesting =
        edit.stopsTesting().present()
            ? (Boolean) edit.stopsTesting().value()
            : before.stopsTesting();
    return new Defect(
        before.id(),
        title,
        severity,
        stopsTesting,
        component,
        before.raisedBy(),
        before.status(),
        before.buildVersion(),
        before.releaseId(),
        before.kind(),
        before.closureReason(),
        before.description(),
        before.raisedByOrganisation());
  }

  /**
   * A configuration change has no severity and never stops testing: an edit may leave them empty
   * (as an import of its exported row does), but not set them.
   */
  private static Defect editedChange(Defect before, Edit edit, String title, String component) {
    if (edit.severity().present()
        && edit.severity().value() != null
        && !((String) edit.severity().value()).isBlank()) {
      throw new InvalidInputException(
          "severity", "a configuration change has no severity; only defects have one");
    }
    if (edit.stopsTesting().present() && Boolean.TRUE.equals(edit.stopsTesting().value())) {
      throw new InvalidInputException(
          "stopsTesting", "a configuration change does not stop testing; only defects do");
    }
    return new Defect(
        before.id(),
        title,
        before.severity(),
        before.stopsTesting(),
        component,
        before.raisedBy(),
        before.status(),
        before.buildVersion(),
        before.releaseId(),
        before.kind(),
        before.closureReason(),
        before.description(),
        before.raisedByOrganisation());
  }

  private static String name(Severity severity) {
    return severity == null ? null : severity.name();
  }

  /** A closed item's record is final. */
  static void refuseIfClosed(Defect defect) {
    if (defect.status() == DefectStatus.CLOSED) {
      throw new ConflictException(
          "Defect closed",
          "defect '" + defect.id() + "' is CLOSED and can no longer be edited",
          java.util.Map.of("field", "status"));
    }
  }

  private static boolean isEmergency(Defect defect) {
    return defect.severity() == Severity.S1 && defect.stopsTesting();
  }

  private static void compare(
      List<Change> changes, String field, String from, String to, String user, Instant at) {
    if (!Objects.equals(from, to)) {
      changes.add(new Change(field, from, to, user, at));
    }
  }

  private static String text(JsonNode value, String field) {
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(field, "must be text");
    }
    return value.textValue();
  }

  private static Boolean flag(JsonNode value) {
    if (!value.isBoolean()) {
      throw new InvalidInputException("stopsTesting", "must be true or false");
    }
    return value.booleanValue();
  }

  /** What an edit sets; an absent value leaves its field as it is. */
  record Edit(Value title, Value severity, Value component, Value stopsTesting) {

    record Value(boolean present, Object value) {
      static final Value ABSENT = new Value(false, null);

      static Value of(Object value) {
        return new Value(true, value);
      }
    }
  }

  /** The item after an edit, and whether anything changed. */
  record Edited(Defect defect, boolean changed) {}
}
