package uk.ccmt.partnering;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.NumberedIds;

/**
 * The partnering tables: rounds, their proposed and changed pairs with each organisation's answer,
 * the findings of each matching round, and self-arranged declarations.
 *
 * <p>Why one class of over 300 lines: a round, its pairs and its findings are one aggregate,
 * written together under the round's row lock; their row mappers and SQL read best side by side.
 */
@Repository
class PartneringRepository {

  private static final RowMapper<PartneringRound> ROUND =
      (rs, row) ->
          new PartneringRound(
              rs.getLong("id"),
              PartneringRound.State.valueOf(rs.getString("state")),
              rs.getInt("matching_round"),
              rs.getString("started_by"),
              rs.getString("decision"),
              instant(rs.getObject("created_at", OffsetDateTime.class)),
              instant(rs.getObject("published_at", OffsetDateTime.class)));

  private static final RowMapper<RoundPair> PAIR =
      (rs, row) ->
          new RoundPair(
              rs.getLong("id"),
              rs.getString("a"),
              rs.getString("b"),
              rs.getString("rule"),
              rs.getString("reason"),
              RoundPair.State.valueOf(rs.getString("state")),
              rs.getInt("matching_round"),
              (Boolean) rs.getObject("a_accepted"),
              (Boolean) rs.getObject("b_accepted"),
              rs.getString("rejection_reason"));

  private static final RowMapper<Finding> FINDING =
      (rs, row) ->
          new Finding(
              rs.getInt("matching_round"),
              Finding.Kind.valueOf(rs.getString("kind")),
              rs.getString("rule"),
              rs.getString("participant"),
              rs.getString("message"));

  private final JdbcClient jdbc;

  PartneringRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- self-arranged partnerships -------------------------------------------------------------

  /** Records the declaration; false when it was declared already. */
  boolean declare(String declaredBy, String partner, Instant now) {
    return jdbc.sql(
                """
            insert into self_arranged_partnership (declared_by, partner, declared_at)
            select ?, ?, ? where not exists
              (select 1 from self_arranged_partnership where declared_by = ? and partner = ?)""")
            .params(declaredBy, partner, utc(now), declaredBy, partner)
            .update()
        == 1;
  }

  boolean isDeclared(String declaredBy, String partner) {
    return jdbc.sql(
                "select count(*) from self_arranged_partnership where declared_by = ? and partner = ?")
            .params(declaredBy, partner)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Partners an organisation declared, or that declared it. */
  List<String[]> declarationsInvolving(String code) {
    return jdbc.sql(
            """
            select declared_by, partner from self_arranged_partnership where declared_by = ? or partner = ?
            order by declared_by, partner""")
        .params(code, code)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
        .list();
  }

  /** Pairs both organisations declared. */
  List<Pair> confirmedSelfArranged() {
    return jdbc.sql(
            """
            select d.declared_by, d.partner from self_arranged_partnership d
            join self_arranged_partnership back on back.declared_by = d.partner and back.partner = d.declared_by
            where d.declared_by < d.partner order by d.declared_by, d.partner""")
        .query((rs, row) -> new Pair(rs.getString(1), rs.getString(2)))
        .list();
  }

  // --- rounds ---------------------------------------------------------------------------------

  /** Throws DuplicateKeyException while another round runs. */
  long insertRound(String startedBy, Instant now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into partnering_round (state, running_key, matching_round, started_by, created_at)
            values ('PROPOSING', 'RUNNING', 1, ?, ?)""")
        .params(startedBy, utc(now))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  boolean anyRunning() {
    return jdbc.sql("select count(*) from partnering_round where running_key is not null")
            .query(Integer.class)
            .single()
        > 0;
  }

  Optional<PartneringRound> findRound(long id) {
    return jdbc.sql("select * from partnering_round where id = ?")
        .param(id)
        .query(ROUND)
        .optional();
  }

  /** The round people know as {@code roundId} ("P-3"); not found when the id names none. */
  PartneringRound round(String roundId) {
    OptionalLong number = NumberedIds.number(PartneringRound.PREFIX, roundId);
    return (number.isPresent() ? findRound(number.getAsLong()) : Optional.<PartneringRound>empty())
        .orElseThrow(() -> new NotFoundException("Partnering round", roundId));
  }

  Optional<PartneringRound> latestPublished() {
    return jdbc.sql(
            "select * from partnering_round where state = 'PUBLISHED' order by published_at desc, id desc "
                + "fetch first 1 rows only")
        .query(ROUND)
        .optional();
  }

  void setState(long round, PartneringRound.State state) {
    jdbc.sql("update partnering_round set state = ? where id = ?")
        .params(state.name(), round)
        .update();
  }

  void nextMatchingRound(long round) {
    jdbc.sql(
            "update partnering_round set matching_round = matching_round + 1, state = 'PROPOSING' where id = ?")
        .param(round)
        .update();
  }

  void finish(long round, PartneringRound.State state, Instant now) {
    jdbc.sql(
            "update partnering_round set state = ?, running_key = null, published_at = ? where id = ?")
        .params(state.name(), state == PartneringRound.State.PUBLISHED ? utc(now) : null, round)
        .update();
  }

  void recordDecision(long round, String decision) {
    jdbc.sql("update partnering_round set decision = ? where id = ?")
        .params(decision, round)
        .update();
  }

  // --- pairs ----------------------------------------------------------------------------------

  void insertPair(
      long round, Pair pair, String rule, String reason, RoundPair.State state, int matchingRound) {
    jdbc.sql(
            """
            insert into partner_pair (round_id, a, b, rule, reason, state, matching_round)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            round,
            pair.a(),
            pair.b(),
            rule,
            reason.length() > 1000 ? reason.substring(0, 1000) : reason,
            state.name(),
            matchingRound)
        .update();
  }

