package cn.chuangwen.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.shared.PeriodCode;

/**
 * Issue 9 §7 at big-city scale: in one city of 1,000+ units (demo scale 10), 20,000 field points of
 * 1,000 responsible units, 100,000 inspections in closed rounds of two months (both kinds, 25,000
 * per month and kind) with 20 item results each (2,000,000 rows), in batches. Times the live
 * composite and ranking of a month (what the office's results page computes until publication), one
 * ranking group of it, publishing the month (freezing 1,000 lines), the frozen results and the public
 * page over HTTP. Prints figures; never passes or fails on time. See bench/README.md.
 */
public final class InspectionsBenchmark {

	static final int POINTS = 20_000;

	static final int INSPECTIONS = 100_000;

	static final int ITEMS = 20;

	static final long FIRST_ID = 50_000_000L;

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=10", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-files",
				// the benchmark reads the public page far more often than a reader may
				"--chuangwen.public.requests-per-minute=1000000"));
		if (System.getenv("CHUANGWEN_DB_URL") == null) {
			arguments.add("--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
					+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
		try (ConfigurableApplicationContext context = SpringApplication.run(ChuangwenApplication.class,
				arguments.toArray(String[]::new))) {
			run(context);
		}
	}

	static void run(ConfigurableApplicationContext context) throws Exception {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		touched = jdbc;
		Units units = context.getBean(Units.class);
		AccountStore accountStore = context.getBean(AccountStore.class);
		Accounts accounts = context.getBean(Accounts.class);
		CurrentUser office = accounts.principal(accountStore.findByUsername("xiantao.office").orElseThrow().id());
		List<UnitView> cityUnits = units.search(office.scope(), new UnitQuery("xiantao", null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.parentId() != null && u.rankingGroup() != null)
			.toList();
		List<UnitView> responsible = cityUnits.subList(0, Math.min(1000, cityUnits.size()));
		System.out.printf("city units: %d, responsible units: %d%n", cityUnits.size(), responsible.size());
		// two months long past, so the demo's own periods do not mix in
		PeriodCode month = PeriodCode.parse("2025-06");
		PeriodCode before = month.previous();
		generate(jdbc, office.cityId(), responsible, List.of(before, month));
		System.out.printf("field points: %d, inspections: %d, item results: %d%n", count(jdbc, "field_point"),
				count(jdbc, "inspection"), count(jdbc, "inspection_result"));

		InspectionResults results = context.getBean(InspectionResults.class);
		String group = responsible.get(0).rankingGroup();
		InspectionResults.Results live = results.results(office, null, month.text(), null);
		System.out.printf("lines: %d, ranked: %d, groups: %s%n", live.lines().size(),
				live.lines().stream().filter(l -> l.rank() != null).count(), live.groups());
		report("composite + ranking of a month from the inspections, all units (ms)",
				time(30, () -> results.results(office, null, month.text(), null)));
		report("composite + ranking from the inspections, group " + group + " (ms)",
				time(30, () -> results.results(office, null, month.text(), group)));
		// what closing a round does: store the period's scores per unit and kind (in its transaction)
		var tx = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
		var scores = context.getBean(cn.chuangwen.inspections.internal.PeriodScores.class);
		tx.executeWithoutResult(s -> scores.recompute(office.cityId(), before.text()));
		report("recompute a month's stored scores (round closed) (ms)", time(10, () -> {
			tx.executeWithoutResult(s -> scores.recompute(office.cityId(), month.text()));
			return null;
		}));
		report("composite + ranking of a month from stored scores, all units (ms)",
				time(30, () -> results.results(office, null, month.text(), null)));
		report("composite + ranking from stored scores, group " + group + " (ms)",
				time(30, () -> results.results(office, null, month.text(), group)));
		report("periods of the city (ms)", time(30, () -> results.periods(office, null)));
		var store = context.getBean(cn.chuangwen.inspections.internal.ResultStore.class);
		report("scores of a month by unit and kind, SQL alone (ms)", time(30, () -> store.figures(office.cityId(), month.text())));
		report("the city's units, read once per computation (ms)", time(30,
				() -> units.search(cn.chuangwen.organization.DataScope.all(), new UnitQuery("xiantao", null, null, null, null), 100_000)));
		long t = System.nanoTime();
		InspectionResults.Results published = results.publish(office, month.text());
		System.out.printf("publish the month (1 run): %.1f ms, bulletin %s%n", (System.nanoTime() - t) / 1e6,
				published.publication().bulletinNumber());
		report("results of the month, published (ms)", time(30, () -> results.results(office, null, month.text(), null)));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest page = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/results/xiantao/" + month.text()))
			.build();
		report("public results page over HTTP, all groups (ms)", time(30, () -> fetch(http, page)));
		// one ranking group, as a phone reader's group link shows it
		String firstGroup = published.lines().get(0).rankingGroup() == null || published.lines().get(0).rankingGroup().isEmpty()
				? "-" : published.lines().get(0).rankingGroup();
		HttpRequest onePage = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/results/xiantao/"
				+ month.text() + "?rankingGroup=" + java.net.URLEncoder.encode(firstGroup, java.nio.charset.StandardCharsets.UTF_8)))
			.build();
		report("public results page over HTTP, one ranking group (ms)", time(30, () -> fetch(http, onePage)));
		HttpRequest pdf = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/results/xiantao/"
				+ month.text() + "/bulletin.pdf")).build();
		report("bulletin PDF over HTTP, 1,000 units (ms)", time(10, () -> {
			try {
				return http.send(pdf, HttpResponse.BodyHandlers.ofByteArray()).body().length;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}));
	}

	/**
	 * 20 points per unit on a checklist of 20 items; per month and kind five closed rounds of 5,000
	 * inspections (every point once, a quarter of them twice; one in 200 all N/A), 20 item results
	 * each. In batches.
	 */
	static void generate(JdbcTemplate jdbc, long cityId, List<UnitView> unitList, List<PeriodCode> months) {
		Random random = new Random(42);
		long t0 = System.nanoTime();
		Timestamp now = Timestamp.from(Instant.now());
		long townId = jdbc.queryForObject("select min(id) from unit where city_id = ? and kind in ('TOWN', 'SUBDISTRICT')",
				Long.class, cityId);
		jdbc.update("insert into checklist_version (city_id, name, active, item_count, created_at, created_by) values (?, 'bench', false, ?, ?, 'bench')",
				cityId, ITEMS, now);
		long version = jdbc.queryForObject("select max(id) from checklist_version where city_id = ?", Long.class, cityId);
		List<Object[]> items = new ArrayList<>();
		for (int i = 0; i < ITEMS; i++) {
			items.add(new Object[] { version, cityId, "测评项目" + i, new BigDecimal("0.5"), new BigDecimal(2 + i % 3), i });
		}
		jdbc.batchUpdate("""
				insert into checklist_item (version_id, city_id, point_type, category, item, per_occurrence, max_deduction, sort_order)
				values (?, ?, 'MAIN_ROAD', '公共环境', ?, ?, ?, ?)""", items);
		List<Long> itemIds = jdbc.queryForList("select id from checklist_item where version_id = ? order by sort_order",
				Long.class, version);
		List<Object[]> points = new ArrayList<>();
		for (int i = 0; i < POINTS; i++) {
			UnitView unit = unitList.get(i % unitList.size());
			points.add(new Object[] { FIRST_ID + i, cityId, "BP-" + i, "压测点位" + i, unit.id(), townId,
					30.3 + random.nextDouble() * 0.1, 113.4 + random.nextDouble() * 0.1, now, now });
		}
		jdbc.batchUpdate("""
				insert into field_point (id, city_id, code, name, point_type, address, lat, lng, unit_id, town_id, active, version,
				    created_at, updated_at)
				values (?, ?, ?, ?, 'MAIN_ROAD', null, ?, ?, ?, ?, true, 0, ?, ?)""",
				points.stream().map(p -> new Object[] { p[0], p[1], p[2], p[3], p[6], p[7], p[4], p[5], p[8], p[9] }).toList());
		long inspector = jdbc.queryForObject("select id from app_user where username = 'xiantao.inspector'", Long.class);
		long inspectionId = FIRST_ID;
		List<Object[]> inspections = new ArrayList<>();
		List<Object[]> results = new ArrayList<>();
		for (PeriodCode month : months) {
			for (String kind : new String[] { "ANNOUNCED", "UNANNOUNCED" }) {
				for (int round = 0; round < 5; round++) {
					LocalDate day = month.start().plusDays(round * 5L + ("ANNOUNCED".equals(kind) ? 0 : 2));
					jdbc.update("""
							insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by,
							    closed_at, closed_by, version)
							values (?, ?, ?, ?, ?, ?, 'CLOSED', ?, 'bench', ?, 'bench', 1)""",
							cityId, kind, "压测" + month.text() + kind + round, month.text(), Date.valueOf(day),
							Date.valueOf(day.plusDays(4)), now, now);
					long plan = jdbc.queryForObject("select max(id) from inspection_plan where city_id = ?", Long.class, cityId);
					Timestamp checked = Timestamp.valueOf(day.atTime(10, 0));
					// 5 rounds of 5,000: 25,000 inspections per month and kind, a quarter of the points twice
					int perRound = INSPECTIONS / months.size() / 2 / 5;
					for (int q = round * perRound; q < (round + 1) * perRound; q++) {
						int p = q % POINTS;
						UnitView unit = unitList.get(p % unitList.size());
						boolean scored = random.nextInt(200) != 0;
						BigDecimal deducted = BigDecimal.ZERO;
						for (Long item : itemIds) {
							boolean deduct = scored && random.nextInt(6) == 0;
							BigDecimal d = deduct ? new BigDecimal("0.5").multiply(BigDecimal.valueOf(1 + random.nextInt(3)))
								.min(BigDecimal.valueOf(2)) : BigDecimal.ZERO;
							deducted = deducted.add(d);
							results.add(new Object[] { inspectionId, item, scored ? (deduct ? "DEDUCT" : "OK") : "NA",
									deduct ? 1 : 0, d, scored ? (deduct ? "FAIL" : "PASS") : null });
						}
						BigDecimal max = BigDecimal.valueOf(60);
						BigDecimal score = scored ? BigDecimal.valueOf(100).multiply(max.subtract(deducted))
							.divide(max, 2, java.math.RoundingMode.HALF_UP) : null;
						inspections.add(new Object[] { inspectionId, cityId, plan, FIRST_ID + p, unit.id(), kind, month.text(),
								"b-" + inspectionId, inspector, checked, checked, score, deducted, max, now });
						inspectionId++;
						if (results.size() >= 50_000) {
							flush(jdbc, inspections, results);
						}
					}
				}
			}
		}
		flush(jdbc, inspections, results);
		jdbc.execute("analyze");
		System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
	}

	static void flush(JdbcTemplate jdbc, List<Object[]> inspections, List<Object[]> results) {
		jdbc.batchUpdate("""
				insert into inspection (id, city_id, plan_id, field_point_id, unit_id, kind, period, client_id, inspector_id,
				    checked_at, submitted_at, far, score, deduction_total, max_total, findings_dispatched_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?)""", inspections);
		jdbc.batchUpdate("""
				insert into inspection_result (inspection_id, item_id, outcome, occurrences, deduction, verdict)
				values (?, ?, ?, ?, ?, ?)""", results);
		inspections.clear();
		results.clear();
	}

	static long count(JdbcTemplate jdbc, String table) {
		return TasksBenchmark.count(jdbc, table);
	}

	/** Like {@link ProblemsBenchmark#time}: touches an inspection row before each run (untimed), against H2's result reuse. */
	static double[] time(int times, Supplier<?> work) {
		for (int i = 0; i < 5; i++) {
			touch();
			work.get();
		}
		double[] ms = new double[times];
		for (int i = 0; i < times; i++) {
			touch();
			long t = System.nanoTime();
			work.get();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		return ms;
	}

	private static JdbcTemplate touched;

	private static void touch() {
		touched.update("update inspection set far = false where id = ?", FIRST_ID);
	}

	static void report(String what, double[] ms) {
		TasksBenchmark.report(what, ms);
	}

	private InspectionsBenchmark() {
	}

	private static int fetch(HttpClient http, HttpRequest page) {
		try {
			HttpResponse<String> r = http.send(page, HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException("public page answered " + r.statusCode());
			}
			return r.body().length();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
