package uk.ccmt.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The decision record: written in the caller's transaction, so a decision that is refused or rolled
 * back leaves no row, and one that is taken always has one.
 */
@Service
public class DecisionRecord {

  private static final TypeReference<LinkedHashMap<String, Object>> VALUES =
      new TypeReference<>() {};

  private static final int TASK_LENGTH = 100;
  private static final int NAME_LENGTH = 255;
  private static final int COMMENT_LENGTH = 4000;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  DecisionRecord(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Records a decision taken now by {@code user}. */
  public void record(
      String subjectId,
      String task,
      String taskName,
      String decision,
      Map<String, Object> values,
      String user,
      String comment) {
    jdbc.sql(
            """
            insert into decision (subject_id, task, task_name, decision, decision_values,
                                  decided_by, decided_at, comment)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            subjectId,
            fit(task, TASK_LENGTH),
            fit(taskName, NAME_LENGTH),
            fit(decision, NAME_LENGTH),
            write(values),
            user,
            clock.instant().atOffset(ZoneOffset.UTC),
            comment == null || comment.isBlank() ? null : fit(comment.strip(), COMMENT_LENGTH))
        .update();
  }

  /** Every decision on a release or request, oldest first. */
  public List<Decision> about(String subjectId) {
    return jdbc.sql(
            """
            select subject_id, task, task_name, decision, decision_values, decided_by, decided_at, comment
            from decision where subject_id = ? order by decided_at, id""")
        .param(subjectId)
        .query(
            (rs, row) ->
                new Decision(
                    rs.getString("subject_id"),
                    rs.getString("task"),
                    rs.getString("task_name"),
                    rs.getString("decision"),
                    read(rs.getString("decision_values")),
                    rs.getString("decided_by"),
                    rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
                    rs.getString("comment")))
        .list();
  }

  /**
   * A text kept to its column: a decision's words name what was chosen, and a long choice (a
   * thousand defects left out) is cut with an ellipsis rather than refused; its values keep the
   * rest.
   */
  static String fit(String text, int length) {
    if (text == null || text.length() <= length) {
      return text;
    }
    int end = length - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private String write(Map<String, Object> values) {
    try {
      return json.writeValueAsString(values == null ? Map.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Decision values cannot be written as JSON", e);
    }
  }

  private Map<String, Object> read(String values) {
    try {
      return json.readValue(values, VALUES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A recorded decision's values are not JSON", e);
    }
  }
}
