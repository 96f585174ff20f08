package uk.ccmt.inforequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class InformationRequestRepository {

  private static final RowMapper<InformationCampaign> CAMPAIGN =
      (rs, row) ->
          new InformationCampaign(
              rs.getLong("id"),
              Arrays.stream(rs.getString("request_types").split(","))
                  .map(RequestType::valueOf)
                  .toList(),
              instant(rs, "due_at"),
              rs.getString("started_by"),
              instant(rs, "created_at"));

  private static final RowMapper<InformationRequest> REQUEST =
      (rs, row) ->
          new InformationRequest(
              rs.getLong("id"),
              rs.getLong("campaign_id"),
              rs.getString("participant_code"),
              RequestType.valueOf(rs.getString("request_type")),
              "RECEIVED".equals(rs.getString("state")),
              instant(rs, "due_at"),
              instant(rs, "opened_at"),
              instant(rs, "reminded_at"),
              instant(rs, "escalated_at"),
              instant(rs, "answered_at"),
              rs.getString("answered_by"));

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  InformationRequestRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  long insertCampaign(List<RequestType> types, Instant dueAt, String startedBy, Instant now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into information_campaign (request_types, due_at, started_by, created_at)
            values (?, ?, ?, ?)""")
        .params(
            String.join(",", types.stream().map(Enum::name).toList()),
            utc(dueAt),
            startedBy,
            utc(now))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /** One row per organisation and type, in one round trip per thousand rows. */
  void insertRequests(
      long campaign, List<String> participantCodes, List<RequestType> types, Instant dueAt) {
    List<Object[]> rows =
        participantCodes.stream()
            .flatMap(
                code ->
                    types.stream()
                        .map(type -> new Object[] {campaign, code, type.name(), utc(dueAt)}))
            .toList();
    batch.batchUpdate(
        """
        insert into information_request (campaign_id, participant_code, request_type, state, due_at)
        values (?, ?, ?, 'OUTSTANDING', ?)""",
        rows);
  }

  Optional<InformationCampaign> findCampaign(long campaign) {
    return jdbc.sql("select * from information_campaign where id = ?")
        .param(campaign)
        .query(CAMPAIGN)
        .optional();
  }

  /**
   * Locks the campaign's row until the transaction ends, so that answers to one campaign are looked
   * at one at a time: a later statement sees every answer committed before the lock.
   */
  void lockCampaign(long campaign) {
    jdbc.sql("select id from information_campaign where id = ? for update")
        .param(campaign)
        .query(Long.class)
        .single();
  }

  boolean anyOutstanding(long campaign) {
    return jdbc.sql(
                "select count(*) from information_request where campaign_id = ? and state = 'OUTSTANDING'")
            .param(campaign)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** How many organisations the campaign asks. */
  int organisationCount(long campaign) {
    return jdbc.sql(
            "select count(distinct participant_code) from information_request where campaign_id = ?")
        .param(campaign)
        .query(Integer.class)
        .single();
  }

  /** The campaign's organisations in code order, from the offset on, at most limit of them. */
  List<String> organisations(long campaign, int offset, int limit) {
    return jdbc.sql(
            """
            select participant_code from information_request where campaign_id = ?
            group by participant_code order by participant_code
            offset %d rows fetch next %d rows only"""
                .formatted(offset, limit))
        .param(campaign)
        .query(String.class)
        .list();
  }

  List<InformationRequest> unopened(long campaign, String participantCode) {
    return jdbc.sql(
            """
            select * from information_request where campaign_id = ? and participant_code = ? and opened_at is null
            order by id""")
        .params(campaign, participantCode)
        .query(REQUEST)
        .list();
  }

  void markOpened(long request, String processInstanceId, Instant now) {
    jdbc.sql("update information_request set opened_at = ?, process_instance_id = ? where id = ?")
        .params(utc(now), processInstanceId, request)
        .update();
  }

  Optional<InformationRequest> find(long campaign, String participantCode, RequestType type) {
    return jdbc.sql(
            """
            select * from information_request where campaign_id = ? and participant_code = ? and request_type = ?""")
        .params(campaign, participantCode, type.name())
        .query(REQUEST)
        .optional();
  }

  /** Marks the request received; false when it was received already. */
  boolean markReceived(long request, String user, Instant now) {
    return jdbc.sql(
                """
            update information_request set state = 'RECEIVED', answered_at = ?, answered_by = ?
            where id = ? and state = 'OUTSTANDING'""")
            .params(utc(now), user, request)
            .update()
        == 1;
  }

  void saveResponse(long request, Map<String, String> values) {
    values.forEach(
        (field, value) ->
            jdbc.sql(
                    """
            insert into information_response (request_id, field_name, field_value) values (?, ?, ?)""")
                .params(request, field, value)
                .update());
  }

  void markReminded(long request, Instant now) {
    jdbc.sql("update information_request set reminded_at = ? where id = ?")
        .params(utc(now), request)
        .update();
  }

  void markEscalated(long request, Instant now) {
    jdbc.sql("update information_request set escalated_at = ? where id = ?")
        .params(utc(now), request)
        .update();
  }

  /**
   * A campaign's requests in organisation and type order, optionally of some organisations only.
   */
  List<InformationRequest> requestsOf(long campaign, List<String> participantCodes) {
    if (participantCodes != null && participantCodes.isEmpty()) {
      return List.of();
    }
    String only = participantCodes == null ? "" : " and participant_code in (:codes)";
    var statement =
        jdbc.sql(
                "select * from information_request where campaign_id = :campaign"
                    + only
                    + " order by participant_code, request_type")
            .param("campaign", campaign);
    if (participantCodes != null) {
      statement = statement.param("codes", participantCodes);
    }
    return statement.query(REQUEST).list();
  }

  /** The recorded answers of these requests, by request id, each in field order as recorded. */
  Map<Long, Map<String, String>> responsesOf(long campaign, List<String> participantCodes) {
    if (participantCodes != null && participantCodes.isEmpty()) {
      return Map.of();
    }
    String only = participantCodes == null ? "" : " and r.participant_code in (:codes)";
    var statement =
        jdbc.sql(
                """
            select s.request_id, s.field_name, s.field_value from information_response s
            join information_request r on r.id = s.request_id where r.campaign_id = :campaign"""
                    + only
                    + " order by s.request_id, s.field_name")
            .param("campaign", campaign);
    if (participantCodes != null) {
      statement = statement.param("codes", participantCodes);
    }
    Map<Long, Map<String, String>> responses = new LinkedHashMap<>();
    statement.query(
        rs -> {
          responses
              .computeIfAbsent(rs.getLong("request_id"), id -> new LinkedHashMap<>())
              .put(rs.getString("field_name"), rs.getString("field_value"));
        });
    return responses;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime moment = rs.getObject(column, OffsetDateTime.class);
    return moment == null ? null : moment.toInstant();
  }
}
