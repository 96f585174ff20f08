package uk.ccmt.participant;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.ParticipantRepository.Kept;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.EmailAddress;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.TextInput;

/** The participant registry: who takes part, in which category, and who receives the email. */
@Service
public class ParticipantService {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,20}");
  private static final List<String> PATCHABLE =
      List.of("name", "category", "region", "contacts", "takesPart");

  /** The sources of a change, in contacts and in the history. */
  static final String IMPORT = "import";

  static final String REGISTRATION = "registration";
  static final String PATCH = "patch";
  static final String BOUNCE = "bounce";

  private final ParticipantRepository participants;
  private final Clock clock;
  private final OrganisationAccess access;

  ParticipantService(ParticipantRepository participants, Clock clock, OrganisationAccess access) {
    this.participants = participants;
    this.clock = clock;
    this.access = access;
  }

  @Transactional
  public Participant register(NewParticipant request) {
    Participant participant = validate(request);
    if (participants.exists(participant.code())) {
      throw duplicate(participant.code());
    }
    try {
      participants.insert(participant, clock.instant(), REGISTRATION, registeringUser());
    } catch (DuplicateKeyException e) {
      throw duplicate(participant.code());
    }
    access.setUp(participant);
    return participant;
  }

  /**
   * Registers every one or none, in batches: the caller has checked them all first (see
   * ParticipantImport). One transaction keeps the import all-or-nothing; batched inserts and one
   * look-up of the organisations' groups keep thousands of rows fast.
   */
  @Transactional
  public List<Participant> registerAll(List<NewParticipant> requests) {
    return registerAll(requests, registeringUser());
  }

  @Transactional
  List<Participant> registerAll(List<NewParticipant> requests, String user) {
    List<Participant> checked = requests.stream().map(ParticipantService::validate).toList();
    if (checked.isEmpty()) {
      return List.of();
    }
    try {
      participants.insertAll(checked, clock.instant(), IMPORT, user);
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "Duplicate participant",
          "code: a participant of the file was registered meanwhile",
          Map.of("field", "code"));
    }
    access.setUpAll(checked);
    return checked;
  }

  public boolean exists(String code) {
    return participants.exists(code);
  }

  /** The codes of every registered participant. */
  public java.util.Set<String> codes() {
    return participants.codes();
  }

  public List<Participant> list() {
    return participants.findAll();
  }

  /**
   * The organisations a request of the programme asks (an information request, a document review):
   * the codes named in {@code given} (field {@code participants}), each of a registered participant
   * taking part in the phase, or, left out, every participant taking part. Sorted, each once. One
   * wrong code is named by its place ({@code participants[i]}); several are listed together.
   */
  public List<String> organisationsToAsk(List<String> given) {
    List<Participant> registered = participants.findAll();
    if (given == null) {
      List<String> all =
          registered.stream()
              .filter(Participant::takesPart)
              .map(Participant::code)
              .sorted()
              .toList();
      if (all.isEmpty()) {
        throw new InvalidInputException(
            "participants", "no registered participant takes part in this phase");
      }
      return all;
    }
    if (given.isEmpty()) {
      throw new InvalidInputException(
          "participants", "must name at least one participant, or be left out for all");
    }
    Map<String, Participant> byCode = new HashMap<>();
    registered.forEach(participant -> byCode.put(participant.code(), participant));
    Set<String> codes = new LinkedHashSet<>();
    List<Integer> unknown = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String code = given.get(i) == null ? "" : given.get(i).strip().toUpperCase(Locale.ROOT);
      Participant participant = byCode.get(code);
      if (participant == null) {
        unknown.add(i);
      } else if (!participant.takesPart()) {
        throw new InvalidInputException(
            "participants[" + i + "]", "'" + code + "' does not take part in this phase");
      } else {
        codes.add(code);
      }
    }
    if (unknown.size() == 1) {
      int i = unknown.get(0);
      throw new InvalidInputException(
          "participants[" + i + "]", quoted(given.get(i)) + " is not a registered participant");
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "participants",
          String.join(", ", unknown.stream().limit(20).map(i -> quoted(given.get(i))).toList())
              + " are not registered participants");
    }
    return codes.stream().sorted().toList();
  }

  private static String quoted(String code) {
    if (code == null) {
      return "null";
    }
    return "'" + (code.length() <= 20 ? code : code.substring(0, 20) + "…") + "'";
  }

  public Participant get(String code) {
    return participants.find(code).orElseThrow(() -> new NotFoundException("Participant", code));
  }

  /**
   * Where participant email goes: every confirmed contact (none bounced) of every organisation
   * taking part, once each.
   */
  public List<String> contactEmails() {
    return participants.contactEmailsOfActiveParticipants();
  }

  /** GET /api/participants/{code}: the participant with every contact's state and its history. */
  public ParticipantDetails details(String code) {
    Participant participant = get(code);
    return new ParticipantDetails(
        participant.code(),
        participant.name(),
        participant.category(),
        participant.region(),
        participant.contactEmails(),
        participant.takesPart(),
        participants.contactsOf(participant.code()),
        participants.historyOf(participant.code()));
  }

  /** Every bounced contact address, newest first, for the release managers to replace. */
  public List<BouncedContact> bounced() {
    return participants.bounced();
  }

  /**
   * PATCH /api/participants/{code}: a JSON merge patch (RFC 7396) of name, category, region,
   * contacts (the full list) and takesPart. Every field is checked before anything is written; each
   * change is kept in the history with the user. The contacts given are confirmed by the release
   * manager, a bounced one included: naming it again is confirming it.
   */
  @Transactional
  public ParticipantDetails update(String code, JsonNode patch, String user) {
    String known = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    if (!participants.lock(known)) {
      throw new NotFoundException("Participant", code);
    }
    Participant before = get(known);
    if (patch == null || !patch.isObject()) {
      throw new InvalidInputException(
          "body", "must be a JSON object of the fields to change: " + PATCHABLE);
    }
    patch
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!PATCHABLE.contains(field)) {
                boolean readable =
                    field.length() <= 40 && TextInput.characterProblem(field, false).isEmpty();
                throw new InvalidInputException(
                    readable ? field : "body",
                    (readable ? "is not" : "names a field that is not")
                        + " a field that can be changed; those are "
                        + PATCHABLE);
              }
            });
    String name = patch.has("name") ? text(string(patch, "name"), "name", 200) : before.name();
    Category category =
        patch.has("category") ? category(string(patch, "category")) : before.category();
    String region = before.region();
    if (patch.has("region")) {
      String given = patch.get("region").isNull() ? null : string(patch, "region");
      region = given == null || given.isBlank() ? null : text(given, "region", 100);
    }
    boolean takesPart = before.takesPart();
    if (patch.has("takesPart")) {
      if (!patch.get("takesPart").isBoolean()) {
        throw new InvalidInputException("takesPart", "must be true or false");
      }
      takesPart = patch.get("takesPart").booleanValue();
    }
    List<String> contacts = null;
    if (patch.has("contacts")) {
      JsonNode list = patch.get("contacts");
      if (!list.isArray()) {
        throw new InvalidInputException("contacts", "must be a list of email addresses");
      }
      List<String> given = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isTextual()) {
          throw new InvalidInputException(
              "contacts[" + i + "]", "'" + list.get(i) + "' is not an email address");
        }
        given.add(list.get(i).textValue());
      }
      contacts = emails(given, "contacts");
    }
    Participant after =
        new Participant(before.code(), name, category, region, before.contactEmails(), takesPart);
    List<ParticipantChange> changes = new ArrayList<>(fieldChanges(before, after, PATCH, user));
    participants.update(after);
    if (contacts != null) {
      changes.addAll(replaceContacts(known, contacts, PATCH, user, Kept.BOUNCED_CONFIRMED));
    }
    participants.record(changes, known);
    return details(known);
  }

  /**
   * An organisation's own contact-details answer (information request campaign IR-&lt;n&gt;): the
   * address it gave becomes its contact, confirmed by whoever answered, in the answer's
   * transaction. The next email of the programme goes to it.
   */
  @Transactional
  public void contactDetailsAnswered(
      String code, String contactEmail, String campaignId, String answeredBy) {
    if (!participants.lock(code)) {
      throw new NotFoundException("Participant", code);
    }
    List<String> given = emails(List.of(contactEmail), "contactEmail");
    participants.record(
        replaceContacts(code, given, campaignId, answeredBy, Kept.ALL_CONFIRMED), code);
  }

  /**
   * Makes the addresses the organisation's contacts; the history of it: the list when it changed,
   * and each bounced address confirmed again.
   */
  private List<ParticipantChange> replaceContacts(
      String code, List<String> emails, String source, String user, Kept kept) {
    List<Contact> before = participants.contactsOf(code);
    List<String> old = addresses(before);
    participants.replaceContacts(code, emails, source, user, clock.instant(), kept);
    List<ParticipantChange> changes = new ArrayList<>();
    if (!old.equals(sorted(emails))) {
      changes.add(change("contacts", old, sorted(emails), source, user));
    }
    if (kept != Kept.AS_IT_WAS) {
      before.stream()
          .filter(c -> c.state() == Contact.State.BOUNCED && emails.contains(c.email()))
          .forEach(
              c ->
                  changes.add(
                      new ParticipantChange(
                          "contactState",
                          c.email() + " bounced",
                          c.email() + " confirmed",
                          source,
                          user,
                          clock.instant())));
    }
    return changes;
  }

  /**
   * Re-import of known organisations, in the caller's (the import's) transaction: each is updated
   * to its row, with history, or left alone when the row says what the registry says. An optional
   * column (region, takesPart) missing from the file leaves that field as it is. Addresses kept
   * keep their state: a bounced one stays set aside, as a file is no confirmation that it works
   * again.
   */
  @Transactional
  ImportResult updateAll(List<NewParticipant> rows, Set<String> columns, String user) {
    Map<String, List<Contact>> contacts = participants.allContacts();
    Map<String, Participant> known = new HashMap<>();
    participants.findAll().forEach(participant -> known.put(participant.code(), participant));
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (NewParticipant row : rows) {
      Participant given = validate(row);
      Participant before = known.get(given.code());
      if (before == null) {
        throw new NotFoundException("Participant", given.code());
      }
      // an optional column the file leaves out keeps what the registry says
      Participant after =
          new Participant(
              given.code(),
              given.name(),
              given.category(),
              columns.contains("region") ? given.region() : before.region(),
              given.contactEmails(),
              columns.contains("takesPart") ? given.takesPart() : before.takesPart());
      List<ParticipantChange> changes = new ArrayList<>(fieldChanges(before, after, IMPORT, user));
      List<String> old = addresses(contacts.getOrDefault(after.code(), List.of()));
      if (!old.equals(sorted(after.contactEmails()))) {
        changes.addAll(
            replaceContacts(after.code(), after.contactEmails(), IMPORT, user, Kept.AS_IT_WAS));
      }
      if (changes.isEmpty()) {
        unchanged.add(after.code());
      } else {
        participants.update(after);
        participants.record(changes, after.code());
        updated.add(after.code());
      }
    }
    return new ImportResult(List.of(), updated, unchanged);
  }

  /** A bounce (BouncedAddresses): the address is set aside wherever it is a contact. */
  @Transactional
  void bounced(String email, String reason) {
    String address = email.strip().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    for (String code : participants.markBounced(address, reason, now)) {
      participants.record(
          List.of(
              new ParticipantChange(
                  "contactState",
                  address + " confirmed",
                  address + " bounced: " + reason,
                  BOUNCE,
                  null,
                  now)),
          code);
    }
  }

  /**
   * One organisation's confirmed contact addresses (none bounced), or none if it does not take
   * part: where email to that organisation alone goes.
   */
  public List<String> contactEmailsOf(String code) {
    return participants.contactEmailsOf(code);
  }

  private List<ParticipantChange> fieldChanges(
      Participant before, Participant after, String source, String user) {
    Instant now = clock.instant();
    List<ParticipantChange> changes = new ArrayList<>();
    compare(changes, "name", before.name(), after.name(), source, user, now);
    compare(
        changes, "category", before.category().name(), after.category().name(), source, user, now);
    compare(changes, "region", before.region(), after.region(), source, user, now);
    compare(
        changes,
        "takesPart",
        String.valueOf(before.takesPart()),
        String.valueOf(after.takesPart()),
        source,
        user,
        now);
    return changes;
  }

  private static void compare(
      List<ParticipantChange> changes,
      String field,
      String from,
      String to,
      String source,
      String user,
      Instant now) {
    if (!Objects.equals(from, to)) {
      changes.add(new ParticipantChange(field, from, to, source, user, now));
    }
  }

  private ParticipantChange change(
      String field, List<String> from, List<String> to, String source, String user) {
    return new ParticipantChange(
        field, String.join("; ", from), String.join("; ", to), source, user, clock.instant());
  }

  private static List<String> addresses(List<Contact> contacts) {
    return contacts.stream().map(Contact::email).sorted().toList();
  }

  private static List<String> sorted(List<String> emails) {
    return emails.stream().sorted().toList();
  }

  private static String string(JsonNode patch, String field) {
    JsonNode value = patch.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidInputException(field, "may not be removed; give a value");
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(field, "must be text");
    }
    return value.textValue();
  }

  /** Who registers: the caller, if there is one (not at the demo's start). */
  private static String registeringUser() {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    return caller == null ? null : caller.getName();
  }

  static Participant validate(NewParticipant request) {
    String code = text(request.code(), "code", 20).toUpperCase(Locale.ROOT);
    if (!CODE.matcher(code).matches()) {
      throw new InvalidInputException(
          "code", "'" + request.code() + "' may hold only letters and digits");
    }
    String name = text(request.name(), "name", 200);
    Category category = category(request.category());
    String region =
        request.region() == null || request.region().isBlank()
            ? null
            : text(request.region(), "region", 100);
    List<String> emails =
        emails(
            request.contactEmails() == null ? List.of() : request.contactEmails(), "contactEmails");
    return new Participant(
        code, name, category, region, emails, request.takesPart() == null || request.takesPart());
  }

  /** The addresses checked, lower case, each once; field[i] names the first one refused. */
  private static List<String> emails(List<String> given, String field) {
    if (given.isEmpty()) {
      throw new InvalidInputException(
          field, "needs at least one address to send the programme's email to");
    }
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String email = given.get(i) == null ? "" : given.get(i).strip();
      if (!EmailAddress.isValid(email) || TextInput.characterProblem(email, false).isPresent()) {
        String name = given.size() == 1 && !field.endsWith("s") ? field : field + "[" + i + "]";
        throw new InvalidInputException(name, "'" + given.get(i) + "' is not an email address");
      }
      emails.add(email.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(new LinkedHashSet<>(emails));
  }

  private static Category category(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(
          "category", "is required: one of " + List.of(Category.values()));
    }
    try {
      return Category.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "category", "'" + value + "' is not one of " + List.of(Category.values()));
    }
  }

  /** TextInput's rule: bounded by the column, one line, no NUL or control characters. */
  private static String text(String value, String field, int maxLength) {
    return TextInput.line(value, field, maxLength);
  }

  private static ConflictException duplicate(String code) {
    return new ConflictException(
        "Duplicate participant",
        "code: participant '" + code + "' is already registered",
        Map.of("field", "code"));
  }

  /** What a re-import did: the codes created, updated and left as they were. */
  public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {}

  /** POST /api/participants. */
  public record NewParticipant(
      String code,
      String name,
      String category,
      String region,
      List<String> contactEmails,
      Boolean takesPart) {}
}
