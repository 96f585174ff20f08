package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The KPIs' arithmetic and their contribution point, on a table of information requests of their
 * own: the median of an even number of answers, a request not yet sent, and the sections other
 * areas offer as {@link ParticipationFigures} beans, in section order after informationRequests.
 */
class ParticipantKpisSectionsTest {

  private JdbcClient jdbc;

  @BeforeEach
  void table() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:kpis-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(h2);
    jdbc.sql(
            """
            create table information_request (participant_code varchar(20),
              due_at timestamp with time zone, opened_at timestamp with time zone,
              answered_at timestamp with time zone)""")
        .update();
  }

  @Test
  void shouldGiveTheMedianOfAnEvenNumberOfAnswersAndEverySectionInOrder() {
    String due = "2026-12-11T17:00:00Z";
    request("NLE", due, "2026-12-07T09:00:00Z", "2026-12-07T10:00:00Z"); // 1 h
    request("NLE", due, "2026-12-07T09:00:00Z", "2026-12-07T12:00:00Z"); // 3 h
    request("NLE", due, "2026-12-07T09:00:00Z", "2026-12-11T17:00:00Z"); // 104 h, on the dot
    request("NLE", due, "2026-12-07T09:00:00Z", "2026-12-14T09:00:00Z"); // 168 h, late
    request("NLE", due, "2026-12-07T09:00:00Z", null);
    request("NLE", due, null, null); // not sent yet: not asked
    request("BRG", due, "2026-12-07T09:00:00Z", null);

    ParticipantKpis kpis =
        new ParticipantKpis(jdbc, List.of(section("reviews", 2), section("queries", 1)));
    Participant nle =
        new Participant("NLE", "Northern Lights", Category.CHALLENGER, null, List.of(), true);
    Map<String, Object> figures = kpis.of(nle);

    assertThat(figures.keySet())
        .containsExactly("code", "name", "informationRequests", "queries", "reviews");
    assertThat(figures.get("informationRequests"))
        .isEqualTo(
            ordered(
                "asked", 5,
                "answeredOnTime", 3,
                "answeredLate", 1,
                "open", 1,
                "medianResponseHours", 53.5));
    assertThat(figures.get("reviews")).isEqualTo(Map.of("asked", 2));
    Participant brg = new Participant("BRG", "Bridge", Category.GT, null, List.of(), true);
    assertThat(kpis.all(List.of(brg, nle)))
        .extracting(row -> row.get("informationRequests"))
        .containsExactly(
            ordered(
                "asked", 1,
                "answeredOnTime", 0,
                "answeredLate", 0,
                "open", 1,
                "medianResponseHours", null),
            figures.get("informationRequests"));
  }

  private void request(String code, String due, String opened, String answered) {
    jdbc.sql("insert into information_request values (?, ?, ?, ?)")
        .params(code, at(due), at(opened), at(answered))
        .update();
  }

  private static Object at(String instant) {
    return instant == null ? null : Instant.parse(instant).atOffset(ZoneOffset.UTC);
  }

  private static ParticipationFigures section(String name, int asked) {
    return new ParticipationFigures() {
      @Override
      public String section() {
        return name;
      }

      @Override
      public Map<String, Object> of(String participantCode) {
        return Map.of("asked", asked);
      }
    };
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
