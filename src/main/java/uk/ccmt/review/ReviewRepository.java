package uk.ccmt.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Document reviews, the organisations asked, their comments and the document (V19). */
@Repository
class ReviewRepository {

  private static final RowMapper<Review> REVIEW =
      (rs, row) ->
          new Review(
              rs.getLong("id"),
              rs.getString("title"),
              rs.getString("version"),
              rs.getString("document_url"),
              instant(rs, "due_at"),
              rs.getInt("organisations"),
              Review.State.valueOf(rs.getString("state")),
              rs.getString("started_by"),
              instant(rs, "created_at"),
              instant(rs, "closed_at"),
              instant(rs, "published_at"));

  private static final RowMapper<Review.Request> REQUEST =
      (rs, row) ->
          new Review.Request(
              rs.getString("participant_code"),
              rs.getString("name"),
              rs.getString("process_instance_id"),
              instant(rs, "opened_at"),
              instant(rs, "reminded_at"),
              rs.getString("answer"),
              rs.getString("answered_by"),
              instant(rs, "answered_at"));

  private static final RowMapper<Review.Comment> COMMENT =
      (rs, row) ->
          new Review.Comment(
              rs.getInt("comment_no"),
              rs.getString("participant_code"),
              rs.getString("name"),
              rs.getString("reference"),
              rs.getString("text"),
              rs.getString("response"),
              rs.getString("response_reason"),
              rs.getString("responded_by"),
              instant(rs, "responded_at"));

  private static final String REQUESTS =
      "select r.*, p.name from review_request r join participant p on p.code = r.participant_code ";

  private static final String COMMENTS =
      "select c.*, p.name from review_comment c join participant p on p.code = c.participant_code ";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  ReviewRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** The review, its document if any and one open request per organisation; its number. */
  long insert(
      String title,
      String version,
      String documentUrl,
      Instant dueAt,
      List<String> organisations,
      String startedBy,
      Instant createdAt,
      Review.Document document) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into document_review
              (title, version, document_url, due_at, organisations, state, started_by, created_at)
            values (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
        .params(
            title,
            version,
            documentUrl,
            utc(dueAt),
            organisations.size(),
            startedBy,
            utc(createdAt))
        .update(key, "id");
    long number = key.getKey().longValue();
    if (document != null) {
      jdbc.sql(
              """
              insert into review_document (review_id, file_name, content_type, size_bytes, content)
              values (?, ?, ?, ?, ?)""")
          .params(
              number,
              document.fileName(),
              document.contentType(),
              document.size(),
              document.content())
          .update();
    }
    batch.batchUpdate(
        "insert into review_request (review_id, participant_code) values (?, ?)",
        organisations.stream().map(code -> new Object[] {number, code}).toList());
    return number;
  }

  Optional<Review> review(long number) {
    return jdbc.sql("select * from document_review where id = ?")
        .param(number)
        .query(REVIEW)
        .optional();
  }

