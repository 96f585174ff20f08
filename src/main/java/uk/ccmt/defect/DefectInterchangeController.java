package uk.ccmt.defect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.ccmt.defect.DefectController.DefectWithHistory;
import uk.ccmt.defect.DefectInterchange.Counts;
import uk.ccmt.defect.DefectInterchange.ImportRejected;

/** Editing register items, and the register as CSV for RQM (see DefectInterchange). */
@RestController
class DefectInterchangeController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final DefectEdits edits;
  private final DefectInterchange interchange;
  private final DefectQueries queries;

  DefectInterchangeController(
      DefectEdits edits, DefectInterchange interchange, DefectQueries queries) {
    this.edits = edits;
    this.interchange = interchange;
    this.queries = queries;
  }

  /** A JSON merge patch of title, severity, component and stopsTesting. */
  @PatchMapping(
      path = "/api/defects/{id}",
      consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
  DefectWithHistory patch(
      @PathVariable String id, @RequestBody JsonNode body, Authentication caller) {
    Defect defect = edits.patch(id, body, caller.getName());
    return new DefectWithHistory(defect, queries.history(defect.id()));
  }

  @PostMapping(
      path = "/api/defects/import",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  Counts importCsv(InputStream body, Authentication caller) throws IOException {
    return interchange.load(DefectInterchange.read(body), caller.getName());
  }

  /** The same filters and visibility as GET /api/defects. */
  @GetMapping("/api/defects.csv")
  ResponseEntity<String> export(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String component,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String release,
      Authentication caller) {
    List<Defect> register =
        queries.list(
            new DefectQueries.Criteria(status, severity, kind, component, assignee, release),
            caller);
    return ResponseEntity.ok()
        .contentType(TEXT_CSV)
        .header("Content-Disposition", "attachment; filename=\"defects.csv\"")
        .body(DefectInterchange.write(register));
  }

  @ExceptionHandler(ImportRejected.class)
  ProblemDetail importRejected(ImportRejected e) {
    boolean tooLarge = e.line() == 0 && e.field().equals("body");
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
            "Nothing was imported. " + e.getMessage());
    problem.setTitle(tooLarge ? "Import too large" : "Invalid input");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    problem.setProperty("field", e.field());
    if (e.line() > 0) {
      problem.setProperty("line", e.line());
    }
    return problem;
  }
}
