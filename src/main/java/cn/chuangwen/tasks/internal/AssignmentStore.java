package cn.chuangwen.tasks.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView.IndicatorRef;
import cn.chuangwen.tasks.AssignmentView.Responsible;
import cn.chuangwen.tasks.AssignmentView.Target;
import cn.chuangwen.tasks.AssignmentView.UnitRef;
import cn.chuangwen.tasks.AssignmentView.Withdrawal;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.TaskSettings;

/** SQL for assignments. Reads take the caller's data scope and the state rules as bind parameters. */
@Repository
public class AssignmentStore {

	/**
	 * The state of assignment {@code a}, as {@link AssignmentState#compute} defines it. Binds:
	 * today, riskPoints, riskDate (= today + the city's at-risk days).
	 */
	public static final String STATE_SQL = state("""
			coalesce((select max(m.percent) from milestone m where m.assignment_id = a.id and m.due_date <= :today), 0)""");

	/**
	 * The state CASE over an expression giving the expected percent of assignment {@code a} today.
	 * Milestones never decrease (validated), so the latest one passed is also the highest passed.
	 */
	static String state(String expected) {
		return """
				case
				  when a.signed_off_at is not null then 'SIGNED_OFF'
				  when a.deadline < :today then 'OVERDUE'
				  when %s - a.percent >= :riskPoints then 'AT_RISK'
				  when a.deadline <= :riskDate and a.percent < 100 then 'AT_RISK'
				  when a.percent = 0 then 'NOT_STARTED'
				  else 'ON_TRACK'
				end""".formatted(expected);
	}

	/** Visible when the city is in scope and the lead or a cooperating unit lies in the scope's subtree. */
	static String scope(ScopeSql s) {
		if (!s.restrictsUnits()) {
			return " " + s.city("a.city_id") + " ";
		}
		return " " + s.city("a.city_id") + " and (" + s.unit("lu.path")
				+ " or exists (select 1 from assignment_cooperator ac join unit cu on cu.id = ac.unit_id"
				+ " where ac.assignment_id = a.id and " + s.unit("cu.path") + ")) ";
	}

	private static final String SELECT = """
			select a.id, a.city_id, a.system_id, a.indicator_id, a.indicator_code, a.indicator_name, a.group_id, a.lead_unit_id,
			       lu.name as lead_unit_name, a.responsible_name, a.responsible_post, a.responsible_phone,
			       a.target_description, a.target_value, a.target_share, a.target_unit, a.start_date, a.deadline, a.percent,
			       a.value_reached, a.signed_off_at, a.signed_off_by, a.withdrawn_at, a.withdrawn_by, a.withdraw_reason,
			       a.version
			from assignment a join unit lu on lu.id = a.lead_unit_id
			""";

	/** How many rows {@link #SELECT} with the same conditions gives. */
	private static final String COUNT = "select count(*) from assignment a join unit lu on lu.id = a.lead_unit_id";

	private final JdbcClient jdbc;

	public AssignmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A live assignment (not withdrawn): what lists, the battle map, reminders and homes count. */
	static final String LIVE = " a.withdrawn_at is null ";

	/** One row of a list before milestones, cooperating units and states are filled in. */
	public record Row(long id, long cityId, IndicatorRef indicator, UnitRef lead, Responsible responsible, Target target,
			LocalDate startDate, LocalDate deadline, Reached reached, Withdrawal withdrawal, int version) {

		public int percent() {
			return reached.percent();
		}

		public Instant signedOffAt() {
			return reached.signedOffAt();
		}

	}

	/** Approved progress as stored: percent, value reached, sign-off. */
	public record Reached(int percent, BigDecimal value, Instant signedOffAt, String signedOffBy) {
	}

	/** A new assignment row. */
	public record NewAssignment(long cityId, IndicatorRef indicator, long leadUnitId, Responsible responsible,
			Target target, LocalDate start, LocalDate deadline, Instant createdAt, String createdBy) {
	}

	/** The fields the office may change on an assignment (the indicator stays). */
	public record Change(long leadUnitId, Responsible responsible, String targetDescription, BigDecimal targetShare,
			LocalDate start, LocalDate deadline) {
	}

