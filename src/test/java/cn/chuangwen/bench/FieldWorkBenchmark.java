package cn.chuangwen.bench;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.inspections.FieldWork;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.AccountStore;

/**
 * Issue 9 §7, the inspector's today list at big-city scale: 20,000 field points in one city, 100
 * plans of 200 points each (open and closed, past, present and future, spread over 20 inspectors),
 * 10,000 inspections stored; the demo inspector is on five of today's open plans (1,000 points, a
 * third inspected). Times {@link FieldWork#today} and one point's form. Prints figures; never passes
 * or fails on time. See bench/README.md for the commands (H2 and PostgreSQL).
 */
public final class FieldWorkBenchmark {

	static final int POINTS = 20_000;

	static final int PLANS = 100;

	static final int PER_PLAN = 200;

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true", "--server.port=0",
				"--logging.level.root=WARN", "--spring.main.banner-mode=off",
				"--chuangwen.files.root=/tmp/chuangwen-bench-files"));
		if (System.getenv("CHUANGWEN_DB_URL") == null) {
			arguments.add("--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
					+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
		try (ConfigurableApplicationContext context = SpringApplication.run(ChuangwenApplication.class,
				arguments.toArray(String[]::new))) {
			run(context);
		}
	}

	static void run(ConfigurableApplicationContext context) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		Accounts accounts = context.getBean(Accounts.class);
		AccountStore store = context.getBean(AccountStore.class);
		CurrentUser inspector = accounts.principal(store.findByUsername("xiantao.inspector").orElseThrow().id());
		long city = inspector.cityId();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		Random random = new Random(9);

		// the points: copies of the demo points' units and towns, spread over the city's area
		List<Object[]> demo = jdbc.query("select unit_id, town_id, point_type from field_point where city_id = ?"
				+ " and point_type in (select point_type from checklist_item where city_id = ?)",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) }, city, city);
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < POINTS; i++) {
			Object[] d = demo.get(random.nextInt(demo.size()));
			rows.add(new Object[] { city, "BENCH-" + i, "基准点位 " + i, d[2], "基准地址 " + i,
					BigDecimal.valueOf(30.1 + random.nextDouble() * 0.4).setScale(6, java.math.RoundingMode.HALF_UP),
					BigDecimal.valueOf(113.1 + random.nextDouble() * 0.8).setScale(6, java.math.RoundingMode.HALF_UP),
					d[0], d[1], now, now });
		}
		jdbc.batchUpdate("""
				insert into field_point (city_id, code, name, point_type, address, lat, lng, unit_id, town_id, active,
				                         version, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, 0, ?, ?)
				""", rows);
		List<Long> points = jdbc.queryForList("select id from field_point where code like 'BENCH-%' order by id",
				Long.class);

		// 20 inspectors (the demo one among them), 100 plans of 200 points
		List<Long> inspectors = new ArrayList<>();
		inspectors.add(inspector.id());
		inspectors.addAll(jdbc.queryForList("select id from app_user where id <> ? order by id limit 19", Long.class,
				inspector.id()));
		List<Object[]> planPoints = new ArrayList<>();
		List<Object[]> planInspectors = new ArrayList<>();
		List<Object[]> inspections = new ArrayList<>();
		for (int p = 0; p < PLANS; p++) {
			// five open plans of today for the demo inspector; the rest past, future or closed, of others too
			boolean mine = p < 5;
			int shift = mine ? 0 : random.nextInt(5) - 2;
			String state = mine || random.nextBoolean() ? "OPEN" : "CLOSED";
			LocalDate start = today.plusDays(shift * 7L);
			String kind = p % 2 == 0 ? "UNANNOUNCED" : "ANNOUNCED";
			jdbc.update("""
					insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, 'bench')
					""", city, kind, "基准计划 " + p, start.toString().substring(0, 7), Date.valueOf(start),
					Date.valueOf(start.plusDays(6)), state, now);
			long plan = jdbc.queryForObject("select max(id) from inspection_plan where name = ?", Long.class,
					"基准计划 " + p);
			for (int k = 0; k < PER_PLAN; k++) {
				long point = points.get((p * PER_PLAN + k) % points.size());
				planPoints.add(new Object[] { plan, point, k });
				if (k % 2 == 0 && (mine ? k % 3 == 0 : true)) {
					inspections.add(new Object[] { city, plan, point, kind, "bench-" + p + "-" + k,
							inspectors.get(mine ? 0 : 1 + p % 19), now, now });
				}
			}
			planInspectors.add(new Object[] { plan, inspectors.get(mine ? 0 : 1 + p % 19) });
			if (!mine && p % 10 == 0) {
				// the demo inspector on some rounds that are not today's or not open
				planInspectors.add(new Object[] { plan, inspector.id() });
			}
		}
		jdbc.batchUpdate("insert into inspection_plan_point (plan_id, field_point_id, sort_order) values (?, ?, ?)",
				planPoints);
		jdbc.batchUpdate("insert into inspection_plan_inspector (plan_id, user_id) values (?, ?)", planInspectors);
		jdbc.batchUpdate("""
				insert into inspection (city_id, plan_id, field_point_id, unit_id, kind, period, client_id, inspector_id,
				                        checked_at, submitted_at, score, deduction_total, max_total)
				select ?, ?, f.id, f.unit_id, ?, '2026-12', ?, ?, ?, ?, 90, 1, 10 from field_point f where f.id = ?
				""", inspections.stream().map(r -> new Object[] { r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[2] })
			.toList());
		System.out.printf("points: %d, plans: %d, plan points: %d, inspections: %d%n",
				TasksBenchmark.count(jdbc, "field_point"), TasksBenchmark.count(jdbc, "inspection_plan"),
				TasksBenchmark.count(jdbc, "inspection_plan_point"), TasksBenchmark.count(jdbc, "inspection"));

		FieldWork work = context.getBean(FieldWork.class);
		FieldWork.Today list = work.today(inspector);
		System.out.printf("today: %d points of the demo inspector, %d inspected%n", list.points().size(),
				list.inspected());
		var first = list.points().get(0);
		TasksBenchmark.report("today list (" + list.points().size() + " points)",
				time(jdbc, 50, () -> work.today(inspector)));
		TasksBenchmark.report("one point's form", time(jdbc, 50, () -> work.form(inspector, first.planId(),
				first.pointId())));
	}

	/**
	 * Times the work, touching an inspection row before each run (untimed): H2 reuses a repeated
	 * query's result while its tables are unchanged, and inspections come in all day.
	 */
	static double[] time(JdbcTemplate jdbc, int times, java.util.function.Supplier<?> work) {
		Runnable touch = () -> jdbc.update("update inspection set far = false where client_id = 'bench-0-0'");
		for (int i = 0; i < 10; i++) {
			touch.run();
			work.get();
		}
		double[] ms = new double[times];
		for (int i = 0; i < times; i++) {
			touch.run();
			long t = System.nanoTime();
			work.get();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		return ms;
	}

}
