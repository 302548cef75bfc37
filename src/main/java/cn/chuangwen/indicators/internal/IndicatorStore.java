package cn.chuangwen.indicators.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for indicator systems and their indicators. Reads take the caller's data scope as bind
 * parameters: a system belongs to a city, and every city-bound scope sees its own city's systems.
 */
@Repository
public class IndicatorStore {

	static final String SYSTEM = """
			select s.id, s.city_id, c.code as city_code, s.name, s.based_on_id, s.in_use, s.leaf_count, s.created_at,
			       s.version
			from indicator_system s join city c on c.id = s.city_id
			""";

	static final String INDICATOR = """
			select i.id, i.system_id, i.city_id, i.parent_id, i.code, i.name, i.level, i.criteria, i.methods, i.score,
			       i.point_types, i.target_quantity, i.target_unit, i.leaf, i.path, i.sort_order, i.version
			from indicator i
			""";

	private final JdbcClient jdbc;

	public IndicatorStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An indicator as stored: the view, its place among its siblings and its version. */
	public record Stored(IndicatorView view, int sortOrder, int version) {
	}

	/** Validated fields of an indicator to write. */
	public record Fields(String code, String name, String level, String criteria, List<AssessmentMethod> methods,
			BigDecimal score, List<String> pointTypes, BigDecimal targetQuantity, String targetUnit) {
	}

	public List<IndicatorSystemView> systems(DataScope scope, String cityCode) {
		return systemsWhere(SYSTEM, scope, cityCode, " order by c.id, s.created_at desc, s.id desc")
			.query(IndicatorStore::system)
			.list();
	}

