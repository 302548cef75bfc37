package cn.chuangwen.inspections.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for field points. Every read takes the caller's data scope: the office, inspectors and the
 * province read the points of the cities in scope; a unit the points whose responsible unit is in
 * its scope (its own, and those of the units under it).
 */
@Repository
public class FieldPointStore {

	private static final String SELECT = """
			select f.id, f.city_id, f.code, f.name, f.point_type, f.address, f.lat, f.lng, f.unit_id, u.code as unit_code,
			       u.name as unit_name, f.town_id, t.code as town_code, t.name as town_name, f.active, f.version
			from field_point f join unit u on u.id = f.unit_id join unit t on t.id = f.town_id
			""";

	private final JdbcClient jdbc;

	public FieldPointStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The new point's row. */
	public record NewPoint(long cityId, String code, String name, PointType pointType, String address, GeoPoint place,
			long unitId, long townId, boolean active, Instant at) {
	}

	/** The scope predicate over {@code field_point f}: by city, and for a unit by the responsible unit's path. */
	static String scope(ScopeSql sql) {
		if (!sql.restrictsUnits()) {
			return " " + sql.city("f.city_id") + " ";
		}
		return " " + sql.city("f.city_id") + " and f.unit_id in (select su.id from unit su where su.city_id = :"
				+ ScopeSql.CITY + " and " + sql.unit("su.path") + ") ";
	}

