package uk.ccmt.participant;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An organisation's participation figures (GET /api/participants/{code}/kpis and the staff page
 * /staff/participants): section {@code informationRequests} from the information_request table,
 * then every section a {@link ParticipationFigures} bean offers (queries, reviews,
 * acknowledgements), in section order.
 *
 * <p>An information request counts once it was sent (opened): answered on time means answered by
 * its due time, late after it; open is sent and not answered. The median response time is from
 * sending to answer, in hours to one decimal, null while nothing is answered.
 */
@Service
class ParticipantKpis {

  static final String INFORMATION_REQUESTS = "informationRequests";

  private final JdbcClient jdbc;
  private final List<ParticipationFigures> sections;

  ParticipantKpis(JdbcClient jdbc, List<ParticipationFigures> sections) {
    this.jdbc = jdbc;
    this.sections =
        sections.stream().sorted(Comparator.comparing(ParticipationFigures::section)).toList();
  }

  /** The organisation's figures: its code and name, then one section after another. */
  Map<String, Object> of(Participant participant) {
    return figures(participant, informationRequests(participant.code()));
  }

  /** Every organisation's figures, in code order, for the staff page. */
  List<Map<String, Object>> all(List<Participant> participants) {
    Map<String, List<Answer>> byCode = new HashMap<>();
    jdbc.sql(
            """
            select participant_code, due_at, opened_at, answered_at from information_request
            where opened_at is not null""")
        .query(
            rs -> {
              byCode
                  .computeIfAbsent(rs.getString("participant_code"), code -> new ArrayList<>())
                  .add(answer(rs));
            });
    return participants.stream()
        .map(p -> figures(p, summary(byCode.getOrDefault(p.code(), List.of()))))
        .toList();
  }

  private Map<String, Object> figures(Participant participant, Map<String, Object> requests) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("code", participant.code());
    figures.put("name", participant.name());
    figures.put(INFORMATION_REQUESTS, requests);
    for (ParticipationFigures section : sections) {
      figures.put(section.section(), section.of(participant.code()));
    }
    return figures;
  }

  private Map<String, Object> informationRequests(String code) {
    return summary(
        jdbc.sql(
                """
                select due_at, opened_at, answered_at from information_request
                where participant_code = ? and opened_at is not null""")
            .param(code)
            .query((rs, row) -> answer(rs))
            .list());
  }

  private static Answer answer(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Answer(
        rs.getObject("due_at", OffsetDateTime.class),
        rs.getObject("opened_at", OffsetDateTime.class),
        rs.getObject("answered_at", OffsetDateTime.class));
  }

  static Map<String, Object> summary(List<Answer> requests) {
    int onTime = 0;
    int late = 0;
    int open = 0;
    List<Long> minutes = new ArrayList<>();
    for (Answer request : requests) {
      if (request.answeredAt() == null) {
        open++;
        continue;
      }
      if (request.answeredAt().isAfter(request.dueAt())) {
        late++;
      } else {
        onTime++;
      }
      minutes.add(Duration.between(request.openedAt(), request.answeredAt()).toMinutes());
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("asked", requests.size());
    figures.put("answeredOnTime", onTime);
    figures.put("answeredLate", late);
    figures.put("open", open);
    figures.put("medianResponseHours", medianHours(minutes));
    return figures;
  }

  private static Double medianHours(List<Long> minutes) {
    if (minutes.isEmpty()) {
      return null;
    }
    List<Long> sorted = minutes.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    return Math.round(median / 60.0 * 10) / 10.0;
  }

  record Answer(OffsetDateTime dueAt, OffsetDateTime openedAt, OffsetDateTime answeredAt) {}
}
