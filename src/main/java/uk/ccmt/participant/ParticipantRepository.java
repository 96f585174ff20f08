package uk.ccmt.participant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ParticipantRepository {

  private static final int BATCH_SIZE = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  ParticipantRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  Set<String> codes() {
    return new HashSet<>(jdbc.sql("select code from participant").query(String.class).list());
  }

  /** Inserts the participants and their contacts in JDBC batches; throws DuplicateKeyException. */
  void insertAll(List<Participant> all, Instant now) {
    OffsetDateTime created = now.atOffset(ZoneOffset.UTC);
    batch.batchUpdate(
        """
            insert into participant (code, name, category, region, takes_part, created_at)
            values (?, ?, ?, ?, ?, ?)""",
        all,
        BATCH_SIZE,
        (statement, participant) -> {
          statement.setString(1, participant.code());
          statement.setString(2, participant.name());
          statement.setString(3, participant.category().name());
          statement.setString(4, participant.region());
          statement.setBoolean(5, participant.takesPart());
          statement.setObject(6, created);
        });
    List<String[]> contacts =
        all.stream()
            .flatMap(
                participant ->
                    participant.contactEmails().stream()
                        .map(email -> new String[] {participant.code(), email}))
            .toList();
    batch.batchUpdate(
        "insert into participant_contact (participant_code, email) values (?, ?)",
        contacts,
        BATCH_SIZE,
        (statement, contact) -> {
          statement.setString(1, contact[0]);
          statement.setString(2, contact[1]);
        });
  }

  boolean exists(String code) {
    return jdbc.sql("select count(*) from participant where code = ?")
            .param(code)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Throws DuplicateKeyException when the code exists. */
  void insert(Participant participant, Instant now) {
    jdbc.sql(
            """
            insert into participant (code, name, category, region, takes_part, created_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            participant.code(),
            participant.name(),
            participant.category().name(),
            participant.region(),
            participant.takesPart(),
            now.atOffset(ZoneOffset.UTC))
        .update();
    for (String email : participant.contactEmails()) {
      jdbc.sql("insert into participant_contact (participant_code, email) values (?, ?)")
          .params(participant.code(), email)
          .update();
    }
  }

  Optional<Participant> find(String code) {
    return findWhere("where p.code = :code", Map.of("code", code)).stream().findFirst();
  }

  List<Participant> findAll() {
    return findWhere("", Map.of());
  }

  /** Every contact address of every organisation taking part, once each. */
  List<String> contactEmailsOfActiveParticipants() {
    return jdbc.sql(
            """
            select distinct c.email from participant_contact c join participant p on p.code = c.participant_code
            where p.takes_part order by c.email""")
        .query(String.class)
        .list();
  }

  private List<Participant> findWhere(String where, Map<String, Object> params) {
    Map<String, Participant> byCode = new LinkedHashMap<>();
    jdbc.sql(
            """
            select p.code, p.name, p.category, p.region, p.takes_part, c.email
            from participant p left join participant_contact c on c.participant_code = p.code
            """
                + where
                + " order by p.code, c.email")
        .params(params)
        .query(
            rs -> {
              String code = rs.getString("code");
              Participant participant =
                  byCode.computeIfAbsent(
                      code,
                      key -> {
                        try {
                          return new Participant(
                              key,
                              rs.getString("name"),
                              Category.valueOf(rs.getString("category")),
                              rs.getString("region"),
                              new java.util.ArrayList<>(),
                              rs.getBoolean("takes_part"));
                        } catch (java.sql.SQLException e) {
                          throw new IllegalStateException(e);
                        }
                      });
              String email = rs.getString("email");
              if (email != null) {
                participant.contactEmails().add(email);
              }
            });
    return byCode.values().stream()
        .map(
            p ->
                new Participant(
                    p.code(),
                    p.name(),
                    p.category(),
                    p.region(),
                    List.copyOf(p.contactEmails()),
                    p.takesPart()))
        .toList();
  }
}
