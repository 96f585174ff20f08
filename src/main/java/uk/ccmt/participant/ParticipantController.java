package uk.ccmt.participant;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.participant.OrganisationUsers.NewOrganisationUser;
import uk.ccmt.participant.OrganisationUsers.OrganisationUser;
import uk.ccmt.participant.ParticipantImport.ImportRejectedException;
import uk.ccmt.participant.ParticipantImport.ImportTooLargeException;
import uk.ccmt.participant.ParticipantService.NewParticipant;

@RestController
@RequestMapping("/api/participants")
class ParticipantController {

  private final ParticipantService participants;
  private final ParticipantImport csvImport;
  private final OrganisationUsers users;

  ParticipantController(
      ParticipantService participants, ParticipantImport csvImport, OrganisationUsers users) {
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
  @ResponseStatus(HttpStatus.CREATED)
  List<Participant> importCsv(InputStream body) throws IOException {
    return csvImport.load(csvImport.read(body));
  }

  @GetMapping
  List<Participant> list() {
    return participants.list();
  }

  @GetMapping("/{code}")
  Participant get(@PathVariable String code) {
    return participants.get(code);
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