	public long insert(NewAssignment n) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into assignment (city_id, system_id, indicator_id, indicator_code, indicator_name, group_id, lead_unit_id,
				    responsible_name, responsible_post, responsible_phone, target_description, target_value, target_share,
				    target_unit, start_date, deadline, percent, version, created_at, created_by)
				values (:city, :system, :indicator, :code, :iname, :groupId, :lead, :rname, :rpost, :rphone, :target, :tvalue,
				    :tshare, :tunit, :start, :deadline, 0, 0, :now, :by)
				""")
			.param("city", n.cityId())
			.param("system", n.indicator().systemId())
			.param("indicator", n.indicator().id())
			.param("code", n.indicator().code())
			.param("iname", n.indicator().name())
			.param("groupId", n.indicator().groupId())
			.param("lead", n.leadUnitId())
			.param("rname", n.responsible().name())
			.param("rpost", n.responsible().post())
			.param("rphone", n.responsible().phone())
			.param("target", n.target().description())
			.param("tvalue", n.target().cityValue())
			.param("tshare", n.target().share())
			.param("tunit", n.target().unit())
			.param("start", n.start())
			.param("deadline", n.deadline())
			.param("now", utc(n.createdAt()))
			.param("by", n.createdBy())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Applies the office's change if nobody saved the live assignment since {@code version}. */
	public boolean update(long id, int version, Change c) {
		return jdbc.sql("""
				update assignment set lead_unit_id = :lead, responsible_name = :rname, responsible_post = :rpost,
				       responsible_phone = :rphone, target_description = :target, target_share = :tshare,
				       start_date = :start, deadline = :deadline, version = version + 1
				where id = :id and version = :v and withdrawn_at is null
				""")
			.param("lead", c.leadUnitId())
			.param("rname", c.responsible().name())
			.param("rpost", c.responsible().post())
			.param("rphone", c.responsible().phone())
			.param("target", c.targetDescription())
			.param("tshare", c.targetShare())
			.param("start", c.start())
			.param("deadline", c.deadline())
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	/** Withdraws a live assignment if nobody saved it since {@code version}. */
	public boolean withdraw(long id, int version, Withdrawal w) {
		return jdbc.sql("""
				update assignment set withdrawn_at = :at, withdrawn_by = :by, withdraw_reason = :reason, version = version + 1
				where id = :id and version = :v and withdrawn_at is null
				""")
			.param("at", utc(w.at()))
			.param("by", w.by())
			.param("reason", w.reason())
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	public void replaceCooperators(long assignmentId, List<Long> unitIds) {
		jdbc.sql("delete from assignment_cooperator where assignment_id = :a").param("a", assignmentId).update();
		insertCooperators(assignmentId, unitIds);
	}

	public void replaceMilestones(long assignmentId, List<Milestone> milestones) {
		jdbc.sql("delete from milestone where assignment_id = :a").param("a", assignmentId).update();
		insertMilestones(assignmentId, milestones);
	}

	/** Live assignments of one indicator in scope, by lead unit: the shares of its city target. */
	public List<Row> ofIndicator(DataScope scope, long indicatorId) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where a.indicator_id = :i and" + LIVE + "and " + scope(s) + " order by lu.code, a.id"))
			.param("i", indicatorId)
			.query(AssignmentStore::map)
			.list();
	}

	public void insertCooperators(long assignmentId, List<Long> unitIds) {
		if (unitIds.isEmpty()) {
			return;
		}
		long cityId = cityOf(assignmentId);
		for (Long unit : unitIds) {
			jdbc.sql("insert into assignment_cooperator (assignment_id, city_id, unit_id) values (:a, :city, :u)")
				.param("a", assignmentId)
				.param("city", cityId)
				.param("u", unit)
				.update();
		}
	}

	public void insertMilestones(long assignmentId, List<Milestone> milestones) {
		if (milestones.isEmpty()) {
			return;
		}
		long cityId = cityOf(assignmentId);
		for (Milestone m : milestones) {
			jdbc.sql("insert into milestone (assignment_id, city_id, due_date, percent) values (:a, :city, :d, :p)")
				.param("a", assignmentId)
				.param("city", cityId)
				.param("d", m.date())
				.param("p", m.percent())
				.update();
		}
	}

	/** Child rows carry their assignment's city like every business row. */
	private long cityOf(long assignmentId) {
		return jdbc.sql("select city_id from assignment where id = :a").param("a", assignmentId).query(Long.class).single();
	}

	/** Whether a live assignment other than {@code exceptId} gives the indicator to the unit. */
	public boolean exists(long indicatorId, long leadUnitId, long exceptId) {
		return jdbc.sql("select count(*) from assignment a where a.indicator_id = :i and a.lead_unit_id = :u and a.id <> :x and"
				+ LIVE)
			.param("i", indicatorId)
			.param("u", leadUnitId)
			.param("x", exceptId)
			.query(Integer.class)
			.single() > 0;
	}

	public Optional<Row> find(DataScope scope, long id) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where a.id = :id and " + scope(s)))
			.param("id", id)
			.query(AssignmentStore::map)
			.optional();
	}

	/** The assignments of one city among {@code ids} (links another module holds), unscoped beyond the city. */
	public List<Row> ofCity(long cityId, java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where a.city_id = :c and a.id in (:ids) order by a.deadline, a.id")
			.param("c", cityId)
			.param("ids", ids)
			.query(AssignmentStore::map)
			.list();
	}

	/** Which of these assignments the scope may open. */
	public java.util.Set<Long> visible(DataScope scope, java.util.Collection<Long> ids) {
		java.util.Set<Long> visible = new java.util.HashSet<>();
		ScopeSql s = ScopeSql.of(scope);
		for (List<Long> chunk : chunks(List.copyOf(ids))) {
			visible.addAll(s
				.bind(jdbc.sql("select a.id from assignment a join unit lu on lu.id = a.lead_unit_id where a.id in (:ids) and "
						+ scope(s)))
				.param("ids", chunk)
				.query(Long.class)
				.list());
		}
		return visible;
	}

	/**
	 * Rows of one city in scope, filtered; the state filter is applied in SQL with the city's rules.
	 * At most {@code limit} rows, for callers that need them all (exports, overviews).
	 */
	public List<Row> list(DataScope scope, long cityId, AssignmentFilter f, LocalDate today, TaskSettings settings,
			int limit) {
		return filtered(SELECT, scope, cityId, f, today, settings, " order by a.deadline, a.id limit " + Math.max(0, limit))
			.query(AssignmentStore::map)
			.list();
	}

	/**
	 * Every row of one city in scope matching the filter whose deadline lies between {@code from}
	 * and {@code to} (both included), by deadline: no cap, the range bounds it (a unit's year).
	 */
	public List<Row> dueBetween(DataScope scope, long cityId, AssignmentFilter f, LocalDate from, LocalDate to,
			LocalDate today, TaskSettings settings) {
		return filtered(SELECT, scope, cityId, f, today, settings,
				" and a.deadline >= :from and a.deadline <= :to order by a.deadline, a.id")
			.param("from", from)
			.param("to", to)
			.query(AssignmentStore::map)
			.list();
	}

	/**
	 * How many rows {@link #list} would give per state, and the sum of their percents: the figures
	 * of a unit's record, counted in SQL over every row. Returns [state ordinal, count, percent sum].
	 */
	public List<long[]> countsByState(DataScope scope, long cityId, AssignmentFilter f, LocalDate today,
			TaskSettings settings) {
		AssignmentFilter any = new AssignmentFilter(f.systemId(), f.unitId(), f.groupId(), f.indicatorCode(), null);
		return state(filtered("select (" + STATE_SQL + ") as st, count(*), coalesce(sum(a.percent), 0)"
				+ " from assignment a join unit lu on lu.id = a.lead_unit_id", scope, cityId, any, today, settings,
				" group by 1"), today, settings)
			.query((rs, n) -> new long[] { AssignmentState.valueOf(rs.getString(1)).ordinal(), rs.getLong(2),
					rs.getLong(3) })
			.list();
	}

	/** One page of the rows {@link #list} would give, read with LIMIT/OFFSET, and the total. */
	public Page<Row> page(DataScope scope, long cityId, AssignmentFilter f, LocalDate today, TaskSettings settings,
			PageRequest page) {
		return Page.read(page,
				() -> filtered(SELECT, scope, cityId, f, today, settings, " order by a.deadline, a.id limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(AssignmentStore::map)
					.list(),
				() -> filtered(COUNT, scope, cityId, f, today, settings, "").query(Long.class).single());
	}

	/**
	 * One page over several cities (the province's list across its cities), by city then deadline.
	 * A state filter applies each city's own at-risk settings ({@code settings} by city id).
	 */
	public Page<Row> pageAcrossCities(DataScope scope, Map<Long, TaskSettings> settings, AssignmentFilter f,
			LocalDate today, PageRequest page) {
		if (settings.isEmpty()) {
			return Page.empty(page);
		}
		return Page.read(page,
				() -> filtered(SELECT, scope, settings, f, today, " order by a.city_id, a.deadline, a.id limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(AssignmentStore::map)
					.list(),
				() -> filtered(COUNT, scope, settings, f, today, "").query(Long.class).single());
	}

	/** Several cities: the state rules' binds become per-city CASEs over bound values (no string values in SQL). */
	private JdbcClient.StatementSpec filtered(String select, DataScope scope, Map<Long, TaskSettings> settings,
			AssignmentFilter f, LocalDate today, String tail) {
		List<Long> cities = List.copyOf(settings.keySet());
		AssignmentFilter withoutState = new AssignmentFilter(f.systemId(), f.unitId(), f.groupId(), f.indicatorCode(), null);
		StringBuilder extra = new StringBuilder(" and a.city_id in (:cities)");
		if (f.state() != null) {
			StringBuilder points = new StringBuilder("(case a.city_id");
			StringBuilder dates = new StringBuilder("(case a.city_id");
			for (int i = 0; i < cities.size(); i++) {
				points.append(" when :city").append(i).append(" then :riskPoints").append(i);
				dates.append(" when :city").append(i).append(" then :riskDate").append(i);
			}
			String state = STATE_SQL.replace(":riskPoints", points.append(" end)").toString())
				.replace(":riskDate", dates.append(" end)").toString());
			extra.append(" and (").append(state).append(") = :state");
		}
		var spec = filtered(select, scope, null, withoutState, today, null, extra + tail).param("cities", cities);
		if (f.state() != null) {
			spec = spec.param("today", today).param("state", f.state().name());
			for (int i = 0; i < cities.size(); i++) {
				TaskSettings s = settings.get(cities.get(i));
				spec = spec.param("city" + i, cities.get(i))
					.param("riskPoints" + i, s.atRiskPoints())
					.param("riskDate" + i, today.plusDays(s.atRiskDays()));
			}
		}
		return spec;
	}

	/** Only the filters given become conditions, so each can use its index. {@code cityId} null: the caller adds the city condition. */
	private JdbcClient.StatementSpec filtered(String select, DataScope scope, Long cityId, AssignmentFilter f,
			LocalDate today, TaskSettings settings, String tail) {
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder sql = new StringBuilder(select).append(" where").append(LIVE).append("and ")
			.append(cityId == null ? "" : "a.city_id = :city and ")
			.append(scope(s));
		if (f.systemId() != null) {
			sql.append(" and a.system_id = :systemId");
		}
		if (f.unitId() != null) {
			sql.append("""
					 and a.id in (select l.id from assignment l where l.lead_unit_id = :unitId
					              union all select c.assignment_id from assignment_cooperator c where c.unit_id = :unitId)""");
		}
		if (f.groupId() != null) {
			sql.append(" and a.group_id = :groupId");
		}
		if (f.indicatorCode() != null) {
			sql.append(" and a.indicator_code = :code");
		}
		if (f.state() != null) {
			sql.append(" and (").append(STATE_SQL).append(") = :state");
		}
		sql.append(tail);
		var spec = s.bind(jdbc.sql(sql.toString()));
		if (cityId != null) {
			spec = spec.param("city", cityId);
		}
		if (f.systemId() != null) {
			spec = spec.param("systemId", f.systemId());
		}
		if (f.unitId() != null) {
			spec = spec.param("unitId", f.unitId());
		}
		if (f.groupId() != null) {
			spec = spec.param("groupId", f.groupId());
		}
		if (f.indicatorCode() != null) {
			spec = spec.param("code", f.indicatorCode());
		}
		if (f.state() != null) {
			spec = state(spec, today, settings).param("state", f.state().name());
		}
		return spec;
	}

	/**
	 * Rows of one city in scope not signed off whose deadline lies between {@code from} and
	 * {@code to} (both included), soonest first: what falls due this week on a home page.
	 */
	public long countDueBetween(DataScope scope, long cityId, LocalDate from, LocalDate to) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(COUNT + " where a.city_id = :city and" + LIVE + "and " + scope(s)
				+ " and a.signed_off_at is null and a.deadline between :from and :to"))
			.param("city", cityId)
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.single();
	}

	public List<Row> dueBetween(DataScope scope, long cityId, LocalDate from, LocalDate to, int limit) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where a.city_id = :city and" + LIVE + "and " + scope(s)
				+ " and a.signed_off_at is null and a.deadline between :from and :to order by a.deadline, a.id limit :limit"))
			.param("city", cityId)
			.param("from", from)
			.param("to", to)
			.param("limit", limit)
			.query(AssignmentStore::map)
			.list();
	}

	/** The lead unit lies in the subtree of one of {@code :roots} (a leader's attached units, 挂点). */
	private static final String UNDER_ROOTS = " join unit au on au.id in (:roots) and au.city_id = a.city_id"
			+ " and lu.path like au.path || '%'";

	/**
	 * Per attached unit and state, how many rows of one city in scope on one system lie under it,
	 * counted in SQL over every row: [root unit id, state ordinal, count].
	 */
	public List<long[]> countsUnder(DataScope scope, long cityId, long systemId, List<Long> rootUnitIds,
			LocalDate today, TaskSettings settings) {
		if (rootUnitIds.isEmpty()) {
			return List.of();
		}
		ScopeSql s = ScopeSql.of(scope);
		String sql = "select au.id, (" + STATE_SQL + ") as st, count(*) from assignment a"
				+ " join unit lu on lu.id = a.lead_unit_id" + UNDER_ROOTS
				+ " where a.city_id = :city and a.system_id = :systemId and" + LIVE + "and " + scope(s) + " group by 1, 2";
		return state(s.bind(jdbc.sql(sql)), today, settings).param("roots", rootUnitIds)
			.param("city", cityId)
			.param("systemId", systemId)
			.query((rs, n) -> new long[] { rs.getLong(1), AssignmentState.valueOf(rs.getString(2)).ordinal(),
					rs.getLong(3) })
			.list();
	}

	/**
	 * One page of the rows of one city in scope on one system under any of the given units that are
	 * overdue or at risk: overdue first, then by deadline, each row once however many of the units
	 * it lies under; with the total.
	 */
	public Page<Row> urgentUnder(DataScope scope, long cityId, long systemId, List<Long> rootUnitIds, LocalDate today,
			TaskSettings settings, PageRequest page) {
		if (rootUnitIds.isEmpty()) {
			return Page.empty(page);
		}
		ScopeSql s = ScopeSql.of(scope);
		String where = " where a.city_id = :city and a.system_id = :systemId and" + LIVE + "and " + scope(s)
				+ " and exists (select 1 from unit au where au.id in (:roots) and au.city_id = a.city_id"
				+ " and lu.path like au.path || '%') and (" + STATE_SQL + ") in ('OVERDUE', 'AT_RISK')";
		Function<String, JdbcClient.StatementSpec> bound = sql -> state(s.bind(jdbc.sql(sql)), today, settings)
			.param("roots", rootUnitIds)
			.param("city", cityId)
			.param("systemId", systemId);
		return Page.read(page,
				() -> bound.apply(SELECT + where + " order by case when (" + STATE_SQL
						+ ") = 'OVERDUE' then 0 else 1 end, a.deadline, a.id limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(AssignmentStore::map)
					.list(),
				() -> bound.apply(COUNT + where).query(Long.class).single());
	}

	/**
	 * One page of the rows matching the filter that are not signed off and fall due from today to
	 * the end of {@code days} days (both included), by deadline, with the total.
	 */
	public Page<Row> pageDueWithin(DataScope scope, long cityId, AssignmentFilter f, LocalDate today, int days,
			TaskSettings settings, PageRequest page) {
		LocalDate from = today;
		LocalDate to = today.plusDays(days);
		String due = " and a.signed_off_at is null and a.deadline >= :from and a.deadline <= :to";
		BiFunction<String, String, JdbcClient.StatementSpec> bound = (head, tail) -> filtered(head, scope, cityId, f,
				today, settings, due + tail)
			.param("from", from)
			.param("to", to);
		return Page.read(page,
				() -> bound.apply(SELECT, " order by a.deadline, a.id limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(AssignmentStore::map)
					.list(),
				() -> bound.apply(COUNT, "").query(Long.class).single());
	}

	/** Not signed off, due exactly 1, 3 or 7 days after the day, or overdue on it: for reminders. */
	public List<Row> dueOrOverdue(DataScope scope, long cityId, LocalDate day) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + """
				 where a.city_id = :city and a.signed_off_at is null and a.withdrawn_at is null
				   and (a.deadline < :day or a.deadline in (:d1, :d3, :d7)) and """ + scope(s) + """
				 order by a.deadline, a.id
				"""))
			.param("city", cityId)
			.param("day", day)
			.param("d1", day.plusDays(1))
			.param("d3", day.plusDays(3))
			.param("d7", day.plusDays(7))
			.query(AssignmentStore::map)
			.list();
	}

	/** Counts per lead unit, indicator group and state, for the battle map of one system. */
	public List<long[]> countsByUnitGroupState(long systemId, DataScope scope, LocalDate today, TaskSettings settings) {
		return countsByUnitGroupState(systemId, scope, today, settings, null, null);
	}

	/**
	 * The same counts narrowed in SQL to lead units of one kind ({@code kind} null: any) and to the
	 * subtrees with the given unit paths ({@code subtrees} null: anywhere; empty: nowhere).
	 */
	public List<long[]> countsByUnitGroupState(long systemId, DataScope scope, LocalDate today, TaskSettings settings,
			cn.chuangwen.organization.UnitKind kind, List<String> subtrees) {
		// One pass over the system's passed milestones joined in, rather than a lookup per assignment.
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder narrow = new StringBuilder(kind == null ? "" : " and lu.kind = :kind");
		if (subtrees != null) {
			narrow.append(" and (1 = 0");
			for (int i = 0; i < subtrees.size(); i++) {
				narrow.append(" or lu.path like :subtree").append(i);
			}
			narrow.append(")");
		}
		String sql = """
				select lead_unit_id, group_id, state, count(*) as n from (
				  select a.lead_unit_id, a.group_id, """ + state("coalesce(e.expected, 0)") + """
				   as state
				  from assignment a join unit lu on lu.id = a.lead_unit_id
				  left join (select m.assignment_id, max(m.percent) as expected
				             from milestone m join assignment ma on ma.id = m.assignment_id
				             where ma.system_id = :systemId and m.due_date <= :today
				             group by m.assignment_id) e on e.assignment_id = a.id
				  where a.system_id = :systemId and a.withdrawn_at is null and """ + s.cityAndUnit("a.city_id", "lu.path")
				+ narrow + """
				) t group by lead_unit_id, group_id, state
				""";
		var spec = state(s.bind(jdbc.sql(sql)), today, settings).param("systemId", systemId);
		if (kind != null) {
			spec = spec.param("kind", kind.name());
		}
		for (int i = 0; subtrees != null && i < subtrees.size(); i++) {
			spec = spec.param("subtree" + i, subtrees.get(i) + "%");
		}
		return spec
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), AssignmentState.valueOf(rs.getString(3)).ordinal(),
					rs.getLong(4) })
			.list();
	}

	public Map<Long, List<Milestone>> milestones(List<Long> assignmentIds) {
		Map<Long, List<Milestone>> map = new HashMap<>();
		for (List<Long> chunk : chunks(assignmentIds)) {
			jdbc.sql("select assignment_id, due_date, percent from milestone where assignment_id in (:ids) order by due_date")
				.param("ids", chunk)
				.query(rs -> {
					map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new Milestone(rs.getObject(2, LocalDate.class), rs.getInt(3)));
				});
		}
		return map;
	}

	/** Cooperating units per assignment. */
	public Map<Long, List<UnitRef>> cooperators(List<Long> assignmentIds) {
		Map<Long, List<UnitRef>> map = new HashMap<>();
		for (List<Long> chunk : chunks(assignmentIds)) {
			jdbc.sql("""
					select ac.assignment_id, u.id, u.name from assignment_cooperator ac join unit u on u.id = ac.unit_id
					where ac.assignment_id in (:ids) order by u.id
					""")
				.param("ids", chunk)
				.query(rs -> {
					map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new UnitRef(rs.getLong(2), rs.getString(3)));
				});
		}
		return map;
	}

	public boolean setProgress(long id, int percent, BigDecimal valueReached, Instant signedOffAt, String signedOffBy) {
		return jdbc.sql("""
				update assignment set percent = :p, value_reached = :v, signed_off_at = :s, signed_off_by = :by,
				       version = version + 1 where id = :id
				""")
			.param("p", percent)
			.param("v", valueReached)
			.param("s", signedOffAt == null ? null : utc(signedOffAt))
			.param("by", signedOffBy)
			.param("id", id)
			.update() == 1;
	}

	public boolean reopen(long id, int version) {
		return jdbc.sql("""
				update assignment set signed_off_at = null, signed_off_by = null, version = version + 1
				where id = :id and version = :v and signed_off_at is not null
				""")
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	/** Leaf indicators of a system without any assignment. */
	public List<Long> assignedIndicatorIds(long systemId) {
		return jdbc.sql("select distinct indicator_id from assignment where system_id = :s and withdrawn_at is null")
			.param("s", systemId)
			.query(Long.class)
			.list();
	}

	public TaskSettings settings(long cityId) {
		return jdbc.sql("select at_risk_points, at_risk_days, old_photo_days, assessment_date, version from task_setting where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> new TaskSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3),
					rs.getObject(4, LocalDate.class), rs.getInt(5)))
			.optional()
			.orElse(TaskSettings.defaults());
	}

	public void saveSettings(long cityId, TaskSettings s) {
		int changed = jdbc.sql("""
				update task_setting set at_risk_points = :p, at_risk_days = :d, old_photo_days = :o, assessment_date = :a,
				       version = version + 1 where city_id = :c
				""")
			.param("p", s.atRiskPoints())
			.param("d", s.atRiskDays())
			.param("o", s.oldPhotoDays())
			.param("a", s.assessmentDate())
			.param("c", cityId)
			.update();
		if (changed == 0) {
			jdbc.sql("""
					insert into task_setting (city_id, at_risk_points, at_risk_days, old_photo_days, assessment_date, version)
					values (:c, :p, :d, :o, :a, 0)
					""")
				.param("p", s.atRiskPoints())
				.param("d", s.atRiskDays())
				.param("o", s.oldPhotoDays())
				.param("a", s.assessmentDate())
				.param("c", cityId)
				.update();
		}
	}

	static JdbcClient.StatementSpec state(JdbcClient.StatementSpec spec, LocalDate today, TaskSettings settings) {
		return spec.param("today", today)
			.param("riskPoints", settings.atRiskPoints())
			.param("riskDate", today.plusDays(settings.atRiskDays()));
	}

	static List<List<Long>> chunks(List<Long> ids) {
		List<List<Long>> chunks = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += 1000) {
			chunks.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
		}
		return chunks;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static Row map(ResultSet rs, int n) throws SQLException {
		Instant withdrawnAt = instant(rs, "withdrawn_at");
		return new Row(rs.getLong("id"), rs.getLong("city_id"),
				new IndicatorRef(rs.getLong("system_id"), rs.getLong("indicator_id"), rs.getString("indicator_code"),
						rs.getString("indicator_name"), rs.getLong("group_id")),
				new UnitRef(rs.getLong("lead_unit_id"), rs.getString("lead_unit_name")),
				new Responsible(rs.getString("responsible_name"), rs.getString("responsible_post"),
						rs.getString("responsible_phone")),
				new Target(rs.getString("target_description"), rs.getBigDecimal("target_value"),
						rs.getBigDecimal("target_share"), rs.getString("target_unit")),
				rs.getObject("start_date", LocalDate.class), rs.getObject("deadline", LocalDate.class),
				new Reached(rs.getInt("percent"), rs.getBigDecimal("value_reached"), instant(rs, "signed_off_at"),
						rs.getString("signed_off_by")),
				withdrawnAt == null ? null
						: new Withdrawal(withdrawnAt, rs.getString("withdrawn_by"), rs.getString("withdraw_reason")),
				rs.getInt("version"));
	}

}
