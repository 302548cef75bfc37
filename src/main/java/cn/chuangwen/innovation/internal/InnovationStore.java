package cn.chuangwen.innovation.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.innovation.ContestState;
import cn.chuangwen.innovation.ContestView;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.PageRequest;

/** SQL of innovation contests: the contest, its rubric and judges, its cases and their sheets. */
@Repository
public class InnovationStore {

	/** The roles whose accounts may judge a contest of their city. */
	static final String JUDGE_ROLES = "('CITY_OFFICE', 'CITY_LEADER', 'INSPECTOR')";

	private static final String CONTEST = """
			select k.id, k.city_id, c.code, c.name, k.title, k.description, k.deadline, k.state, k.created_at,
			    (select count(*) from innovation_case x where x.contest_id = k.id) as cases
			from innovation_contest k join city c on c.id = k.city_id
			""";

	private static final String CASE = """
			select x.id, x.contest_id, x.city_id, x.unit_id, u.name, x.title, x.summary, x.submitted_by, x.submitted_at,
			    x.bonus_item_id, x.bonus_period, x.bonus_points
			from innovation_case x join unit u on u.id = x.unit_id
			""";

	/** A contest row, without rubric and judges. */
	public record ContestRow(long id, long cityId, String cityCode, String cityName, String title, String description,
			LocalDate deadline, ContestState state, Instant createdAt, long cases) {
	}

	public record CaseRow(long id, long contestId, long cityId, long unitId, String unitName, String title,
			String summary, String submittedBy, Instant submittedAt, Long bonusItemId, String bonusPeriod,
			BigDecimal bonusPoints) {
	}

	/** A sheet row with its judge. */
	public record SheetRow(long id, long caseId, long judgeId, String judgeUsername, String judgeName,
			BigDecimal total, Instant submittedAt) {
	}

	private final JdbcClient jdbc;

	public InnovationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// --- contests

	public List<ContestRow> contests(ScopeSql s, PageRequest page) {
		return s.bind(jdbc.sql(CONTEST + " where " + s.city("k.city_id")
				+ " order by k.city_id, k.id desc limit :limit offset :offset"))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(InnovationStore::contest)
			.list();
	}

	public long countContests(ScopeSql s) {
		return s.bind(jdbc.sql("select count(*) from innovation_contest k where " + s.city("k.city_id")))
			.query(Long.class)
			.single();
	}

	public Optional<ContestRow> contest(ScopeSql s, long id) {
		return s.bind(jdbc.sql(CONTEST + " where k.id = :id and " + s.city("k.city_id")))
			.param("id", id)
			.query(InnovationStore::contest)
			.optional();
	}

	/** The published contests of a city, newest first: the public page's. */
	public List<ContestRow> published(long cityId, int limit) {
		return jdbc.sql(CONTEST + " where k.city_id = :c and k.state = 'PUBLISHED' order by k.id desc limit :limit")
			.param("c", cityId)
			.param("limit", limit)
			.query(InnovationStore::contest)
			.list();
	}

	/** Locks the contest row: a state change and a case or sheet cannot cross. */
	public Optional<ContestState> lockState(long id) {
		return jdbc.sql("select state from innovation_contest where id = :id for update")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(ContestState::valueOf);
	}

