package uk.ccmt.participant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.participant.OrganisationUsers.NewOrganisationUser;
import uk.ccmt.participant.OrganisationUsers.OrganisationUser;
import uk.ccmt.participant.ParticipantImport.ImportRejectedException;
import uk.ccmt.participant.ParticipantImport.ImportTooLargeException;
import uk.ccmt.participant.ParticipantService.ImportResult;
import uk.ccmt.participant.ParticipantService.NewParticipant;
import uk.ccmt.system.Groups;
import uk.ccmt.system.NotFoundException;

@RestController
@RequestMapping("/api/participants")
class ParticipantController {

  private final ParticipantService participants;
  private final ParticipantImport csvImport;
  private final OrganisationUsers users;
  private final ParticipantKpis kpis;

  ParticipantController(
      ParticipantService participants,
      ParticipantImport csvImport,
      OrganisationUsers users,
      ParticipantKpis kpis) {
    this.kpis = kpis;
    this.participants = participants;
    this.csvImport = csvImport;
    this.users = users;
  }

  @PostMapping
  ResponseEntity<Participant> register(@RequestBody NewParticipant request) {
    Participant participant = participants.register(request);
    return ResponseEntity.created(URI.create("/api/participants/" + participant.code()))
        .body(participant);
  }

  /**
   * A programme's participant list as CSV (see ParticipantImport); all rows or none. The body is
   * read only up to the configured size, so an oversize file is refused without holding it.
   */
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "text/plain"})
  ResponseEntity<ImportResult> importCsv(InputStream body, Authentication caller)
      throws IOException {
    ImportResult result = csvImport.load(csvImport.read(body), caller.getName());
    return ResponseEntity.status(result.created().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(result);
  }

  /**
   * A merge patch (RFC 7396) of name, category, region, contacts (the full list) and takesPart, by
   * a release manager; every change is kept in the participant's history.
   */
  @PatchMapping(
      path = "/{code}",
      consumes = {"application/merge-patch+json", "application/json"})
  ParticipantDetails patch(
      @PathVariable String code, @RequestBody JsonNode patch, Authentication caller) {
    return participants.update(code, patch, caller.getName());
  }

  /** The addresses the mail server refused for good, set aside until confirmed again. */
  @GetMapping("/bounces")
  List<BouncedContact> bounces() {
    return participants.bounced();
  }

  /**
   * The organisation's participation figures: the release managers read every organisation's, an
   * organisation's user only its own (another's is not found, as with information requests).
   */
  @GetMapping("/{code}/kpis")
  Map<String, Object> kpis(@PathVariable String code, Authentication caller) {
    String known = code.strip().toUpperCase(Locale.ROOT);
    List<String> groups = Groups.of(caller);
    boolean staff =
        groups.contains(Groups.RELEASE_MANAGERS) || groups.contains(Groups.ADMINISTRATORS);
    if (!staff) {
      List<String> own = Groups.organisationsIn(groups);
      if (own.isEmpty()) {
        throw new AccessDeniedException(
            "Only release managers and the organisation's own users read its figures");
      }
      if (!own.contains(known)) {
        throw new NotFoundException("Participant", code);
      }
    }
    return kpis.of(participants.get(known));
  }

  @GetMapping
  List<Participant> list() {
    return participants.list();
  }

  @GetMapping("/{code}")
  ParticipantDetails get(@PathVariable String code) {
    return participants.details(code);
  }

  @PostMapping("/{code}/users")
  ResponseEntity<OrganisationUser> addUser(
      @PathVariable String code, @RequestBody NewOrganisationUser request) {
    OrganisationUser user = users.add(code, request);
    return ResponseEntity.created(URI.create("/api/participants/" + user.participant() + "/users"))
        .body(user);
  }

  @GetMapping("/{code}/users")
  List<OrganisationUser> users(@PathVariable String code) {
    return users.list(code);
  }

  @ExceptionHandler(ImportTooLargeException.class)
  ProblemDetail importTooLarge(ImportTooLargeException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    problem.setTitle("Import too large");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    problem.setProperty("field", e.field());
    problem.setProperty("limit", e.limit());
    return problem;
  }

  @ExceptionHandler(ImportRejectedException.class)
  ProblemDetail importRejected(ImportRejectedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid input");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    ParticipantImport.RowProblem first = e.problems().get(0);
    problem.setProperty("field", first.field());
    problem.setProperty("line", first.line());
    problem.setProperty("problems", e.problems());
    return problem;
  }
}
