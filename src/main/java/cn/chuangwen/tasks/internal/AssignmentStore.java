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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
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
			       a.target_description, a.target_value, a.target_unit, a.start_date, a.deadline, a.percent,
			       a.value_reached, a.signed_off_at, a.signed_off_by, a.version
			from assignment a join unit lu on lu.id = a.lead_unit_id
			""";

	private final JdbcClient jdbc;

	public AssignmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One row of a list before indicator names and states are filled in. */
	public record Row(long id, long cityId, long systemId, long indicatorId, String indicatorCode,
			String indicatorName, long groupId,
			long leadUnitId, String leadUnitName, AssignmentView.Responsible responsible, String targetDescription,
			BigDecimal targetValue, String targetUnit, LocalDate startDate, LocalDate deadline, int percent,
			BigDecimal valueReached, Instant signedOffAt, String signedOffBy, int version) {
	}

	public long insert(long cityId, long systemId, long indicatorId, String indicatorCode, String indicatorName, long groupId,
			long leadUnitId, AssignmentView.Responsible responsible, String targetDescription, BigDecimal targetValue,
			String targetUnit, LocalDate start, LocalDate deadline, Instant now, String createdBy) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into assignment (city_id, system_id, indicator_id, indicator_code, indicator_name, group_id, lead_unit_id,
				    responsible_name, responsible_post, responsible_phone, target_description, target_value, target_unit,
				    start_date, deadline, percent, version, created_at, created_by)
				values (:city, :system, :indicator, :code, :iname, :groupId, :lead, :rname, :rpost, :rphone, :target, :tvalue,
				    :tunit, :start, :deadline, 0, 0, :now, :by)
				""")
			.param("city", cityId)
			.param("system", systemId)
			.param("indicator", indicatorId)
			.param("code", indicatorCode)
			.param("iname", indicatorName)
			.param("groupId", groupId)
			.param("lead", leadUnitId)
			.param("rname", responsible.name())
			.param("rpost", responsible.post())
			.param("rphone", responsible.phone())
			.param("target", targetDescription)
			.param("tvalue", targetValue)
			.param("tunit", targetUnit)
			.param("start", start)
			.param("deadline", deadline)
			.param("now", utc(now))
			.param("by", createdBy)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
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

	public boolean exists(long indicatorId, long leadUnitId) {
		return jdbc.sql("select count(*) from assignment where indicator_id = :i and lead_unit_id = :u")
			.param("i", indicatorId)
			.param("u", leadUnitId)
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

	/** One page of the rows {@link #list} would give, read with LIMIT/OFFSET, and the total. */
	public Page<Row> page(DataScope scope, long cityId, AssignmentFilter f, LocalDate today, TaskSettings settings,
			PageRequest page) {
		long total = filtered("select count(*) from assignment a join unit lu on lu.id = a.lead_unit_id", scope, cityId, f,
				today, settings, "")
			.query(Long.class)
			.single();
		List<Row> rows = total == 0 ? List.of()
				: filtered(SELECT, scope, cityId, f, today, settings, " order by a.deadline, a.id limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(AssignmentStore::map)
					.list();
		return new Page<>(rows, total, page);
	}

	/** Only the filters given become conditions, so each can use its index. */
	private JdbcClient.StatementSpec filtered(String select, DataScope scope, long cityId, AssignmentFilter f,
			LocalDate today, TaskSettings settings, String tail) {
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder sql = new StringBuilder(select).append(" where a.city_id = :city and ").append(scope(s));
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
		var spec = s.bind(jdbc.sql(sql.toString())).param("city", cityId);
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

	/** Not signed off, due exactly 1, 3 or 7 days after the day, or overdue on it: for reminders. */
	public List<Row> dueOrOverdue(long cityId, LocalDate day) {
		return jdbc.sql(SELECT + """
				 where a.city_id = :city and a.signed_off_at is null
				   and (a.deadline < :day or a.deadline in (:d1, :d3, :d7))
				 order by a.deadline, a.id
				""")
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
		// One pass over the system's passed milestones joined in, rather than a lookup per assignment.
		ScopeSql s = ScopeSql.of(scope);
		String sql = """
				select lead_unit_id, group_id, state, count(*) as n from (
				  select a.lead_unit_id, a.group_id, """ + state("coalesce(e.expected, 0)") + """
				   as state
				  from assignment a join unit lu on lu.id = a.lead_unit_id
				  left join (select m.assignment_id, max(m.percent) as expected
				             from milestone m join assignment ma on ma.id = m.assignment_id
				             where ma.system_id = :systemId and m.due_date <= :today
				             group by m.assignment_id) e on e.assignment_id = a.id
				  where a.system_id = :systemId and """ + s.cityAndUnit("a.city_id", "lu.path") + """
				) t group by lead_unit_id, group_id, state
				""";
		return state(s.bind(jdbc.sql(sql)), today, settings).param("systemId", systemId)
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

	/** Cooperating units per assignment: [unitId, name]. */
	public Map<Long, List<Object[]>> cooperators(List<Long> assignmentIds) {
		Map<Long, List<Object[]>> map = new HashMap<>();
		for (List<Long> chunk : chunks(assignmentIds)) {
			jdbc.sql("""
					select ac.assignment_id, u.id, u.name from assignment_cooperator ac join unit u on u.id = ac.unit_id
					where ac.assignment_id in (:ids) order by u.id
					""")
				.param("ids", chunk)
				.query(rs -> {
					map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Object[] { rs.getLong(2), rs.getString(3) });
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
		return jdbc.sql("select distinct indicator_id from assignment where system_id = :s")
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
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getLong("system_id"), rs.getLong("indicator_id"),
				rs.getString("indicator_code"), rs.getString("indicator_name"), rs.getLong("group_id"), rs.getLong("lead_unit_id"),
				rs.getString("lead_unit_name"),
				new AssignmentView.Responsible(rs.getString("responsible_name"), rs.getString("responsible_post"),
						rs.getString("responsible_phone")),
				rs.getString("target_description"), rs.getBigDecimal("target_value"), rs.getString("target_unit"),
				rs.getObject("start_date", LocalDate.class), rs.getObject("deadline", LocalDate.class),
				rs.getInt("percent"), rs.getBigDecimal("value_reached"), instant(rs, "signed_off_at"),
				rs.getString("signed_off_by"), rs.getInt("version"));
	}

}
