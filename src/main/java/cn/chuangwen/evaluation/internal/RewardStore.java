package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.evaluation.Proposal;
import cn.chuangwen.evaluation.RewardRule;
import cn.chuangwen.shared.PeriodCode;

/** Budgets, reward and consequence rules, and the proposals a closing makes. */
@Repository
public class RewardStore {

	private static final String PROPOSAL = """
			select id, period_code, budget_year, proposal_kind, unit_id, unit_name, ranking_group, rank_no, amount,
			       consequence, state, decided_by, decided_at, reason, version
			from evaluation_proposal""";

	private final JdbcClient jdbc;

	RewardStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<BigDecimal> budget(long cityId, int year) {
		return jdbc.sql("select amount from evaluation_budget where city_id = :c and budget_year = :y")
			.param("c", cityId)
			.param("y", year)
			.query(BigDecimal.class)
			.optional();
	}

	public void setBudget(long cityId, int year, BigDecimal amount) {
		if (jdbc.sql("update evaluation_budget set amount = :a where city_id = :c and budget_year = :y")
			.param("a", amount).param("c", cityId).param("y", year).update() == 0) {
			jdbc.sql("insert into evaluation_budget (city_id, budget_year, amount) values (:c, :y, :a)")
				.param("a", amount).param("c", cityId).param("y", year).update();
		}
	}

	/** Locks the year's budget row for a confirmation (one at a time per city and year). */
	public Optional<BigDecimal> lockBudget(long cityId, int year) {
		return jdbc.sql("select amount from evaluation_budget where city_id = :c and budget_year = :y for update")
			.param("c", cityId)
			.param("y", year)
			.query(BigDecimal.class)
			.optional();
	}

	/** The confirmed amounts of the year. */
	public BigDecimal used(long cityId, int year) {
		return jdbc.sql("""
				select coalesce(sum(amount), 0) from evaluation_proposal
				where city_id = :c and budget_year = :y and state = 'CONFIRMED' and amount is not null""")
			.param("c", cityId)
			.param("y", year)
			.query(BigDecimal.class)
			.single();
	}

	/** A rule with its id (the editor). */
	public record RuleRow(long id, RewardRule rule) {
	}

	/** Every rule of the city: by period kind, group, rewards (by rank) before consequences. */
	public List<RuleRow> allRules(long cityId) {
		return jdbc.sql("""
				select id, period_kind, ranking_group, rule_kind, rank_no, amount, bottom_n, consequence from evaluation_reward_rule
				where city_id = :c order by period_kind, ranking_group, rule_kind desc, rank_no, id""")
			.param("c", cityId)
			.query((rs, n) -> new RuleRow(rs.getLong(1), new RewardRule(PeriodCode.Kind.valueOf(rs.getString(2)),
					rs.getString(3), "REWARD".equals(rs.getString(4)), rs.getObject(5, Integer.class), rs.getBigDecimal(6),
					rs.getObject(7, Integer.class), rs.getString(8))))
			.list();
	}

	public Optional<RuleRow> rule(long cityId, long id) {
		return allRules(cityId).stream().filter(r -> r.id() == id).findFirst();
	}

	public void deleteRule(long cityId, long id) {
		jdbc.sql("delete from evaluation_reward_rule where city_id = :c and id = :id").param("c", cityId).param("id", id).update();
	}

