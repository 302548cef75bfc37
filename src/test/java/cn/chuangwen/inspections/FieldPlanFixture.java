package cn.chuangwen.inspections;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Inspection plans written straight into the tables (V37), for the field work tests: the plan pages
 * are built elsewhere, and these tests are about what an inspector sees of the plans that exist.
 */
final class FieldPlanFixture {

	private final JdbcClient jdbc;

	FieldPlanFixture(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long cityId(String code) {
		return jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
	}

	long userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	/**
	 * {@code count} active points of the city, of types with a checklist in use, that no open plan
	 * holds (the demo's past rounds hold most points, closed), by code: each test takes its own.
	 */
	List<Long> freshPoints(String city, int count) {
		return jdbc.sql("""
				select f.id from field_point f
				where f.city_id = :city and f.active = true
				  and f.point_type in (select i.point_type from checklist_item i where i.city_id = f.city_id)
				  and not exists (select 1 from inspection_plan_point pp join inspection_plan p on p.id = pp.plan_id
				                  where pp.field_point_id = f.id and p.state = 'OPEN')
				order by f.code limit :n
				""").param("city", cityId(city)).param("n", count).query(Long.class).list();
	}

	/** A plan of the city with the points and the inspectors (usernames), OPEN or CLOSED. */
	long plan(String city, PlanKind kind, String name, LocalDate start, LocalDate end, PlanState state,
			List<Long> points, List<String> inspectors) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by)
				values (:city, :kind, :name, :period, :start, :end, :state, :at, 'test')
				""")
			.param("city", cityId(city))
			.param("kind", kind.name())
			.param("name", name)
			.param("period", String.format("%d-%02d", start.getYear(), start.getMonthValue()))
			.param("start", Date.valueOf(start))
			.param("end", Date.valueOf(end))
			.param("state", state.name())
			.param("at", Timestamp.from(Instant.now()))
			.update(keys, "id");
		long plan = keys.getKeyAs(Long.class);
		int order = 0;
		for (long point : points) {
			jdbc.sql("insert into inspection_plan_point (plan_id, field_point_id, sort_order) values (:p, :f, :o)")
				.param("p", plan)
				.param("f", point)
				.param("o", order++)
				.update();
		}
		for (String inspector : inspectors) {
			jdbc.sql("insert into inspection_plan_inspector (plan_id, user_id) values (:p, :u)")
				.param("p", plan)
				.param("u", userId(inspector))
				.update();
		}
		return plan;
	}

	String pointName(long id) {
		return jdbc.sql("select name from field_point where id = :id").param("id", id).query(String.class).single();
	}

	/** The checklist item ids in use for the point's type. */
	List<Long> items(long pointId) {
		return jdbc.sql("""
				select i.id from checklist_item i join field_point f on f.city_id = i.city_id and f.point_type = i.point_type
				where f.id = :id and i.version_id = (select max(x.version_id) from checklist_item x
				                                     where x.city_id = i.city_id and x.point_type = i.point_type)
				order by i.sort_order
				""").param("id", pointId).query(Long.class).list();
	}

	int inspections(long planId, long pointId) {
		return jdbc.sql("select count(*) from inspection where plan_id = :p and field_point_id = :f")
			.param("p", planId)
			.param("f", pointId)
			.query(Integer.class)
			.single();
	}

	int photos(long planId, long pointId) {
		return jdbc.sql("""
				select count(*) from inspection_photo ph join inspection i on i.id = ph.inspection_id
				where i.plan_id = :p and i.field_point_id = :f
				""").param("p", planId).param("f", pointId).query(Integer.class).single();
	}

}