	public long insertContest(long cityId, String title, String description, LocalDate deadline, String by,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into innovation_contest (city_id, title, description, deadline, state, created_by, created_at,
				    updated_at)
				values (:c, :t, :d, :dl, 'OPEN', :by, :at, :at)""")
			.param("c", cityId)
			.param("t", title)
			.param("d", description)
			.param("dl", deadline)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertCriterion(long contestId, int position, String name, int weight) {
		jdbc.sql("insert into innovation_criterion (contest_id, position, name, weight) values (:k, :p, :n, :w)")
			.param("k", contestId)
			.param("p", position)
			.param("n", name)
			.param("w", weight)
			.update();
	}

	public void insertJudge(long contestId, long userId) {
		jdbc.sql("insert into innovation_judge (contest_id, user_id) values (:k, :u)")
			.param("k", contestId)
			.param("u", userId)
			.update();
	}

	public void setState(long id, ContestState state, Instant at) {
		jdbc.sql("update innovation_contest set state = :s, updated_at = :at, version = version + 1 where id = :id")
			.param("s", state.name())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public Map<Long, List<ContestView.Criterion>> criteria(Collection<Long> contestIds) {
		Map<Long, List<ContestView.Criterion>> out = new HashMap<>();
		if (contestIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select contest_id, id, position, name, weight from innovation_criterion where contest_id in (:ids)
				order by contest_id, position""")
			.param("ids", contestIds)
			.query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new ContestView.Criterion(rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5))))
			.list();
		return out;
	}

	public Map<Long, List<ContestView.Judge>> judges(Collection<Long> contestIds) {
		Map<Long, List<ContestView.Judge>> out = new HashMap<>();
		if (contestIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select j.contest_id, a.id, a.username, a.display_name from innovation_judge j
				join app_user a on a.id = j.user_id where j.contest_id in (:ids) order by j.contest_id, a.username""")
			.param("ids", contestIds)
			.query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new ContestView.Judge(rs.getLong(2), rs.getString(3), rs.getString(4))))
			.list();
		return out;
	}

	/** The enabled accounts of a city that may judge (office, leaders, inspectors), by user name. */
	public List<ContestView.Judge> judgeChoices(long cityId) {
		return jdbc.sql("""
				select distinct a.id, a.username, a.display_name from app_user a join user_role r on r.user_id = a.id
				where a.city_id = :c and a.enabled = true and r.role_code in """ + JUDGE_ROLES + " order by a.username")
			.param("c", cityId)
			.query((rs, n) -> new ContestView.Judge(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** An account's city by user name (null for an account without one), if it exists at all. */
	public Optional<Optional<Long>> cityOfUser(String username) {
		return jdbc.sql("select city_id from app_user where username = :u")
			.param("u", username)
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, Long.class)))
			.optional();
	}

	// --- cases

	public List<CaseRow> cases(ScopeSql s, long contestId) {
		return s.bind(jdbc.sql(CASE + " where x.contest_id = :k and " + s.cityAndUnit("x.city_id", "u.path")
				+ " order by x.id"))
			.param("k", contestId)
			.query(InnovationStore::caseRow)
			.list();
	}

	public Optional<CaseRow> findCase(ScopeSql s, long id) {
		return s.bind(jdbc.sql(CASE + " where x.id = :id and " + s.cityAndUnit("x.city_id", "u.path")))
			.param("id", id)
			.query(InnovationStore::caseRow)
			.optional();
	}

	/** Every case of a contest, unscoped: the ranking's (published rankings name units and titles only). */
	public List<CaseRow> allCases(long contestId) {
		return jdbc.sql(CASE + " where x.contest_id = :k order by x.id")
			.param("k", contestId)
			.query(InnovationStore::caseRow)
			.list();
	}

	public long insertCase(long contestId, long cityId, long unitId, String title, String summary, String by,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into innovation_case (contest_id, city_id, unit_id, title, summary, submitted_by, submitted_at,
				    updated_at)
				values (:k, :c, :u, :t, :s, :by, :at, :at)""")
			.param("k", contestId)
			.param("c", cityId)
			.param("u", unitId)
			.param("t", title)
			.param("s", summary)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void updateCase(long id, String title, String summary, Instant at) {
		jdbc.sql("update innovation_case set title = :t, summary = :s, updated_at = :at, version = version + 1"
				+ " where id = :id")
			.param("t", title)
			.param("s", summary)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public void addFile(long caseId, long fileId) {
		jdbc.sql("insert into innovation_case_file (case_id, file_id) values (:c, :f)")
			.param("c", caseId)
			.param("f", fileId)
			.update();
	}

	public List<Long> files(long caseId) {
		return jdbc.sql("select file_id from innovation_case_file where case_id = :c order by file_id")
			.param("c", caseId)
			.query(Long.class)
			.list();
	}

	/** Locks the case row: its bonus is set once. */
	public void lockCase(long id) {
		jdbc.sql("select id from innovation_case where id = :id for update").param("id", id).query(Long.class).optional();
	}

	public void setBonus(long caseId, long itemId, String period, BigDecimal points) {
		jdbc.sql("update innovation_case set bonus_item_id = :i, bonus_period = :p, bonus_points = :pts,"
				+ " version = version + 1 where id = :id")
			.param("i", itemId)
			.param("p", period)
			.param("pts", points)
			.param("id", caseId)
			.update();
	}

	// --- sheets

	public long insertSheet(long caseId, long judgeId, BigDecimal total, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into innovation_sheet (case_id, judge_user_id, total, submitted_at) values (:c, :j, :t, :at)""")
			.param("c", caseId)
			.param("j", judgeId)
			.param("t", total)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertScore(long sheetId, long criterionId, int score) {
		jdbc.sql("insert into innovation_score (sheet_id, criterion_id, score) values (:s, :c, :v)")
			.param("s", sheetId)
			.param("c", criterionId)
			.param("v", score)
			.update();
	}

	public boolean hasSheet(long caseId, long judgeId) {
		return jdbc.sql("select count(*) from innovation_sheet where case_id = :c and judge_user_id = :j")
			.param("c", caseId)
			.param("j", judgeId)
			.query(Long.class)
			.single() > 0;
	}

	/** The sheets of some cases (one judge's only when {@code judgeId} is given), by case. */
	public Map<Long, List<SheetRow>> sheets(Collection<Long> caseIds, Long judgeId) {
		Map<Long, List<SheetRow>> out = new LinkedHashMap<>();
		if (caseIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select s.id, s.case_id, a.id, a.username, a.display_name, s.total, s.submitted_at from innovation_sheet s
				join app_user a on a.id = s.judge_user_id
				where s.case_id in (:ids) and (a.id = :j or :any = 1) order by s.case_id, a.username""")
			.param("ids", caseIds)
			.param("j", judgeId == null ? -1L : judgeId)
			.param("any", judgeId == null ? 1 : 0)
			.query((rs, n) -> out.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
				.add(new SheetRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
						rs.getBigDecimal(6), rs.getTimestamp(7).toInstant())))
			.list();
		return out;
	}

	/** The scores of some sheets: sheet id → criterion id → score. */
	public Map<Long, Map<Long, Integer>> scores(Collection<Long> sheetIds) {
		Map<Long, Map<Long, Integer>> out = new HashMap<>();
		if (sheetIds.isEmpty()) {
			return out;
		}
		jdbc.sql("select sheet_id, criterion_id, score from innovation_score where sheet_id in (:ids)")
			.param("ids", sheetIds)
			.query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
				.put(rs.getLong(2), rs.getInt(3)))
			.list();
		return out;
	}

	/** How many sheets each case of a contest has. */
	public Map<Long, Integer> sheetCounts(long contestId) {
		Map<Long, Integer> out = new HashMap<>();
		jdbc.sql("""
				select x.id, count(s.id) from innovation_case x left join innovation_sheet s on s.case_id = x.id
				where x.contest_id = :k group by x.id""")
			.param("k", contestId)
			.query((rs, n) -> out.put(rs.getLong(1), rs.getInt(2)))
			.list();
		return out;
	}

	/** The sheet totals of every case of a contest, by case: what the ranking averages. */
	public Map<Long, List<BigDecimal>> totals(long contestId) {
		Map<Long, List<BigDecimal>> out = new HashMap<>();
		jdbc.sql("""
				select s.case_id, s.total from innovation_sheet s join innovation_case x on x.id = s.case_id
				where x.contest_id = :k""")
			.param("k", contestId)
			.query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getBigDecimal(2)))
			.list();
		return out;
	}

	private static ContestRow contest(ResultSet rs, int n) throws SQLException {
		return new ContestRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getObject(7, LocalDate.class), ContestState.valueOf(rs.getString(8)),
				rs.getTimestamp(9).toInstant(), rs.getLong(10));
	}

	private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
		return new CaseRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
				rs.getObject(10, Long.class), rs.getString(11), rs.getBigDecimal(12));
	}

}
