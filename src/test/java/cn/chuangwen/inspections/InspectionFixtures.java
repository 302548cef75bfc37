package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import cn.chuangwen.inspections.internal.ChecklistStore;

/**
 * Plans for the inspection tests, written straight into the plan tables (the plans' own facade is
 * another part of issue 9): a fresh plan per test, over demo field points whose type has a
 * checklist in use, with the named inspectors.
 */
public final class InspectionFixtures {

	/** A demo field point and its checklist items in use. */
	public record Point(long id, long cityId, long unitId, PointType type, BigDecimal lat, BigDecimal lng,
			List<ChecklistItemView> items) {
	}

	private final JdbcClient jdbc;

	public InspectionFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long cityId(String code) {
		return jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
	}

	/** The city's first {@code n} active points with a checklist in use, from {@code offset} on. */
	public List<Point> points(String city, int offset, int n) {
		long cityId = cityId(city);
		List<Long> ids = jdbc.sql("""
				select fp.id from field_point fp where fp.city_id = :c and fp.active = true
				   and exists (select 1 from checklist_item ci where ci.city_id = fp.city_id and ci.point_type = fp.point_type)
				 order by fp.id limit :n offset :o""")
			.param("c", cityId)
			.param("n", n)
			.param("o", offset)
			.query(Long.class)
			.list();
		return ids.stream().map(this::point).toList();
	}

	public Point point(long id) {
		return jdbc.sql("select id, city_id, unit_id, point_type, lat, lng from field_point where id = :id")
			.param("id", id)
			.query((rs, n) -> {
				PointType type = PointType.valueOf(rs.getString(4));
				return new Point(rs.getLong(1), rs.getLong(2), rs.getLong(3), type, rs.getBigDecimal(5),
						rs.getBigDecimal(6), new ChecklistStore(jdbc)
							.inUse(rs.getLong(2), type));
			})
			.single();
	}

	/** A new open plan of the city over the points, inspected by the named users. */
	public long plan(String city, PlanKind kind, List<Point> points, String... inspectors) {
		long cityId = cityId(city);
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by)
				values (:c, :k, :n, '2026-12', :s, :e, 'OPEN', :at, 'test')""")
			.param("c", cityId)
			.param("k", kind.name())
			.param("n", "测试计划" + System.nanoTime())
			.param("s", LocalDate.of(2026, 1, 1))
			.param("e", LocalDate.of(2027, 12, 31))
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		int order = 0;
		for (Point p : points) {
			jdbc.sql("insert into inspection_plan_point (plan_id, field_point_id, sort_order) values (:p, :f, :o)")
				.param("p", id)
				.param("f", p.id())
				.param("o", order++)
				.update();
		}
		for (String username : inspectors) {
			jdbc.sql("""
					insert into inspection_plan_inspector (plan_id, user_id)
					select :p, id from app_user where username = :u""").param("p", id).param("u", username).update();
		}
		return id;
	}

	public void close(long planId) {
		jdbc.sql("update inspection_plan set state = 'CLOSED', closed_at = :at, closed_by = 'test' where id = :id")
			.param("id", planId)
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	public long inspections(long planId) {
		return jdbc.sql("select count(*) from inspection where plan_id = :p").param("p", planId).query(Long.class).single();
	}

	public long results(long planId) {
		return jdbc.sql("select count(*) from inspection_result r join inspection i on i.id = r.inspection_id where i.plan_id = :p")
			.param("p", planId)
			.query(Long.class)
			.single();
	}

	/**
	 * A JSON submission answering every item of the point: the first {@code deduct} items with a
	 * deduction of {@code count}, the rest OK. {@code extra} is appended inside the object.
	 */
	public static String body(String clientId, long planId, Point p, int deduct, int count, Instant checkedAt,
			String extra) {
		StringBuilder results = new StringBuilder();
		for (int i = 0; i < p.items().size(); i++) {
			ChecklistItemView item = p.items().get(i);
			results.append(i == 0 ? "" : ",")
				.append(i < deduct ? "{\"itemId\": %d, \"outcome\": \"DEDUCT\", \"count\": %d, \"note\": \"发现问题\"}"
					.formatted(item.id(), count) : "{\"itemId\": %d, \"outcome\": \"OK\"}".formatted(item.id()));
		}
		return """
				{"clientId": "%s", "planId": %d, "fieldPointId": %d, "lat": %s, "lng": %s, "checkedAt": "%s",
				 "results": [%s]%s}""".formatted(clientId, planId, p.id(), p.lat().toPlainString(),
				p.lng().toPlainString(), checkedAt, results, extra);
	}

	public static String items(List<ChecklistItemView> items) {
		return items.stream().map(i -> String.valueOf(i.id())).collect(Collectors.joining(","));
	}

}
