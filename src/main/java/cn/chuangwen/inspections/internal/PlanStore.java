package cn.chuangwen.inspections.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.PlanDetail;
import cn.chuangwen.inspections.PlanFilter;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PlanState;
import cn.chuangwen.inspections.PlanView;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for inspection plans (检查计划). Who sees which plan is decided by {@link Reader}: the office
 * every plan of its city, an inspector the plans it is on, a unit the announced or closed plans that
 * cover one of its points. An open unannounced plan therefore never reaches a unit's query at all.
 */
@Repository
public class PlanStore {

	private static final String SELECT = """
			select p.id, p.city_id, p.kind, p.name, p.period, p.state, p.start_date, p.end_date, p.closed_at,
			       p.sample_size, p.seed, p.candidate_count, p.candidate_digest, p.created_at, p.created_by, p.closed_by,
			       p.version,
			       (select count(*) from inspection_plan_point pp where pp.plan_id = p.id) as point_count,
			       (select count(*) from inspection i where i.plan_id = p.id) as inspected_count
			from inspection_plan p
			""";

	private final JdbcClient jdbc;

	public PlanStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Who reads plans, and so which rows a query may return. */
	public sealed interface Reader {

		/** The city office: every plan of its city. */
		record Office(long cityId) implements Reader {
		}

		/** An inspector: the plans of its city it is on. */
		record Inspector(long cityId, long userId) implements Reader {
		}

		/** A unit (or the province): announced or closed plans covering a point in its scope. */
		record Unit(DataScope scope) implements Reader {
		}

	}

	/** A stored plan with its draw, before the caller's view of it is decided. */
	public record Row(PlanView view, PlanDetail.Sample sample, Instant createdAt, String createdBy, String closedBy,
			int version) {
	}

	/** The new plan's row. */
	public record NewPlan(long cityId, PlanKind kind, String name, String period, LocalDate startDate,
			LocalDate endDate, PlanDetail.Sample sample, Instant at, String by) {
	}

	/** A plan's scope: the point types, towns and units its sample was drawn from (each possibly empty). */
	public record Scope(List<PointType> pointTypes, List<Long> towns, List<Long> units) {
	}

	private static String visible(Reader reader, ScopeSql sql) {
		if (reader instanceof Reader.Office) {
			return " p.city_id = :readerCity ";
		}
		if (reader instanceof Reader.Inspector) {
			return " p.city_id = :readerCity and exists (select 1 from inspection_plan_inspector pi"
					+ " where pi.plan_id = p.id and pi.user_id = :readerUser) ";
		}
		return " " + sql.city("p.city_id") + " and (p.kind = 'ANNOUNCED' or p.state = 'CLOSED')"
				+ " and exists (select 1 from inspection_plan_point pp join field_point f on f.id = pp.field_point_id"
				+ " where pp.plan_id = p.id and " + FieldPointStore.scope(sql) + ") ";
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Reader reader, ScopeSql sql) {
		if (reader instanceof Reader.Office o) {
			return spec.param("readerCity", o.cityId());
		}
		if (reader instanceof Reader.Inspector i) {
			return spec.param("readerCity", i.cityId()).param("readerUser", i.userId());
		}
		return sql.bind(spec);
	}

	private static ScopeSql sql(Reader reader) {
		return ScopeSql.of(reader instanceof Reader.Unit u ? u.scope() : DataScope.none());
	}

	private JdbcClient.StatementSpec filtered(String head, Reader reader, PlanFilter filter, String tail) {
		ScopeSql sql = sql(reader);
		StringBuilder where = new StringBuilder(" where ").append(visible(reader, sql));
		if (filter.kind() != null) {
			where.append(" and p.kind = :kind");
		}
		if (filter.state() != null) {
			where.append(" and p.state = :state");
		}
		if (filter.period() != null) {
			where.append(" and p.period = :period");
		}
		JdbcClient.StatementSpec spec = bind(jdbc.sql(head + where + tail), reader, sql);
		if (filter.kind() != null) {
			spec = spec.param("kind", filter.kind().name());
		}
		if (filter.state() != null) {
			spec = spec.param("state", filter.state().name());
		}
		if (filter.period() != null) {
			spec = spec.param("period", filter.period());
		}
		return spec;
	}

	/** One page, open plans first, then the newest period; the count only when the page is full. */
	public Page<Row> page(Reader reader, PlanFilter filter, PageRequest page) {
		return Page.read(page, () -> filtered(SELECT, reader, filter,
				" order by case when p.state = 'OPEN' then 0 else 1 end, p.period desc, p.id desc limit " + page.size()
						+ " offset " + page.offset())
			.query(PlanStore::map)
			.list(), () -> filtered("select count(*) from inspection_plan p", reader, filter, "").query(Long.class).single());
	}

	/** Up to {@code max} of the plans the reader may see, in the list's order: for the export. */
	public void each(Reader reader, PlanFilter filter, int max, java.util.function.Consumer<Row> sink) {
		filtered(SELECT, reader, filter,
				" order by case when p.state = 'OPEN' then 0 else 1 end, p.period desc, p.id desc limit " + Math.max(0, max))
			.query(PlanStore::map)
			.stream()
			.forEach(sink);
	}

