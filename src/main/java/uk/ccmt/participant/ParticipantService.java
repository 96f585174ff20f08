package uk.ccmt.participant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.EmailAddress;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.TextInput;

/** The participant registry: who takes part, in which category, and who receives the email. */
@Service
public class ParticipantService {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,20}");

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
      participants.insert(participant, clock.instant());
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
    List<Participant> checked = requests.stream().map(ParticipantService::validate).toList();
    try {
      participants.insertAll(checked, clock.instant());
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

  public Participant get(String code) {
    return participants.find(code).orElseThrow(() -> new NotFoundException("Participant", code));
  }

  /** Where participant email goes: every contact of every organisation taking part, once each. */
  public List<String> contactEmails() {
    return participants.contactEmailsOfActiveParticipants();
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
    List<String> emails = new ArrayList<>();
    List<String> given = request.contactEmails() == null ? List.of() : request.contactEmails();
    if (given.isEmpty()) {
      throw new InvalidInputException(
          "contactEmails", "needs at least one address to send the programme's email to");
    }
    for (int i = 0; i < given.size(); i++) {
      String email = given.get(i) == null ? "" : given.get(i).strip();
      if (!EmailAddress.isValid(email) || TextInput.characterProblem(email, false).isPresent()) {
        throw new InvalidInputException(
            "contactEmails[" + i + "]", "'" + given.get(i) + "' is not an email address");
      }
      emails.add(email.toLowerCase(Locale.ROOT));
    }
    return new Participant(
        code,
        name,
        category,
        region,
        List.copyOf(new LinkedHashSet<>(emails)),
        request.takesPart() == null || request.takesPart());
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

  /** POST /api/participants. */
  public record NewParticipant(
      String code,
      String name,
      String category,
      String region,
      List<String> contactEmails,
      Boolean takesPart) {}

  /** Where one organisation's email goes (issue 16: a note with its own acknowledgement link). */
  public List<String> contactEmailsOf(String code) {
    return get(code).contactEmails();
  }
}
