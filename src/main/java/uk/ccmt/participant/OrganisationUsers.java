package uk.ccmt.participant;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.EmailAddress;
import uk.ccmt.system.Groups;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.TextInput;

/**
 * An organisation's own Camunda users: members of participant-&lt;CODE&gt; and of participants.
 * Administrators manage them here or in Camunda Admin.
 */
@Service
public class OrganisationUsers {

  /** Camunda's user-id rule as this application widens it (generalResourceWhitelistPattern). */
  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");

  private static final int MIN_PASSWORD = 10;

  /** Long enough for any passphrase; a megabyte of password only costs the hashing. */
  static final int MAX_PASSWORD = 128;

  private final IdentityService identity;
  private final ParticipantService participants;

  OrganisationUsers(IdentityService identity, ParticipantService participants) {
    this.identity = identity;
    this.participants = participants;
  }

  @Transactional
  public OrganisationUser add(String code, NewOrganisationUser request) {
    Participant participant = participants.get(code.strip().toUpperCase(Locale.ROOT));
    String id = required(request.id(), "id");
    if (!USER_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "id", "'" + id + "' may hold only letters, digits and hyphens (at most 64)");
    }
    String email = required(request.email(), "email").toLowerCase(Locale.ROOT);
    if (!EmailAddress.isValid(email)) {
      throw new InvalidInputException("email", "'" + request.email() + "' is not an email address");
    }
    String password = request.password() == null ? "" : request.password();
    if (password.length() < MIN_PASSWORD) {
      throw new InvalidInputException(
          "password", "must be at least " + MIN_PASSWORD + " characters");
    }
    if (password.length() > MAX_PASSWORD) {
      throw new InvalidInputException(
          "password", "must be at most " + MAX_PASSWORD + " characters");
    }
    if (identity.createUserQuery().userId(id).count() > 0) {
      throw new ConflictException(
          "Duplicate user", "id: user '" + id + "' exists already", Map.of("field", "id"));
    }
    return create(
        participant.code(),
        id,
        required(request.firstName(), "firstName"),
        required(request.lastName(), "lastName"),
        email,
        password);
  }

  /**
   * Creates the user in the organisation's group and in participants; the caller has checked the
   * values.
   */
  OrganisationUser create(
      String code, String id, String firstName, String lastName, String email, String password) {
    User user = identity.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(id, Groups.ofParticipant(code));
    identity.createMembership(id, Groups.PARTICIPANTS);
    return view(user, code);
  }

  public List<OrganisationUser> list(String code) {
    Participant participant = participants.get(code.strip().toUpperCase(Locale.ROOT));
    return identity
        .createUserQuery()
        .memberOfGroup(Groups.ofParticipant(participant.code()))
        .orderByUserId()
        .asc()
        .list()
        .stream()
        .map(user -> view(user, participant.code()))
        .toList();
  }

  private static OrganisationUser view(User user, String code) {
    return new OrganisationUser(
        user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(), code);
  }

  /**
   * Camunda's user columns hold 255 characters; TextInput's rule keeps out NUL and control
   * characters.
   */
  private static String required(String value, String field) {
    return TextInput.line(value, field, 255);
  }

  /** POST /api/participants/{code}/users. */
  public record NewOrganisationUser(
      String id, String firstName, String lastName, String email, String password) {}

  /** A user of an organisation, without anything secret. */
  public record OrganisationUser(
      String id, String firstName, String lastName, String email, String participant) {}
}