  /** Every review, newest first; or only those that asked one of the organisations. */
  List<Review> reviews(List<String> organisations) {
    if (organisations == null) {
      return jdbc.sql("select * from document_review order by id desc").query(REVIEW).list();
    }
    if (organisations.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select * from document_review d where exists (
              select 1 from review_request r
              where r.review_id = d.id and r.participant_code in (:codes))
            order by id desc""")
        .param("codes", organisations)
        .query(REVIEW)
        .list();
  }

  /** The reviews still open for comments whose deadline falls in [from, to). */
  List<Review> openDueBetween(Instant from, Instant to) {
    return jdbc.sql(
            """
            select * from document_review
            where state = 'OPEN' and due_at >= ? and due_at < ? order by due_at, id""")
        .params(utc(from), utc(to))
        .query(REVIEW)
        .list();
  }

  Optional<Review.Document> document(long number) {
    return jdbc.sql("select * from review_document where review_id = ?")
        .param(number)
        .query(
            (rs, row) ->
                new Review.Document(
                    rs.getString("file_name"),
                    rs.getString("content_type"),
                    rs.getLong("size_bytes"),
                    rs.getBytes("content")))
        .optional();
  }

  /**
   * Locks the review's row until the transaction ends, so that answers are numbered and counted one
   * at a time.
   */
  void lock(long number) {
    jdbc.sql("select id from document_review where id = ? for update")
        .param(number)
        .query(Long.class)
        .single();
  }

  boolean isAsked(long number, Collection<String> organisations) {
    if (organisations.isEmpty()) {
      return false;
    }
    return jdbc.sql(
                "select count(*) from review_request where review_id = :id and participant_code in (:codes)")
            .param("id", number)
            .param("codes", organisations)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** The review's organisations in code order, from the offset on, at most limit of them. */
  List<String> organisations(long number, int offset, int limit) {
    return jdbc.sql(
            """
            select participant_code from review_request where review_id = ?
            order by participant_code offset %d rows fetch next %d rows only"""
                .formatted(offset, limit))
        .param(number)
        .query(String.class)
        .list();
  }

  boolean unopened(long number, String code) {
    return jdbc.sql(
                """
                select count(*) from review_request
                where review_id = ? and participant_code = ?
                  and process_instance_id is null and answer is null""")
            .params(number, code)
            .query(Integer.class)
            .single()
        > 0;
  }

  void markOpened(long number, String code, String processInstanceId, Instant openedAt) {
    jdbc.sql(
            """
            update review_request set process_instance_id = ?, opened_at = ?
            where review_id = ? and participant_code = ?""")
        .params(processInstanceId, utc(openedAt), number, code)
        .update();
  }

  Optional<Review.Request> request(long number, String code) {
    return jdbc.sql(REQUESTS + "where r.review_id = ? and r.participant_code = ?")
        .params(number, code)
        .query(REQUEST)
        .optional();
  }

  /** The review and organisation an instance of documentReviewRequest asks, by its id. */
  Optional<String[]> ofInstance(String processInstanceId) {
    return jdbc.sql(
            "select review_id, participant_code from review_request where process_instance_id = ?")
        .param(processInstanceId)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional();
  }

  List<Review.Request> requests(long number) {
    return jdbc.sql(REQUESTS + "where r.review_id = ? order by r.participant_code")
        .param(number)
        .query(REQUEST)
        .list();
  }

  /** Records the answer unless the request is answered or closed already; true if it did. */
  boolean answer(long number, String code, String answer, String answeredBy, Instant answeredAt) {
    return jdbc.sql(
                """
                update review_request set answer = ?, answered_by = ?, answered_at = ?
                where review_id = ? and participant_code = ? and answer is null""")
            .params(answer, answeredBy, utc(answeredAt), number, code)
            .update()
        == 1;
  }

  void insertComments(long number, String code, List<ReviewLines.Comment> comments) {
    int next =
        jdbc.sql("select coalesce(max(comment_no), 0) + 1 from review_comment where review_id = ?")
            .param(number)
            .query(Integer.class)
            .single();
    List<Object[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < comments.size(); i++) {
      rows.add(
          new Object[] {
            number, next + i, code, comments.get(i).reference(), comments.get(i).text()
          });
    }
    batch.batchUpdate(
        """
        insert into review_comment (review_id, comment_no, participant_code, reference, text)
        values (?, ?, ?, ?, ?)""",
        rows);
  }

  boolean anyOpen(long number) {
    return jdbc.sql("select count(*) from review_request where review_id = ? and answer is null")
            .param(number)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** The processes still asking, and marks every request without an answer NO_ANSWER. */
  List<String> closeOpen(long number, Instant closedAt) {
    List<String> open =
        jdbc.sql(
                """
                select process_instance_id from review_request
                where review_id = ? and answer is null and process_instance_id is not null""")
            .param(number)
            .query(String.class)
            .list();
    jdbc.sql(
            """
            update review_request set answer = 'NO_ANSWER', answered_at = ?
            where review_id = ? and answer is null""")
        .params(utc(closedAt), number)
        .update();
    jdbc.sql(
            """
            update document_review set state = 'CONSOLIDATING', closed_at = ?
            where id = ? and state = 'OPEN'""")
        .params(utc(closedAt), number)
        .update();
    return open;
  }

  void markReminded(long number, String code, Instant at) {
    jdbc.sql(
            "update review_request set reminded_at = ? where review_id = ? and participant_code = ?")
        .params(utc(at), number, code)
        .update();
  }

  List<Review.Comment> comments(long number) {
    return jdbc.sql(COMMENTS + "where c.review_id = ? order by c.comment_no")
        .param(number)
        .query(COMMENT)
        .list();
  }

  void respond(long number, int comment, String response, String reason, String user, Instant at) {
    jdbc.sql(
            """
            update review_comment
            set response = ?, response_reason = ?, responded_by = ?, responded_at = ?
            where review_id = ? and comment_no = ?""")
        .params(response, reason, user, utc(at), number, comment)
        .update();
  }

  void markPublished(long number, Instant at) {
    jdbc.sql(
            "update document_review set state = 'PUBLISHED', published_at = ? where id = ? and state <> 'PUBLISHED'")
        .params(utc(at), number)
        .update();
  }

  /** An organisation's figures over every review that asked it. */
  java.util.Map<String, Object> figures(String code) {
    return jdbc.sql(
            """
            select count(*) as asked,
              coalesce(sum(case when r.answer in ('NO_COMMENTS', 'COMMENTS') then 1 else 0 end), 0)
                as answered,
              coalesce(sum(case when r.answer in ('NO_COMMENTS', 'COMMENTS')
                and r.answered_at <= d.due_at then 1 else 0 end), 0) as on_time,
              coalesce(sum(case when r.answer = 'NO_COMMENTS' then 1 else 0 end), 0)
                as no_comments
            from review_request r join document_review d on d.id = r.review_id
            where r.participant_code = ?""")
        .param(code)
        .query(
            (rs, row) -> {
              java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
              figures.put("asked", rs.getLong("asked"));
              figures.put("answered", rs.getLong("answered"));
              figures.put("answeredOnTime", rs.getLong("on_time"));
              figures.put("noComments", rs.getLong("no_comments"));
              return figures;
            })
        .single();
  }

  long commentsOf(String code) {
    return jdbc.sql("select count(*) from review_comment where participant_code = ?")
        .param(code)
        .query(Long.class)
        .single();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime moment = rs.getObject(column, OffsetDateTime.class);
    return moment == null ? null : moment.toInstant();
  }
}
