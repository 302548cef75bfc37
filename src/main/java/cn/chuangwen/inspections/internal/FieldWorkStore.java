package cn.chuangwen.inspections.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.FieldAssignment;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PointType;

/**
 * The inspector's side of the plans: the points of the open plans an inspector is on. Every read
 * starts from {@code inspection_plan_inspector} by the inspector's id, so a plan the caller is not on
 * (another inspector's unannounced round above all) cannot appear, whatever else the caller may read.
 * Each join follows a key: the inspector index, the plan's primary key, the plan point's primary key,
 * the point's primary key and the inspection's unique (plan, point) key.
 */
@Repository
public class FieldWorkStore {

	private static final String SELECT = """
			select p.id as plan_id, p.name as plan_name, p.kind, p.start_date, p.end_date, f.id as point_id, f.code,
			       f.name, f.point_type, f.address, f.lat, f.lng, i.id as inspection_id, i.checked_at, i.score
			from inspection_plan_inspector pi
			join inspection_plan p on p.id = pi.plan_id
			join inspection_plan_point pp on pp.plan_id = p.id
			join field_point f on f.id = pp.field_point_id
			left join inspection i on i.plan_id = pp.plan_id and i.field_point_id = pp.field_point_id
			where pi.user_id = :user and p.city_id = :city and p.state = 'OPEN'
			""";

	private final JdbcClient jdbc;

	public FieldWorkStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code max} points of the inspector's open plans in the city whose dates include
	 * {@code day}, by plan (earliest end first, so the round that closes first comes first) and the
	 * plan's own point order.
	 */
	public List<FieldAssignment> today(long userId, long cityId, LocalDate day, int max) {
		return jdbc.sql(SELECT + """
				  and p.start_date <= :day and p.end_date >= :day
				order by p.end_date, p.id, pp.sort_order, f.code
				limit :max
				""")
			.param("user", userId)
			.param("city", cityId)
			.param("day", Date.valueOf(day))
			.param("max", Math.max(0, max))
			.query(FieldWorkStore::map)
			.list();
	}

	/** One point of one open plan of the inspector in the city; empty when any of that does not hold. */
	public Optional<FieldAssignment> find(long userId, long cityId, long planId, long pointId) {
		return jdbc.sql(SELECT + " and p.id = :plan and f.id = :point")
			.param("user", userId)
			.param("city", cityId)
			.param("plan", planId)
			.param("point", pointId)
			.query(FieldWorkStore::map)
			.optional();
	}

	private static FieldAssignment map(ResultSet rs, int n) throws SQLException {
		long inspection = rs.getLong("inspection_id");
		// read wasNull now: it answers for the column read last
		boolean inspected = !rs.wasNull();
		Timestamp checked = rs.getTimestamp("checked_at");
		return new FieldAssignment(
				new FieldAssignment.Plan(rs.getLong("plan_id"), rs.getString("plan_name"),
						PlanKind.valueOf(rs.getString("kind")), rs.getDate("start_date").toLocalDate(),
						rs.getDate("end_date").toLocalDate()),
				new FieldAssignment.Point(rs.getLong("point_id"), rs.getString("code"), rs.getString("name"),
						PointType.valueOf(rs.getString("point_type")), rs.getString("address"), rs.getBigDecimal("lat"),
						rs.getBigDecimal("lng")),
				inspected ? new FieldAssignment.Done(inspection, checked.toInstant(), rs.getBigDecimal("score")) : null);
	}

}
