package uk.ccmt.system;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the product API is application/problem+json naming the field and the reason.
 * Ordered before Spring Boot's own problem-details handler, which would otherwise answer an
 * unreadable body with a generic "Failed to read request".
 */
@RestControllerAdvice(basePackages = "uk.ccmt")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid input");
    problem.setType(URI.create("urn:ccmt:problem:invalid-input"));
    problem.setProperty("field", e.field());
    problem.setProperty("reason", e.reason());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle(e.title());
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  /**
   * A body that is not JSON names the body; JSON whose value has the wrong type (a text where a
   * list belongs, say) names the field, as far as Jackson can tell.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String field =
        e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? fieldOf(mapping.getPath())
            : "body";
    if (e.getCause() instanceof TextJsonModule.UnacceptableText text) {
      return invalidInput(new InvalidInputException(field, text.reason()));
    }
    if (e.getCause() instanceof StreamConstraintsException) {
      return invalidInput(
          new InvalidInputException("body", "is nested too deeply or too large to read"));
    }
    return invalidInput(
        new InvalidInputException(
            field,
            field.equals("body")
                ? "the request body is not valid JSON of the expected shape"
                : "has the wrong type of value for this field"));
  }

  private static String fieldOf(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        field.append('[').append(step.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }
}