	/** The plan if the reader may see it. */
	public Optional<Row> find(Reader reader, long id) {
		ScopeSql sql = sql(reader);
		return bind(jdbc.sql(SELECT + " where p.id = :id and " + visible(reader, sql)), reader, sql).param("id", id)
			.query(PlanStore::map)
			.optional();
	}

	/** A plan of the city, whoever asks: the facade then decides between 403 and 404. */
	public Optional<Row> findInCity(long cityId, long id) {
		return jdbc.sql(SELECT + " where p.id = :id and p.city_id = :city")
			.param("id", id)
			.param("city", cityId)
			.query(PlanStore::map)
			.optional();
	}

	/** The inspectors of each plan, by username. */
	public Map<Long, List<PlanView.Inspector>> inspectors(Collection<Long> planIds) {
		Map<Long, List<PlanView.Inspector>> byPlan = new LinkedHashMap<>();
		if (planIds.isEmpty()) {
			return byPlan;
		}
		jdbc.sql("""
				select pi.plan_id, u.id, u.username, u.display_name from inspection_plan_inspector pi
				join app_user u on u.id = pi.user_id where pi.plan_id in (:ids) order by pi.plan_id, u.username
				""")
			.param("ids", planIds)
			.query((rs, n) -> {
				byPlan.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new PlanView.Inspector(rs.getLong(2), rs.getString(3), rs.getString(4)));
				return null;
			})
			.list();
		return byPlan;
	}

	/**
	 * The plan's points by code, each with whether it has been inspected; with a unit's scope only
	 * the points of the units in it.
	 */
	public List<PlanDetail.PlanPoint> points(long planId, DataScope unitScope) {
		ScopeSql sql = ScopeSql.of(unitScope);
		String where = unitScope == null ? "" : " and " + FieldPointStore.scope(sql);
		JdbcClient.StatementSpec spec = jdbc.sql("""
				select f.id, f.code, f.name, f.point_type, f.unit_id, u.name as unit_name, f.town_id, t.name as town_name,
				       (select count(*) from inspection i where i.plan_id = pp.plan_id and i.field_point_id = f.id) as done
				from inspection_plan_point pp join field_point f on f.id = pp.field_point_id
				join unit u on u.id = f.unit_id join unit t on t.id = f.town_id
				where pp.plan_id = :plan""" + where + " order by f.code").param("plan", planId);
		if (unitScope != null) {
			spec = sql.bind(spec);
		}
		return spec.query((rs, n) -> new PlanDetail.PlanPoint(rs.getLong(1), rs.getString(2), rs.getString(3),
				PointType.valueOf(rs.getString(4)), new PlanDetail.Ref(rs.getLong(5), rs.getString(6)),
				new PlanDetail.Ref(rs.getLong(7), rs.getString(8)), rs.getLong(9) > 0))
			.list();
	}

	/** The point ids of the plan, in draw (or choice) order. */
	public List<Long> pointIds(long planId) {
		return jdbc.sql("select field_point_id from inspection_plan_point where plan_id = :p order by sort_order")
			.param("p", planId)
			.query(Long.class)
			.list();
	}

	public Scope scope(long planId) {
		List<PointType> types = new ArrayList<>();
		List<Long> towns = new ArrayList<>();
		List<Long> units = new ArrayList<>();
		jdbc.sql("select scope_kind, scope_value from inspection_plan_scope where plan_id = :p order by scope_kind, scope_value")
			.param("p", planId)
			.query((rs, n) -> {
				String value = rs.getString(2);
				switch (rs.getString(1)) {
					case "POINT_TYPE" -> types.add(PointType.valueOf(value));
					case "TOWN" -> towns.add(Long.valueOf(value));
					default -> units.add(Long.valueOf(value));
				}
				return null;
			})
			.list();
		types.sort(null);
		return new Scope(types, towns, units);
	}

	/** Names of units by id (the scope's towns and units), in the given order. */
	public List<PlanDetail.Ref> unitNames(long cityId, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = new LinkedHashMap<>();
		jdbc.sql("select id, name from unit where city_id = :c and id in (:ids)")
			.param("c", cityId)
			.param("ids", ids)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return ids.stream().filter(names::containsKey).map(id -> new PlanDetail.Ref(id, names.get(id))).toList();
	}

	/**
	 * The draw's candidates: the city's active points of the scope's types (and, when given, in its
	 * towns and of its units), ids in code order.
	 */
	public List<Long> candidates(long cityId, Scope scope) {
		StringBuilder sql = new StringBuilder(
				"select f.id from field_point f where f.city_id = :c and f.active = true and f.point_type in (:types)");
		if (!scope.towns().isEmpty()) {
			sql.append(" and f.town_id in (:towns)");
		}
		if (!scope.units().isEmpty()) {
			sql.append(" and f.unit_id in (:units)");
		}
		JdbcClient.StatementSpec spec = jdbc.sql(sql + " order by f.code")
			.param("c", cityId)
			.param("types", scope.pointTypes().stream().map(Enum::name).toList());
		if (!scope.towns().isEmpty()) {
			spec = spec.param("towns", scope.towns());
		}
		if (!scope.units().isEmpty()) {
			spec = spec.param("units", scope.units());
		}
		return spec.query(Long.class).list();
	}

	/** Which of {@code ids} are active points of the city. */
	public List<Long> activePoints(long cityId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id from field_point where city_id = :c and active = true and id in (:ids)")
			.param("c", cityId)
			.param("ids", ids)
			.query(Long.class)
			.list();
	}

	public boolean isInspector(long planId, long userId) {
		return jdbc.sql("select count(*) from inspection_plan_inspector where plan_id = :p and user_id = :u")
			.param("p", planId)
			.param("u", userId)
			.query(Long.class)
			.single() > 0;
	}

	/** Whether the city has a plan of this kind in the period (the demo's guard). */
	public boolean exists(long cityId, PlanKind kind, String period) {
		return jdbc.sql("select count(*) from inspection_plan where city_id = :c and kind = :k and period = :p")
			.param("c", cityId)
			.param("k", kind.name())
			.param("p", period)
			.query(Long.class)
			.single() > 0;
	}

	public long insert(NewPlan p) {
		KeyHolder keys = new GeneratedKeyHolder();
		PlanDetail.Sample s = p.sample();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, sample_size, seed,
				                             candidate_count, candidate_digest, created_at, created_by, version)
				values (:city, :kind, :name, :period, :start, :end, 'OPEN', :size, :seed, :candidates, :digest, :at, :by, 0)
				""")
			.param("city", p.cityId())
			.param("kind", p.kind().name())
			.param("name", p.name())
			.param("period", p.period())
			.param("start", Date.valueOf(p.startDate()))
			.param("end", Date.valueOf(p.endDate()))
			.param("size", s == null ? null : s.size(), java.sql.Types.INTEGER)
			.param("seed", s == null ? null : s.seed(), java.sql.Types.BIGINT)
			.param("candidates", s == null ? null : s.candidateCount(), java.sql.Types.INTEGER)
			.param("digest", s == null ? null : s.digest(), java.sql.Types.VARCHAR)
			.param("at", Timestamp.from(p.at()))
			.param("by", p.by())
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	public void insertScope(long planId, Scope scope) {
		for (PointType t : scope.pointTypes()) {
			scopeRow(planId, "POINT_TYPE", t.name());
		}
		for (Long id : scope.towns()) {
			scopeRow(planId, "TOWN", id.toString());
		}
		for (Long id : scope.units()) {
			scopeRow(planId, "UNIT", id.toString());
		}
	}

	private void scopeRow(long planId, String kind, String value) {
		jdbc.sql("insert into inspection_plan_scope (plan_id, scope_kind, scope_value) values (:p, :k, :v)")
			.param("p", planId)
			.param("k", kind)
			.param("v", value)
			.update();
	}

	/** The points in the given order (sort_order 1, 2, ...). */
	public void insertPoints(long planId, List<Long> pointIds) {
		int order = 0;
		for (Long id : pointIds) {
			jdbc.sql("insert into inspection_plan_point (plan_id, field_point_id, sort_order) values (:p, :f, :o)")
				.param("p", planId)
				.param("f", id)
				.param("o", ++order)
				.update();
		}
	}

	public void insertInspectors(long planId, Collection<Long> userIds) {
		for (Long id : userIds) {
			jdbc.sql("insert into inspection_plan_inspector (plan_id, user_id) values (:p, :u)")
				.param("p", planId)
				.param("u", id)
				.update();
		}
	}

	/** Closes an open plan; false when it was closed already (by someone else meanwhile, too). */
	public boolean close(long planId, Instant at, String by) {
		return jdbc.sql("""
				update inspection_plan set state = 'CLOSED', closed_at = :at, closed_by = :by, version = version + 1
				where id = :id and state = 'OPEN'
				""")
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("id", planId)
			.update() == 1;
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		Timestamp closed = rs.getTimestamp("closed_at");
		long seed = rs.getLong("seed");
		PlanDetail.Sample sample = rs.wasNull() ? null
				: new PlanDetail.Sample(rs.getInt("sample_size"), seed, rs.getInt("candidate_count"),
						rs.getString("candidate_digest"));
		PlanView view = new PlanView(rs.getLong("id"), rs.getLong("city_id"), PlanKind.valueOf(rs.getString("kind")),
				rs.getString("name"), rs.getString("period"), PlanState.valueOf(rs.getString("state")),
				new PlanView.Dates(rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class)),
				List.of(), rs.getInt("point_count"), rs.getInt("inspected_count"),
				closed == null ? null : closed.toInstant());
		return new Row(view, sample, rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getString("closed_by"), rs.getInt("version"));
	}

}