  List<RoundPair> pairs(long round) {
    return jdbc.sql("select * from partner_pair where round_id = ? order by a, b")
        .param(round)
        .query(PAIR)
        .list();
  }

  Optional<RoundPair> pair(long pairId) {
    return jdbc.sql("select * from partner_pair where id = ?").param(pairId).query(PAIR).optional();
  }

  void setPairState(long pairId, RoundPair.State state) {
    jdbc.sql("update partner_pair set state = ? where id = ?")
        .params(state.name(), pairId)
        .update();
  }

  void propose(long pairId, String rule, String reason, int matchingRound) {
    jdbc.sql(
            "update partner_pair set state = 'PROPOSED', rule = ?, reason = ?, matching_round = ? where id = ?")
        .params(
            rule,
            reason.length() > 1000 ? reason.substring(0, 1000) : reason,
            matchingRound,
            pairId)
        .update();
  }

  /** Asks both organisations to confirm the pair in this matching round. */
  void askToConfirm(long pairId, int matchingRound) {
    jdbc.sql(
            "update partner_pair set state = 'CONFIRMING', matching_round = ?, a_accepted = null, b_accepted = null, "
                + "rejection_reason = null where id = ?")
        .params(matchingRound, pairId)
        .update();
  }

  void recordConfirmationBranch(String branch, long pairId, String participantCode) {
    jdbc.sql(
            """
            insert into partner_confirmation (execution_id, pair_id, participant_code)
            select ?, ?, ? where not exists (select 1 from partner_confirmation where execution_id = ?)""")
        .params(branch, pairId, participantCode, branch)
        .update();
  }

  Optional<RoundPair.Branch> confirmationBranch(String branch) {
    return jdbc.sql(
            "select pair_id, participant_code from partner_confirmation where execution_id = ?")
        .param(branch)
        .query((rs, row) -> new RoundPair.Branch(rs.getLong(1), rs.getString(2)))
        .optional();
  }

  /**
   * Records one side's answer; the row is locked until the transaction ends, so both answers add
   * up.
   */
  RoundPair answer(long pairId, String code, boolean accepted, String rejectionReason) {
    RoundPair pair =
        jdbc.sql("select * from partner_pair where id = ? for update")
            .param(pairId)
            .query(PAIR)
            .single();
    String column = code.equals(pair.a()) ? "a_accepted" : "b_accepted";
    jdbc.sql("update partner_pair set " + column + " = ? where id = ?")
        .params(accepted, pairId)
        .update();
    if (rejectionReason != null) {
      jdbc.sql("update partner_pair set rejection_reason = ? where id = ?")
          .params(
              rejectionReason.length() > 1000
                  ? rejectionReason.substring(0, 1000)
                  : rejectionReason,
              pairId)
          .update();
    }
    return jdbc.sql("select * from partner_pair where id = ?").param(pairId).query(PAIR).single();
  }

  // --- findings -------------------------------------------------------------------------------

  void addFinding(
      long round,
      int matchingRound,
      Finding.Kind kind,
      String rule,
      String participant,
      String message) {
    jdbc.sql(
            """
            insert into partnering_finding (round_id, matching_round, kind, rule, participant, message)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            round,
            matchingRound,
            kind.name(),
            rule,
            participant,
            message.length() > 1000 ? message.substring(0, 1000) : message)
        .update();
  }

  void clearFindings(long round, int matchingRound, Finding.Kind kind) {
    jdbc.sql(
            "delete from partnering_finding where round_id = ? and matching_round = ? and kind = ?")
        .params(round, matchingRound, kind.name())
        .update();
  }

  List<Finding> findings(long round, int matchingRound) {
    return jdbc.sql(
            "select * from partnering_finding where round_id = ? and matching_round = ? order by id")
        .params(round, matchingRound)
        .query(FINDING)
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime moment) {
    return moment == null ? null : moment.toInstant();
  }
}
