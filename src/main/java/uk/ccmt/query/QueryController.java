package uk.ccmt.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/queries: an organisation's user raises a query and reads its organisation's; the programme's
 * staff read them all. Another organisation's query is a 404.
 */
@RestController
@RequestMapping("/api/queries")
class QueryController {

  private final Queries queries;

  QueryController(Queries queries) {
    this.queries = queries;
  }

  /** {subject, text, relatesTo} → 201 {id}: the organisation is the caller's, never the body's. */
  @PostMapping
  ResponseEntity<Map<String, String>> raise(
      @RequestBody(required = false) JsonNode body, Authentication caller) {
    String id = queries.raise(body, caller);
    return ResponseEntity.created(URI.create("/api/queries/" + id)).body(Map.of("id", id));
  }

  @GetMapping
  List<QueryView> list(Authentication caller) {
    return queries.list(caller).stream().map(QueryView::of).toList();
  }

  @GetMapping("/{id}")
  QueryView get(@PathVariable String id, Authentication caller) {
    return QueryView.of(queries.get(id, caller));
  }

  /** A query as the API shows it, with its status. */
  record QueryView(
      String id,
      String participantCode,
      String subject,
      String text,
      String relatesTo,
      String raisedBy,
      java.time.Instant raisedAt,
      java.time.Instant targetAt,
      String status,
      String route,
      String answer,
      String answeredBy,
      java.time.Instant answeredAt,
      boolean published) {

    static QueryView of(Query query) {
      return new QueryView(
          query.id(),
          query.participantCode(),
          query.subject(),
          query.text(),
          query.relatesTo(),
          query.raisedBy(),
          query.raisedAt(),
          query.targetAt(),
          query.status(),
          query.route(),
          query.answer(),
          query.answeredBy(),
          query.answeredAt(),
          query.published());
    }
  }
}
