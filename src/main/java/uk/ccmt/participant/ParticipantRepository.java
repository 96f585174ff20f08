package uk.ccmt.participant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
  void insertAll(List<Participant> all, Instant now, String source, String user) {
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
        """
        insert into participant_contact (participant_code, email, state, source, confirmed_by, confirmed_at)
        values (?, ?, 'CONFIRMED', ?, ?, ?)""",
        contacts,
        BATCH_SIZE,
        (statement, contact) -> {
          statement.setString(1, contact[0]);
          statement.setString(2, contact[1]);
          statement.setString(3, source);
          statement.setString(4, user);
          statement.setObject(5, created);
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
  void insert(Participant participant, Instant now, String source, String user) {
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
      insertContact(participant.code(), email, source, user, now);
    }
  }

  private void insertContact(String code, String email, String source, String user, Instant now) {
    jdbc.sql(
            """
            insert into participant_contact (participant_code, email, state, source, confirmed_by, confirmed_at)
            values (?, ?, 'CONFIRMED', ?, ?, ?)""")
        .params(code, email, source, user, now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Locks the participant's row, so two changes of one organisation run one after the other. */
  boolean lock(String code) {
    return !jdbc.sql("select code from participant where code = ? for update")
        .param(code)
        .query(String.class)
        .list()
        .isEmpty();
  }

  void update(Participant participant) {
    jdbc.sql(
            "update participant set name = ?, category = ?, region = ?, takes_part = ? where code = ?")
        .params(
            participant.name(),
            participant.category().name(),
            participant.region(),
            participant.takesPart(),
            participant.code())
        .update();
  }

  /** What becomes of an address an update keeps. */
  enum Kept {
    /** It keeps its state and provenance (a re-import: a file confirms nothing again). */
    AS_IT_WAS,
    /** A bounced one is confirmed again by the source (a release manager's PATCH naming it). */
    BOUNCED_CONFIRMED,
    /** Every one is confirmed again by the source (the organisation's own answer). */
    ALL_CONFIRMED
  }

  /**
   * Makes the addresses the organisation's contacts: the others are removed, new ones added as
   * confirmed from the source; the ones kept as {@code kept} says.
   */
  void replaceContacts(
      String code, List<String> emails, String source, String user, Instant now, Kept kept) {
    Map<String, Contact> existing = new LinkedHashMap<>();
    contactsOf(code).forEach(contact -> existing.put(contact.email(), contact));
    for (String old : existing.keySet()) {
      if (!emails.contains(old)) {
        jdbc.sql("delete from participant_contact where participant_code = ? and email = ?")
            .params(code, old)
            .update();
      }
    }
    for (String email : emails) {
      if (!existing.containsKey(email)) {
        insertContact(code, email, source, user, now);
      } else if (kept == Kept.ALL_CONFIRMED
          || (kept == Kept.BOUNCED_CONFIRMED
              && existing.get(email).state() == Contact.State.BOUNCED)) {
        jdbc.sql(
                """
                update participant_contact set state = 'CONFIRMED', source = ?, confirmed_by = ?,
                  confirmed_at = ?, bounced_at = null, bounce_reason = null
                where participant_code = ? and email = ?""")
            .params(source, user, now.atOffset(ZoneOffset.UTC), code, email)
            .update();
      }
    }
  }

  /**
   * Sets the address aside wherever it is a confirmed contact; the codes of the organisations whose
   * contact it was.
   */
  List<String> markBounced(String email, String reason, Instant now) {
    List<String> codes =
        jdbc.sql(
                """
                select participant_code from participant_contact
                where email = ? and state = 'CONFIRMED' order by participant_code""")
            .param(email)
            .query(String.class)
            .list();
    jdbc.sql(
            """
            update participant_contact set state = 'BOUNCED', bounced_at = ?, bounce_reason = ?
            where email = ? and state = 'CONFIRMED'""")
        .params(
            now.atOffset(ZoneOffset.UTC),
            reason.length() > 1000 ? reason.substring(0, 1000) : reason,
            email)
        .update();
    return codes;
  }

  List<Contact> contactsOf(String code) {
    return jdbc.sql("select * from participant_contact where participant_code = ? order by email")
        .param(code)
        .query(ParticipantRepository::contact)
        .list();
  }

  /** Every organisation's contacts, whatever their state, by code. */
  Map<String, List<Contact>> allContacts() {
    Map<String, List<Contact>> byCode = new HashMap<>();
    jdbc.sql("select * from participant_contact order by participant_code, email")
        .query(
            rs -> {
              byCode
                  .computeIfAbsent(rs.getString("participant_code"), key -> new ArrayList<>())
                  .add(contact(rs, 0));
            });
    return byCode;
  }

  /** The bounced addresses of every organisation, newest first. */
  List<BouncedContact> bounced() {
    return jdbc.sql(
            """
            select c.participant_code, p.name, c.email, c.bounced_at, c.bounce_reason
            from participant_contact c join participant p on p.code = c.participant_code
            where c.state = 'BOUNCED' order by c.bounced_at desc, c.participant_code, c.email""")
        .query(
            (rs, row) ->
                new BouncedContact(
                    rs.getString("participant_code"),
                    rs.getString("name"),
                    rs.getString("email"),
                    instant(rs.getObject("bounced_at", OffsetDateTime.class)),
                    rs.getString("bounce_reason")))
        .list();
  }

  void record(List<ParticipantChange> changes, String code) {
    if (changes.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        """
        insert into participant_history (participant_code, field, old_value, new_value, source, changed_by, changed_at)
        values (?, ?, ?, ?, ?, ?, ?)""",
        changes,
        BATCH_SIZE,
        (statement, change) -> {
          statement.setString(1, code);
          statement.setString(2, change.field());
          statement.setString(3, change.from());
          statement.setString(4, change.to());
          statement.setString(5, change.source());
          statement.setString(6, change.user());
          statement.setObject(7, change.at().atOffset(ZoneOffset.UTC));
        });
  }

  List<ParticipantChange> historyOf(String code) {
    return jdbc.sql(
            "select * from participant_history where participant_code = ? order by changed_at, id")
        .param(code)
        .query(
            (rs, row) ->
                new ParticipantChange(
                    rs.getString("field"),
                    rs.getString("old_value"),
                    rs.getString("new_value"),
                    rs.getString("source"),
                    rs.getString("changed_by"),
                    instant(rs.getObject("changed_at", OffsetDateTime.class))))
        .list();
  }

  private static Contact contact(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Contact(
        rs.getString("email"),
        Contact.State.valueOf(rs.getString("state")),
        rs.getString("source"),
        rs.getString("confirmed_by"),
        instant(rs.getObject("confirmed_at", OffsetDateTime.class)),
        instant(rs.getObject("bounced_at", OffsetDateTime.class)),
        rs.getString("bounce_reason"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  Optional<Participant> find(String code) {
    return findWhere("where p.code = :code", Map.of("code", code)).stream().findFirst();
  }

  List<Participant> findAll() {
    return findWhere("", Map.of());
  }

  /** Every confirmed contact address of every organisation taking part, once each. */
  List<String> contactEmailsOfActiveParticipants() {
    return jdbc.sql(
            """
            select distinct c.email from participant_contact c join participant p on p.code = c.participant_code
            where p.takes_part and c.state = 'CONFIRMED' order by c.email""")
        .query(String.class)
        .list();
  }

  /** The organisation's confirmed contact addresses, if it takes part. */
  List<String> contactEmailsOf(String code) {
    return jdbc.sql(
            """
            select c.email from participant_contact c join participant p on p.code = c.participant_code
            where p.code = ? and p.takes_part and c.state = 'CONFIRMED' order by c.email""")
        .param(code)
        .query(String.class)
        .list();
  }

  private List<Participant> findWhere(String where, Map<String, Object> params) {
    Map<String, Participant> byCode = new LinkedHashMap<>();
    jdbc.sql(
            """
            select p.code, p.name, p.category, p.region, p.takes_part, c.email
            from participant p
            left join participant_contact c on c.participant_code = p.code and c.state = 'CONFIRMED'
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
