package uk.ccmt.review;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import uk.ccmt.review.DocumentReviews.NewReview;
import uk.ccmt.review.ReviewReading.Viewer;
import uk.ccmt.system.Groups;
import uk.ccmt.system.InvalidInputException;

/**
 * /api/reviews: release managers start reviews (SecurityConfig) and may give the responses; the
 * programme's staff read every review, an organisation's user only those its organisation was asked
 * (any other is a 404 for it).
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

  private final DocumentReviews reviews;
  private final ReviewReading reading;
  private final UploadedDocuments uploads;
  private final ReviewResponses responses;

  ReviewController(
      DocumentReviews reviews,
      ReviewReading reading,
      UploadedDocuments uploads,
      ReviewResponses responses) {
    this.reviews = reviews;
    this.reading = reading;
    this.uploads = uploads;
    this.responses = responses;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> start(@RequestBody NewReview request, Authentication user) {
    return created(reviews.start(request, null, user.getName()));
  }

  /** The same fields as form fields, with the document as the file part {@code document}. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, String>> upload(
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String documentUrl,
      @RequestParam(required = false) String dueDate,
      @RequestParam(required = false) List<String> participants,
      @RequestPart(name = "document", required = false) MultipartFile document,
      Authentication user)
      throws IOException {
    Review.Document checked = document == null ? null : uploads.check(document);
    return created(
        reviews.start(
            new NewReview(title, version, documentUrl, dueDate, codes(participants)),
            checked,
            user.getName()));
  }

  @GetMapping
  List<ReviewReading.Summary> list(Authentication user) {
    return reading.list(viewer(user));
  }

  @GetMapping("/{id}")
  ReviewReading.Status status(@PathVariable String id, Authentication user) {
    return reading.status(id, viewer(user));
  }

  @GetMapping("/{id}/comments")
  List<ReviewReading.LogEntry> comments(@PathVariable String id, Authentication user) {
    return reading.comments(id, viewer(user));
  }

  /**
   * Always a download, never shown inline: the stored type of an allowed kind, nosniff, and the
   * strict policy of SecurityHeaders (default-src none), so nothing uploaded runs in our origin.
   */
  @GetMapping("/{id}/document")
  ResponseEntity<byte[]> document(@PathVariable String id, Authentication user) {
    Review.Document document = reading.document(id, viewer(user));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.contentType()))
        .contentLength(document.content().length)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(document.fileName()).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(document.content());
  }

  /**
   * The consolidation over the API: completes consolidateReviewComments as the caller, with the
   * responses one a line as in Tasklist, or as a list of {comment, response, reason}.
   */
  @PutMapping("/{id}/responses")
  ResponseEntity<Void> respond(
      @PathVariable String id, @RequestBody ReviewResponses.Given given, Authentication user) {
    responses.give(id, given, user.getName(), Groups.of(user));
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<Map<String, String>> created(String id) {
    return ResponseEntity.created(URI.create("/api/reviews/" + id)).body(Map.of("id", id));
  }

  private static List<String> codes(List<String> given) {
    if (given == null) {
      return null;
    }
    List<String> codes = new ArrayList<>();
    for (String value : given) {
      for (String code : value.split(",")) {
        if (!code.isBlank()) {
          codes.add(code.strip().toUpperCase(Locale.ROOT));
        }
      }
    }
    if (codes.isEmpty()) {
      throw new InvalidInputException(
          "participants", "must name at least one participant, or be left out for all");
    }
    return codes;
  }

  private static Viewer viewer(Authentication user) {
    List<String> groups = Groups.of(user);
    if (groups.stream().anyMatch(Groups.STAFF::contains)) {
      return new Viewer(true, List.of());
    }
    List<String> organisations = Groups.organisationsIn(groups);
    if (organisations.isEmpty()) {
      throw new AccessDeniedException(
          "Only the programme's staff and the organisations asked read document reviews");
    }
    return new Viewer(false, organisations);
  }
}