	/** One page of {@link #systems}, read with LIMIT/OFFSET, and the total. */
	public Page<IndicatorSystemView> systems(DataScope scope, String cityCode, PageRequest page) {
		return Page.read(page,
				() -> systemsWhere(SYSTEM, scope, cityCode,
					" order by c.id, s.created_at desc, s.id desc limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(IndicatorStore::system)
					.list(),
				() -> systemsWhere("select count(*) from indicator_system s join city c on c.id = s.city_id", scope,
					cityCode, "")
					.query(Long.class)
					.single());
	}

	/** Names of the given systems in scope, by id. */
	public Map<Long, String> systemNames(DataScope scope, Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		ScopeSql s = ScopeSql.of(scope);
		s.bind(jdbc.sql("select s.id, s.name from indicator_system s where s.id in (:ids) and " + s.city("s.city_id")))
			.param("ids", List.copyOf(ids))
			.query(rs -> {
				names.put(rs.getLong(1), rs.getString(2));
			});
		return names;
	}

	private JdbcClient.StatementSpec systemsWhere(String select, DataScope scope, String cityCode, String tail) {
		ScopeSql s = ScopeSql.of(scope);
		String sql = select + " where " + s.city("s.city_id") + (cityCode == null ? "" : " and c.code = :cityCode") + tail;
		var spec = s.bind(jdbc.sql(sql));
		return cityCode == null ? spec : spec.param("cityCode", cityCode);
	}

	public Optional<IndicatorSystemView> system(DataScope scope, long id) {
		return scoped(SYSTEM + " where s.id = :id and ", "s.city_id", scope).param("id", id)
			.query(IndicatorStore::system)
			.optional();
	}

	public Optional<IndicatorSystemView> system(long id) {
		return jdbc.sql(SYSTEM + " where s.id = :id").param("id", id).query(IndicatorStore::system).optional();
	}

	public int countSystems() {
		return jdbc.sql("select count(*) from indicator_system").query(Integer.class).single();
	}

	public boolean nameExists(long cityId, String name) {
		return jdbc.sql("select count(*) from indicator_system where city_id = :city and name = :name")
			.param("city", cityId)
			.param("name", name)
			.query(Integer.class)
			.single() > 0;
	}

	public long insertSystem(long cityId, String name, Long basedOnId, int leafCount, Instant now, String createdBy) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into indicator_system (city_id, name, based_on_id, in_use, leaf_count, created_at, created_by, version)
				values (:city, :name, :basedOn, false, :leaves, :now, :by, 0)
				""")
			.param("city", cityId)
			.param("name", name)
			.param("basedOn", basedOnId)
			.param("leaves", leafCount)
			.param("now", utc(now))
			.param("by", createdBy)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Inserts one indicator under its parent (or at the top) and returns its id; the path ends with it. */
	public long insertIndicator(long systemId, long cityId, Long parentId, String parentPath, Fields f, int sortOrder,
			boolean leaf) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into indicator (system_id, city_id, parent_id, code, name, level, criteria, methods, score,
				                       point_types, target_quantity, target_unit, path, sort_order, leaf, version)
				values (:system, :city, :parent, :code, :name, :level, :criteria, :methods, :score, :pointTypes,
				        :quantity, :unit, '/', :sortOrder, :leaf, 0)
				""")
			.param("system", systemId)
			.param("city", cityId)
			.param("parent", parentId)
			.param("code", f.code())
			.param("name", f.name())
			.param("level", f.level())
			.param("criteria", f.criteria())
			.param("methods", joinMethods(f.methods()))
			.param("score", f.score())
			.param("pointTypes", IndicatorRules.joinPointTypes(f.pointTypes()))
			.param("quantity", f.targetQuantity())
			.param("unit", f.targetUnit())
			.param("sortOrder", sortOrder)
			.param("leaf", leaf)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("update indicator set path = :path where id = :id")
			.param("path", (parentPath == null ? "/" : parentPath) + id + "/")
			.param("id", id)
			.update();
		return id;
	}

	/** The indicators of a system in file order (sort_order); the caller arranges them as a tree. */
	public List<Stored> indicators(long systemId) {
		return jdbc.sql(INDICATOR + " where i.system_id = :system order by i.sort_order, i.id")
			.param("system", systemId)
			.query(IndicatorStore::stored)
			.list();
	}

	public Optional<Stored> indicator(DataScope scope, long id) {
		return scoped(INDICATOR + " where i.id = :id and ", "i.city_id", scope).param("id", id)
			.query(IndicatorStore::stored)
			.optional();
	}

	public Optional<Stored> indicator(long id) {
		return jdbc.sql(INDICATOR + " where i.id = :id").param("id", id).query(IndicatorStore::stored).optional();
	}

	public List<Stored> children(long parentId) {
		return jdbc.sql(INDICATOR + " where i.parent_id = :parent order by i.sort_order, i.id")
			.param("parent", parentId)
			.query(IndicatorStore::stored)
			.list();
	}

	/**
	 * Locks the system row until the transaction ends and says whether it is in use: edits of one
	 * system, and marking it in use, happen one after the other.
	 */
	public Optional<Boolean> lockSystem(long systemId) {
		return jdbc.sql("select in_use from indicator_system where id = :id for update")
			.param("id", systemId)
			.query(Boolean.class)
			.optional();
	}

	/** Updates the editable fields if the version still matches; false when someone saved first. */
	public boolean updateIndicator(long id, int version, Fields f) {
		return jdbc.sql("""
				update indicator set name = :name, criteria = :criteria, methods = :methods, score = :score,
				       point_types = :pointTypes, target_quantity = :quantity, target_unit = :unit, version = version + 1
				where id = :id and version = :version
				""")
			.param("name", f.name())
			.param("criteria", f.criteria())
			.param("methods", joinMethods(f.methods()))
			.param("score", f.score())
			.param("pointTypes", IndicatorRules.joinPointTypes(f.pointTypes()))
			.param("quantity", f.targetQuantity())
			.param("unit", f.targetUnit())
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** Marks the system in use; false when it already was. */
	public boolean markInUse(long systemId) {
		return jdbc.sql("update indicator_system set in_use = true, version = version + 1 where id = :id and in_use = false")
			.param("id", systemId)
			.update() == 1;
	}

	/** A system belongs to a city, and every city-bound scope sees its own city's systems: city only. */
	private JdbcClient.StatementSpec scoped(String head, String cityColumn, DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(head + s.city(cityColumn)));
	}

	static String joinMethods(List<AssessmentMethod> methods) {
		return String.join("|", methods.stream().map(Enum::name).toList());
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static IndicatorSystemView system(ResultSet rs, int row) throws SQLException {
		long basedOn = rs.getLong("based_on_id");
		Long basedOnId = rs.wasNull() ? null : basedOn;
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		return new IndicatorSystemView(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"),
				rs.getString("name"), basedOnId, rs.getBoolean("in_use"), rs.getInt("leaf_count"),
				created == null ? null : created.toInstant(), rs.getInt("version"));
	}

	static Stored stored(ResultSet rs, int row) throws SQLException {
		long parent = rs.getLong("parent_id");
		Long parentId = rs.wasNull() ? null : parent;
		List<AssessmentMethod> methods = new ArrayList<>();
		String m = rs.getString("methods");
		if (m != null && !m.isBlank()) {
			for (String name : m.split("\\|")) {
				AssessmentMethod.parse(name).ifPresent(methods::add);
			}
		}
		String types = rs.getString("point_types");
		List<String> pointTypes = types == null || types.isBlank() ? List.of() : List.of(types.split("\\|"));
		String path = rs.getString("path");
		IndicatorView view = new IndicatorView(rs.getLong("id"), rs.getLong("system_id"), rs.getLong("city_id"),
				parentId, rs.getString("code"), rs.getString("name"), rs.getString("level"), rs.getString("criteria"),
				methods, normalise(rs.getBigDecimal("score")), pointTypes, normalise(rs.getBigDecimal("target_quantity")),
				rs.getString("target_unit"), rs.getBoolean("leaf"), path, depth(path));
		return new Stored(view, rs.getInt("sort_order"), rs.getInt("version"));
	}

	/** 4.000 → 4, 2.500 → 2.5: the database's scale is not the value's. */
	static BigDecimal normalise(BigDecimal n) {
		if (n == null) {
			return null;
		}
		BigDecimal s = n.stripTrailingZeros();
		return s.scale() < 0 ? s.setScale(0) : s;
	}

	static int depth(String path) {
		int slashes = 0;
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '/') {
				slashes++;
			}
		}
		return Math.max(1, slashes - 1);
	}

}
