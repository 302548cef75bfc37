package cn.chuangwen.projects.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.projects.Decision;
import cn.chuangwen.projects.FundAllocation;
import cn.chuangwen.projects.FundIncrease;
import cn.chuangwen.projects.ProjectDetail;

/** SQL of the creation funds: a city's budget per year, its allocations, their spending and increases. */
@Repository
public class FundStore {

	private static final String ALLOCATION = """
			select a.id, a.city_id, a.budget_year, a.project_id, a.unit_id, coalesce(p.name, u.name) as target, a.amount,
			    (select coalesce(sum(s.amount), 0) from fund_spending s where s.allocation_id = a.id) as spent,
			    (select coalesce(sum(i.amount), 0) from fund_increase i where i.allocation_id = a.id
			        and i.state = 'PENDING') as pending,
			    a.note, a.version
			from fund_allocation a left join key_project p on p.id = a.project_id left join unit u on u.id = a.unit_id
			""";

	private static final String INCREASE = """
			select i.id, i.allocation_id, i.city_id, coalesce(p.name, u.name) as target, i.amount, i.reason, i.state,
			    i.requested_by, i.requested_at, i.decided_by, i.decided_at, i.decision_note
			from fund_increase i join fund_allocation a on a.id = i.allocation_id
			    left join key_project p on p.id = a.project_id left join unit u on u.id = a.unit_id
			""";

	private final JdbcClient jdbc;

	public FundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The scope over an allocation: its city, and below a whole city only its own unit's allocations. */
	private static String scope(ScopeSql s) {
		String where = s.city("a.city_id");
		if (s.restrictsUnits()) {
			where += " and a.unit_id is not null and " + s.unit("u.path");
		}
		return " " + where + " ";
	}

	public Optional<BigDecimal> budget(long cityId, int year) {
		return jdbc.sql("select amount from fund_budget where city_id = :c and budget_year = :y")
			.param("c", cityId)
			.param("y", year)
			.query(BigDecimal.class)
			.optional();
	}

	/** Locks the city's budget row of the year (allocations and increases are checked against it). */
	public Optional<BigDecimal> lockBudget(long cityId, int year) {
		return jdbc.sql("select amount from fund_budget where city_id = :c and budget_year = :y for update")
			.param("c", cityId)
			.param("y", year)
			.query(BigDecimal.class)
			.optional();
	}

	public void saveBudget(long cityId, int year, BigDecimal amount, String by, Instant at) {
		int n = jdbc.sql("""
				update fund_budget set amount = :a, updated_by = :by, updated_at = :at, version = version + 1
				where city_id = :c and budget_year = :y""")
			.param("a", amount)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("c", cityId)
			.param("y", year)
			.update();
		if (n == 0) {
			jdbc.sql("""
					insert into fund_budget (city_id, budget_year, amount, updated_by, updated_at)
					values (:c, :y, :a, :by, :at)""")
				.param("c", cityId)
				.param("y", year)
				.param("a", amount)
				.param("by", by)
				.param("at", Timestamp.from(at))
				.update();
		}
	}

	/** The sum of the city's allocations of the year, less one (the one being changed), if named. */
	public BigDecimal allocated(long cityId, int year, Long except) {
		return jdbc.sql("""
				select coalesce(sum(amount), 0) from fund_allocation
				where city_id = :c and budget_year = :y and id <> :e""")
			.param("c", cityId)
			.param("y", year)
			.param("e", except == null ? -1L : except)
			.query(BigDecimal.class)
			.single();
	}

	public List<FundAllocation> allocations(ScopeSql s, int year) {
		return s.bind(jdbc.sql(ALLOCATION + " where a.budget_year = :y and" + scope(s)
				+ "order by case when a.project_id is null then 1 else 0 end, a.id"))
			.param("y", year)
			.query(FundStore::allocation)
			.list();
	}

	public Optional<FundAllocation> allocation(ScopeSql s, long id) {
		return s.bind(jdbc.sql(ALLOCATION + " where a.id = :id and" + scope(s))).param("id", id)
			.query(FundStore::allocation)
			.optional();
	}

	/** The name of a key project of the city, if there is one. */
	public Optional<String> projectName(long cityId, long projectId) {
		return jdbc.sql("select name from key_project where id = :p and city_id = :c")
			.param("p", projectId)
			.param("c", cityId)
			.query(String.class)
			.optional();
	}

	/** A project's allocation of the year, if it has one. */
	public Optional<FundAllocation> projectAllocation(long projectId, int year) {
		return jdbc.sql(ALLOCATION + " where a.project_id = :p and a.budget_year = :y")
			.param("p", projectId)
			.param("y", year)
			.query(FundStore::allocation)
			.optional();
	}

	public boolean allocated(int year, Long projectId, Long unitId) {
		return jdbc.sql("""
				select count(*) from fund_allocation
				where budget_year = :y and (project_id = :p or unit_id = :u)""")
			.param("y", year)
			.param("p", projectId == null ? -1L : projectId)
			.param("u", unitId == null ? -1L : unitId)
			.query(Long.class)
			.single() > 0;
	}

	/** Locks an allocation row for a spending entry or a change (two at once cannot both pass it). */
	public void lock(long id) {
		jdbc.sql("select id from fund_allocation where id = :id for update").param("id", id).query(Long.class).optional();
	}

	/** A new allocation: exactly one of project and unit. */
	public record NewAllocation(long cityId, int year, Long projectId, Long unitId, BigDecimal amount, String note) {
	}

