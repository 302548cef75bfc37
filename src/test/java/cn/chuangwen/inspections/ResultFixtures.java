package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;

/**
 * Rounds written straight into the tables for the results tests (the field module's facade is not
 * the subject here): plans of a past period of their own, inspections with given scores, and units
 * in a ranking group of their own, so the tests never meet the demo or each other.
 */
final class ResultFixtures {

	static final Random RANDOM = new Random();

	private final JdbcClient jdbc;

	private final Units units;

	ResultFixtures(JdbcClient jdbc, Units units) {
		this.jdbc = jdbc;
		this.units = units;
	}

	/** The months of 2001–2019, handed out in turn from a random start: two tests never share one. */
	private static final int MONTHS = 19 * 12;

	private static final AtomicInteger NEXT_MONTH = new AtomicInteger(RANDOM.nextInt(MONTHS));

	/** A month no other test of this run uses (a random one could meet another's, one time in a few dozen). */
	static String freshMonth() {
		int m = Math.floorMod(NEXT_MONTH.getAndIncrement(), MONTHS);
		return "%d-%02d".formatted(2001 + m / 12, 1 + m % 12);
	}

	UnitView unit(CurrentUser office, String group, String name) {
		return units.create(office, new UnitDraft("R" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), name,
				UnitKind.DEPARTMENT, cityRoot(office.cityId()), group, false, null, null, null));
	}

	long cityRoot(long cityId) {
		return jdbc.sql("select min(id) from unit where city_id = :c and kind = 'CITY'").param("c", cityId)
			.query(Long.class).single();
	}

	long plan(long cityId, PlanKind kind, String name, String period, boolean closed) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by, version)
				values (:c, :k, :n, :p, :s, :s, :state, :at, 'test', 0)""")
			.param("c", cityId)
			.param("k", kind.name())
			.param("n", name)
			.param("p", period)
			.param("s", java.time.LocalDate.parse(period + "-05"))
			.param("state", closed ? "CLOSED" : "OPEN")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void close(long planId) {
		jdbc.sql("update inspection_plan set state = 'CLOSED' where id = :id").param("id", planId).update();
	}

	/** One inspection of the plan per score, at distinct points of the city, for the unit; null: all items N/A. */
	void inspect(long planId, long unitId, String... scores) {
		var plan = jdbc.sql("select city_id, kind, period from inspection_plan where id = :id")
			.param("id", planId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) })
			.single();
		long cityId = (Long) plan[0];
		List<Long> points = jdbc.sql("""
				select id from field_point where city_id = :c
				and id not in (select field_point_id from inspection_plan_point where plan_id = :plan)
				and id not in (select field_point_id from inspection where plan_id = :plan)
				order by id limit :n""")
			.param("c", cityId)
			.param("plan", planId)
			.param("n", scores.length)
			.query(Long.class)
			.list();
		long inspector = jdbc.sql("select min(u.id) from app_user u join city c on c.id = u.city_id where c.id = :c and u.username like '%.inspector'")
			.param("c", cityId)
			.query(Long.class)
			.single();
		for (int i = 0; i < scores.length; i++) {
			jdbc.sql("""
					insert into inspection (city_id, plan_id, field_point_id, unit_id, kind, period, client_id, inspector_id,
					    checked_at, submitted_at, score, deduction_total, max_total)
					values (:c, :plan, :point, :unit, :k, :p, :client, :inspector, :at, :at, :score, 0, 10)""")
				.param("c", cityId)
				.param("plan", planId)
				.param("point", points.get(i))
				.param("unit", unitId)
				.param("k", plan[1])
				.param("p", plan[2])
				.param("client", UUID.randomUUID().toString())
				.param("inspector", inspector)
				.param("at", OffsetDateTime.now(ZoneOffset.UTC))
				.param("score", scores[i] == null ? null : new BigDecimal(scores[i]))
				.update();
		}
	}

	/** A deduction of {@code deduction} on the city's first checklist item, for one of the plan's inspections. */
	String finding(long planId, String deduction) {
		long inspection = jdbc.sql("select min(id) from inspection where plan_id = :p").param("p", planId)
			.query(Long.class).single();
		var item = jdbc.sql("""
				select ci.id, ci.item from checklist_item ci join inspection i on i.city_id = ci.city_id
				where i.id = :i order by ci.id limit 1""")
			.param("i", inspection)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.single();
		jdbc.sql("""
				insert into inspection_result (inspection_id, item_id, outcome, occurrences, deduction, verdict)
				values (:i, :item, 'DEDUCT', 2, :d, 'FAIL')""")
			.param("i", inspection)
			.param("item", item[0])
			.param("d", new BigDecimal(deduction))
			.update();
		return (String) item[1];
	}

}