	public long addRule(long cityId, RewardRule rule) {
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into evaluation_reward_rule (city_id, period_kind, ranking_group, rule_kind, rank_no, amount, bottom_n, consequence)
				values (:c, :k, :g, :rk, :r, :a, :b, :cq)""")
			.param("c", cityId)
			.param("k", rule.periodKind().name())
			.param("g", rule.rankingGroup())
			.param("rk", rule.reward() ? "REWARD" : "CONSEQUENCE")
			.param("r", rule.rank())
			.param("a", rule.amount())
			.param("b", rule.bottomN())
			.param("cq", rule.consequence())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public List<RewardRule> rules(long cityId, PeriodCode.Kind kind) {
		return jdbc.sql("""
				select period_kind, ranking_group, rule_kind, rank_no, amount, bottom_n, consequence from evaluation_reward_rule
				where city_id = :c and period_kind = :k order by ranking_group, rule_kind desc, rank_no, id""")
			.param("c", cityId)
			.param("k", kind.name())
			.query((rs, n) -> new RewardRule(PeriodCode.Kind.valueOf(rs.getString(1)), rs.getString(2),
					"REWARD".equals(rs.getString(3)), rs.getObject(4, Integer.class), rs.getBigDecimal(5),
					rs.getObject(6, Integer.class), rs.getString(7)))
			.list();
	}

	public boolean hasRules(long cityId) {
		return jdbc.sql("select count(*) from evaluation_reward_rule where city_id = :c").param("c", cityId)
			.query(Integer.class).single() > 0;
	}

	public void insert(long cityId, long periodId, Proposal p, Instant at) {
		jdbc.sql("""
				insert into evaluation_proposal (city_id, period_id, period_code, budget_year, proposal_kind, unit_id, unit_name,
				    ranking_group, rank_no, amount, consequence, state, created_at)
				values (:c, :p, :code, :y, :k, :u, :un, :g, :r, :a, :cq, 'PROPOSED', :at)""")
			.param("c", cityId)
			.param("p", periodId)
			.param("code", p.period())
			.param("y", p.year())
			.param("k", p.reward() ? "REWARD" : "CONSEQUENCE")
			.param("u", p.unit().id())
			.param("un", p.unit().name())
			.param("g", p.unit().rankingGroup())
			.param("r", p.unit().rank())
			.param("a", p.amount())
			.param("cq", p.consequence())
			.param("at", at.atOffset(java.time.ZoneOffset.UTC))
			.update();
	}

	/** Withdraws a period's open proposals (it was reopened); the confirmed ones stay. */
	public int withdraw(long periodId, Instant at, String by, String reason) {
		return jdbc.sql("""
				update evaluation_proposal set state = 'WITHDRAWN', decided_at = :at, decided_by = :by, reason = :r,
				    version = version + 1
				where period_id = :p and state = 'PROPOSED'""")
			.param("p", periodId)
			.param("at", at.atOffset(java.time.ZoneOffset.UTC))
			.param("by", by)
			.param("r", reason)
			.update();
	}

	public int confirmed(long periodId) {
		return jdbc.sql("select count(*) from evaluation_proposal where period_id = :p and state = 'CONFIRMED'")
			.param("p", periodId).query(Integer.class).single();
	}

	public List<Proposal> proposals(long cityId, int year) {
		return jdbc.sql(PROPOSAL + " where city_id = :c and budget_year = :y"
				+ " order by period_code desc, ranking_group, proposal_kind desc, rank_no, id")
			.param("c", cityId)
			.param("y", year)
			.query(RewardStore::proposal)
			.list();
	}

	public Optional<Proposal> proposal(long cityId, long id) {
		return jdbc.sql(PROPOSAL + " where city_id = :c and id = :id")
			.param("c", cityId)
			.param("id", id)
			.query(RewardStore::proposal)
			.optional();
	}

	public boolean confirm(long id, int version, Instant at, String by, String reason) {
		return jdbc.sql("""
				update evaluation_proposal set state = 'CONFIRMED', decided_at = :at, decided_by = :by, reason = :r,
				    version = version + 1
				where id = :id and version = :v and state = 'PROPOSED'""")
			.param("id", id)
			.param("v", version)
			.param("at", at.atOffset(java.time.ZoneOffset.UTC))
			.param("by", by)
			.param("r", reason)
			.update() == 1;
	}

	private static Proposal proposal(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		OffsetDateTime at = rs.getObject(13, OffsetDateTime.class);
		return new Proposal(rs.getLong(1), rs.getString(2), rs.getInt(3), "REWARD".equals(rs.getString(4)),
				new Proposal.Unit(rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8)), rs.getBigDecimal(9),
				rs.getString(10), rs.getString(11),
				new Proposal.Decision(rs.getString(12), at == null ? null : at.toInstant(), rs.getString(14)), rs.getInt(15));
	}

}