	public long insert(NewAllocation a, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into fund_allocation (city_id, budget_year, project_id, unit_id, amount, note, created_by,
				    created_at, updated_at)
				values (:c, :y, :p, :u, :a, :n, :by, :at, :at)""")
			.param("c", a.cityId())
			.param("y", a.year())
			.param("p", a.projectId())
			.param("u", a.unitId())
			.param("a", a.amount())
			.param("n", a.note())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void update(long id, BigDecimal amount, String note, Instant at) {
		jdbc.sql("""
				update fund_allocation set amount = :a, note = :n, updated_at = :at, version = version + 1
				where id = :id""")
			.param("a", amount)
			.param("n", note)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/** A spending entry to store. */
	public record NewSpending(long allocationId, long cityId, BigDecimal amount, String note, LocalDate on,
			long fileId, String by) {
	}

	public long insertSpending(NewSpending s, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into fund_spending (allocation_id, city_id, amount, note, spent_on, file_id, created_by,
				    created_at)
				values (:a, :c, :m, :n, :d, :f, :by, :at)""")
			.param("a", s.allocationId())
			.param("c", s.cityId())
			.param("m", s.amount())
			.param("n", s.note())
			.param("d", s.on())
			.param("f", s.fileId())
			.param("by", s.by())
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private static final String SPENDING = """
			select s.id, s.amount, s.note, s.spent_on, s.file_id, f.name, s.created_by, s.created_at
			from fund_spending s join stored_file f on f.id = s.file_id join fund_allocation a on a.id = s.allocation_id
			""";

	public List<ProjectDetail.Spending> spending(long allocationId) {
		return jdbc.sql(SPENDING + " where s.allocation_id = :a order by s.spent_on desc, s.id desc")
			.param("a", allocationId)
			.query(FundStore::spending)
			.list();
	}

	/** Every spending entry of a project, whatever the year of its allocation. */
	public List<ProjectDetail.Spending> projectSpending(long projectId) {
		return jdbc.sql(SPENDING + " where a.project_id = :p order by s.spent_on desc, s.id desc")
			.param("p", projectId)
			.query(FundStore::spending)
			.list();
	}

	public boolean hasEvidence(long allocationId, long fileId) {
		return jdbc.sql("select count(*) from fund_spending where allocation_id = :a and file_id = :f")
			.param("a", allocationId)
			.param("f", fileId)
			.query(Long.class)
			.single() > 0;
	}

	public boolean projectHasEvidence(long projectId, long fileId) {
		return jdbc.sql("""
				select count(*) from fund_spending s join fund_allocation a on a.id = s.allocation_id
				where a.project_id = :p and s.file_id = :f""")
			.param("p", projectId)
			.param("f", fileId)
			.query(Long.class)
			.single() > 0;
	}

	public long insertIncrease(long allocationId, long cityId, BigDecimal amount, String reason, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into fund_increase (allocation_id, city_id, amount, reason, state, requested_by, requested_at)
				values (:a, :c, :m, :r, 'PENDING', :by, :at)""")
			.param("a", allocationId)
			.param("c", cityId)
			.param("m", amount)
			.param("r", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** An increase of a city (locked for its decision). */
	public Optional<FundIncrease> lockIncrease(long cityId, long id) {
		jdbc.sql("select id from fund_increase where id = :id for update").param("id", id).query(Long.class).optional();
		return jdbc.sql(INCREASE + " where i.id = :id and i.city_id = :c")
			.param("id", id)
			.param("c", cityId)
			.query(FundStore::increase)
			.optional();
	}

	/** Records the decision of a pending increase; false when it was decided already. */
	public boolean decide(long id, FundIncrease.State state, String by, String note, Instant at) {
		return jdbc.sql("""
				update fund_increase set state = :s, decided_by = :by, decided_at = :at, decision_note = :n
				where id = :id and state = 'PENDING'""")
			.param("s", state.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("n", note)
			.param("id", id)
			.update() == 1;
	}

	/** The pending increases of the allocations in scope of a year. */
	public List<FundIncrease> pending(ScopeSql s, int year) {
		return s.bind(jdbc.sql(INCREASE + " where i.state = 'PENDING' and a.budget_year = :y and" + scope(s)
				+ "order by i.requested_at, i.id"))
			.param("y", year)
			.query(FundStore::increase)
			.list();
	}

	public List<FundIncrease> increases(long allocationId) {
		return jdbc.sql(INCREASE + " where i.allocation_id = :a order by i.requested_at desc, i.id desc")
			.param("a", allocationId)
			.query(FundStore::increase)
			.list();
	}

	private static FundAllocation allocation(ResultSet rs, int n) throws SQLException {
		return new FundAllocation(rs.getLong("id"), rs.getLong("city_id"), rs.getInt("budget_year"),
				(Long) rs.getObject("project_id", Long.class), (Long) rs.getObject("unit_id", Long.class),
				rs.getString("target"), rs.getBigDecimal("amount"), rs.getBigDecimal("spent"),
				rs.getBigDecimal("pending"), rs.getString("note"), rs.getInt("version"));
	}

	private static FundIncrease increase(ResultSet rs, int n) throws SQLException {
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		return new FundIncrease(rs.getLong("id"), rs.getLong("allocation_id"), rs.getLong("city_id"),
				rs.getString("target"), rs.getBigDecimal("amount"), rs.getString("reason"),
				FundIncrease.State.valueOf(rs.getString("state")),
				new FundIncrease.Asked(rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant()),
				new Decision(rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(),
						rs.getString("decision_note")));
	}

	private static ProjectDetail.Spending spending(ResultSet rs, int n) throws SQLException {
		return new ProjectDetail.Spending(rs.getLong(1), rs.getBigDecimal(2), rs.getString(3),
				rs.getObject(4, LocalDate.class), rs.getLong(5), rs.getString(6), rs.getString(7),
				rs.getTimestamp(8).toInstant());
	}

}