	private JdbcClient.StatementSpec filtered(String head, DataScope scope, Long cityId, FieldPointFilter filter,
			String tail) {
		ScopeSql sql = ScopeSql.of(scope);
		StringBuilder where = new StringBuilder(" where ").append(scope(sql));
		if (cityId != null) {
			where.append(" and f.city_id = :city");
		}
		if (filter.pointType() != null) {
			where.append(" and f.point_type = :type");
		}
		if (filter.unitId() != null) {
			where.append(" and f.unit_id = :unit");
		}
		if (filter.townId() != null) {
			where.append(" and f.town_id = :town");
		}
		if (filter.active() != null) {
			where.append(" and f.active = :active");
		}
		if (filter.q() != null) {
			where.append(" and (f.code like :q escape '\\' or f.name like :q escape '\\' or f.address like :q escape '\\')");
		}
		JdbcClient.StatementSpec spec = sql.bind(jdbc.sql(head + where + tail));
		if (cityId != null) {
			spec = spec.param("city", cityId);
		}
		if (filter.pointType() != null) {
			spec = spec.param("type", filter.pointType().name());
		}
		if (filter.unitId() != null) {
			spec = spec.param("unit", filter.unitId());
		}
		if (filter.townId() != null) {
			spec = spec.param("town", filter.townId());
		}
		if (filter.active() != null) {
			spec = spec.param("active", filter.active());
		}
		if (filter.q() != null) {
			spec = spec.param("q", "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		return spec;
	}

	/** One page by city and code, the total counted only when the page is full ({@link Page#read}). */
	public Page<FieldPointView> page(DataScope scope, Long cityId, FieldPointFilter filter, PageRequest page) {
		return Page.read(page,
				() -> filtered(SELECT, scope, cityId, filter,
						" order by f.city_id, f.code limit " + page.size() + " offset " + page.offset())
					.query(FieldPointStore::map)
					.list(),
				() -> filtered("select count(*) from field_point f", scope, cityId, filter, "").query(Long.class).single());
	}

	/** Up to {@code max} matching points, by code: for the map and the export. */
	public void each(DataScope scope, Long cityId, FieldPointFilter filter, int max, Consumer<FieldPointView> sink) {
		filtered(SELECT, scope, cityId, filter, " order by f.city_id, f.code limit " + Math.max(0, max))
			.query(FieldPointStore::map)
			.stream()
			.forEach(sink);
	}

	public Optional<FieldPointView> find(DataScope scope, long id) {
		ScopeSql sql = ScopeSql.of(scope);
		return sql.bind(jdbc.sql(SELECT + " where f.id = :id and " + scope(sql)))
			.param("id", id)
			.query(FieldPointStore::map)
			.optional();
	}

	/** The points of {@code ids} in scope, by code. */
	public List<FieldPointView> findAll(DataScope scope, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		ScopeSql sql = ScopeSql.of(scope);
		return sql.bind(jdbc.sql(SELECT + " where f.id in (:ids) and " + scope(sql) + " order by f.code"))
			.param("ids", ids)
			.query(FieldPointStore::map)
			.list();
	}

	/** The codes among {@code codes} already taken in the city. */
	public List<String> takenCodes(long cityId, Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select code from field_point where city_id = :c and code in (:codes)")
			.param("c", cityId)
			.param("codes", codes)
			.query(String.class)
			.list();
	}

	public boolean codeTaken(long cityId, String code, Long exceptId) {
		return jdbc.sql("select count(*) from field_point where city_id = :c and code = :code and id <> :id")
			.param("c", cityId)
			.param("code", code)
			.param("id", exceptId == null ? -1L : exceptId)
			.query(Long.class)
			.single() > 0;
	}

	public long insert(NewPoint p) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into field_point (city_id, code, name, point_type, address, lat, lng, unit_id, town_id, active,
				                         version, created_at, updated_at)
				values (:city, :code, :name, :type, :address, :lat, :lng, :unit, :town, :active, 0, :at, :at)
				""")
			.param("city", p.cityId())
			.param("code", p.code())
			.param("name", p.name())
			.param("type", p.pointType().name())
			.param("address", p.address())
			.param("lat", p.place().latitude())
			.param("lng", p.place().longitude())
			.param("unit", p.unitId())
			.param("town", p.townId())
			.param("active", p.active())
			.param("at", Timestamp.from(p.at()))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/** Updates when the version still matches; false when someone saved first. */
	public boolean update(long id, int version, NewPoint p) {
		return jdbc.sql("""
				update field_point set code = :code, name = :name, point_type = :type, address = :address, lat = :lat,
				       lng = :lng, unit_id = :unit, town_id = :town, active = :active, version = version + 1,
				       updated_at = :at
				where id = :id and version = :version
				""")
			.param("code", p.code())
			.param("name", p.name())
			.param("type", p.pointType().name())
			.param("address", p.address())
			.param("lat", p.place().latitude())
			.param("lng", p.place().longitude())
			.param("unit", p.unitId())
			.param("town", p.townId())
			.param("active", p.active())
			.param("at", Timestamp.from(p.at()))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** The city's area, if it has one. */
	public Optional<GeoPoint.Box> area(long cityId) {
		return jdbc.sql("select min_lat, max_lat, min_lng, max_lng from field_point_area where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> new GeoPoint.Box(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
					rs.getBigDecimal(4)))
			.optional();
	}

	/** Sets a city's area (the installation's set-up and the demo data). */
	public void setArea(long cityId, GeoPoint.Box box) {
		jdbc.sql("delete from field_point_area where city_id = :c").param("c", cityId).update();
		jdbc.sql("""
				insert into field_point_area (city_id, min_lat, max_lat, min_lng, max_lng)
				values (:c, :minLat, :maxLat, :minLng, :maxLng)
				""")
			.param("c", cityId)
			.param("minLat", box.minLat())
			.param("maxLat", box.maxLat())
			.param("minLng", box.minLng())
			.param("maxLng", box.maxLng())
			.update();
	}

	/** How many active points of the city lie outside the box. */
	public long activeOutside(long cityId, GeoPoint.Box box) {
		return jdbc.sql("""
				select count(*) from field_point where city_id = :c and active = true
				  and not (lat between :minLat and :maxLat and lng between :minLng and :maxLng)""")
			.param("c", cityId)
			.param("minLat", box.minLat())
			.param("maxLat", box.maxLat())
			.param("minLng", box.minLng())
			.param("maxLng", box.maxLng())
			.query(Long.class)
			.single();
	}

	/** The city's active points inside the box (the index on city and place narrows it; distance is the caller's). */
	public List<FieldPointView> activeIn(long cityId, GeoPoint.Box box) {
		return jdbc.sql(SELECT + """
				 where f.city_id = :city and f.active = true and f.lat between :minLat and :maxLat
				   and f.lng between :minLng and :maxLng
				""")
			.param("city", cityId)
			.param("minLat", box.minLat())
			.param("maxLat", box.maxLat())
			.param("minLng", box.minLng())
			.param("maxLng", box.maxLng())
			.query(FieldPointStore::map)
			.list();
	}

	private static FieldPointView map(ResultSet rs, int n) throws SQLException {
		return new FieldPointView(rs.getLong("id"), rs.getLong("city_id"), rs.getString("code"), rs.getString("name"),
				PointType.valueOf(rs.getString("point_type")), rs.getString("address"),
				new GeoPoint(rs.getBigDecimal("lat"), rs.getBigDecimal("lng")),
				new FieldPointView.UnitRef(rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_name")),
				new FieldPointView.UnitRef(rs.getLong("town_id"), rs.getString("town_code"), rs.getString("town_name")),
				rs.getBoolean("active"), rs.getInt("version"));
	}

}
