package uk.ccmt.review;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A document over the limit is a 413 naming the field and the limit: the product's own check
 * (ccmt.documents.max-size), and the servlet's multipart limit above it, which Spring meets before
 * any controller is chosen, hence an advice for every handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewUploadRefusals {

  private final DocumentProperties properties;

  ReviewUploadRefusals(DocumentProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(UploadedDocuments.DocumentTooLargeException.class)
  ProblemDetail tooLarge(UploadedDocuments.DocumentTooLargeException e) {
    return problem(e.getMessage(), e.limit());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail uploadTooLarge(MaxUploadSizeExceededException e) {
    long limit = properties.maxSize().toBytes();
    return problem(new UploadedDocuments.DocumentTooLargeException(limit).getMessage(), limit);
  }

  private static ProblemDetail problem(String detail, long limit) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail);
    problem.setTitle("Document too large");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    problem.setProperty("field", "document");
    problem.setProperty("reason", detail.substring("document: ".length()));
    problem.setProperty("limit", limit);
    return problem;
  }
}
