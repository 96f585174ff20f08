package uk.ccmt.participant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.release.ReleaseCalendar;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;

/** The participant registry: who takes part, in which category, and who receives the email. */
@Service
public class ParticipantService {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,20}");
  /** Deliberately plain: one @, no spaces, a dot in the domain. The mail server has the last word. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s.,;]+");

  private final ParticipantRepository participants;
  private final ReleaseCalendar calendar;
  private final OrganisationAccess access;

  ParticipantService(ParticipantRepository participants, ReleaseCalendar calendar, OrganisationAccess access) {
    this.participants = participants;
    this.calendar = calendar;
    this.access = access;
  }

  @Transactional
  public Participant register(NewParticipant request) {
    Participant participant = validate(request);
    if (participants.exists(participant.code())) {
      throw duplicate(participant.code());
    }
    try {
      participants.insert(participant, calendar.now());
    } catch (DuplicateKeyException e) {
      throw duplicate(participant.code());
    }
    access.setUp(participant);
    return participant;
  }

  /** Registers every one or none: the caller has checked them all first (see ParticipantImport). */
  @Transactional
  public List<Participant> registerAll(List<NewParticipant> requests) {
    return requests.stream().map(this::register).toList();
  }

  public boolean exists(String code) {
    return participants.exists(code);
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
      throw new InvalidInputException("code", "'" + request.code() + "' may hold only letters and digits");
    }
    String name = text(request.name(), "name", 200);
    Category category = category(request.category());
    String region = request.region() == null || request.region().isBlank() ? null : text(request.region(), "region", 100);
    List<String> emails = new ArrayList<>();
    List<String> given = request.contactEmails() == null ? List.of() : request.contactEmails();
    if (given.isEmpty()) {
      throw new InvalidInputException("contactEmails", "needs at least one address to send the programme's email to");
    }
    for (int i = 0; i < given.size(); i++) {
      String email = given.get(i) == null ? "" : given.get(i).strip();
      if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
        throw new InvalidInputException("contactEmails[" + i + "]", "'" + given.get(i) + "' is not an email address");
      }
      emails.add(email.toLowerCase(Locale.ROOT));
    }
    return new Participant(code, name, category, region, List.copyOf(new LinkedHashSet<>(emails)),
        request.takesPart() == null || request.takesPart());
  }

  private static Category category(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("category", "is required: one of " + List.of(Category.values()));
    }
    try {
      return Category.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("category", "'" + value + "' is not one of " + List.of(Category.values()));
    }
  }

  private static String text(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    if (value.strip().length() > maxLength) {
      throw new InvalidInputException(field, "must be at most " + maxLength + " characters");
    }
    return value.strip();
  }

  private static ConflictException duplicate(String code) {
    return new ConflictException("Duplicate participant", "code: participant '" + code + "' is already registered",
        Map.of("field", "code"));
  }

  /** POST /api/participants. */
  public record NewParticipant(String code, String name, String category, String region, List<String> contactEmails,
      Boolean takesPart) {
  }
}
