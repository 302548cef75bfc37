package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
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
 * Data for the evaluation tests written straight into the inspections' tables (their facade is not
 * the subject): units in a ranking group of their own, plans of a past month of their own (months of
 * 2020–2023, apart from the inspections tests' 2001–2019), inspections with given scores.
 */
final class EvaluationFixtures {

	static final Random RANDOM = new Random();

	private static final int MONTHS = 4 * 12;

	private static final AtomicInteger NEXT_MONTH = new AtomicInteger(RANDOM.nextInt(MONTHS));

	private final JdbcClient jdbc;

	private final Units units;

	EvaluationFixtures(JdbcClient jdbc, Units units) {
		this.jdbc = jdbc;
		this.units = units;
	}

	/** A month of 2020–2023 no other evaluation test of this run uses. */
	static String freshMonth() {
		int m = Math.floorMod(NEXT_MONTH.getAndIncrement(), MONTHS);
		return "%d-%02d".formatted(2020 + m / 12, 1 + m % 12);
	}

	static String freshGroup() {
		return "考核组" + RANDOM.nextInt(1_000_000_000);
	}

	UnitView unit(CurrentUser office, String group, String name) {
		long root = jdbc.sql("select min(id) from unit where city_id = :c and kind = 'CITY'").param("c", office.cityId())
			.query(Long.class).single();
		return units.create(office, new UnitDraft("E" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), name,
				UnitKind.DEPARTMENT, root, group, false, null, null, null));
	}

	long plan(long cityId, String kind, String period, boolean closed) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by, version)
				values (:c, :k, :n, :p, :s, :s, :state, :at, 'test', 0)""")
			.param("c", cityId)
			.param("k", kind)
			.param("n", (kind.equals("ANNOUNCED") ? "明查" : "暗访") + period + "-" + RANDOM.nextInt(10_000))
			.param("p", period)
			.param("s", LocalDate.parse(period + "-05"))
			.param("state", closed ? "CLOSED" : "OPEN")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	String planName(long id) {
		return jdbc.sql("select name from inspection_plan where id = :id").param("id", id).query(String.class).single();
	}

	/** One inspection of the plan per score, at distinct points of the city, for the unit. */
	void inspect(long planId, long unitId, String... scores) {
		var plan = jdbc.sql("select city_id, kind, period from inspection_plan where id = :id")
			.param("id", planId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) })
			.single();
		long cityId = (Long) plan[0];
		List<Long> points = jdbc.sql("""
				select id from field_point where city_id = :c
				and id not in (select field_point_id from inspection where plan_id = :plan)
				order by id limit :n""")
			.param("c", cityId)
			.param("plan", planId)
			.param("n", scores.length)
			.query(Long.class)
			.list();
		long inspector = jdbc.sql("select min(u.id) from app_user u where u.city_id = :c and u.username like '%.inspector'")
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
				.param("score", new BigDecimal(scores[i]))
				.update();
		}
	}

}
