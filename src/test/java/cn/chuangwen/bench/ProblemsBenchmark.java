package cn.chuangwen.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemStatistics;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.PageRequest;

/**
 * Issue 8 §8 at big-city scale: 100,000 problems and 300,000 photos over a year in one city of
 * 1,000+ units (demo scale 10); then times the filtered problem list (office and unit), a
 * problem's page, the statistics of the year and the red/yellow/green list of a month. Prints
 * figures; never passes or fails on time. See bench/README.md for the commands (H2 and PostgreSQL).
 */
public final class ProblemsBenchmark {

	static final int PROBLEMS = 100_000;

	static final int PHOTOS_PER_PROBLEM = 3;

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=10", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-files"));
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
		touched = jdbc;
		Units units = context.getBean(Units.class);
		AccountStore accountStore = context.getBean(AccountStore.class);
		Accounts accounts = context.getBean(Accounts.class);
		CurrentUser office = accounts.principal(accountStore.findByUsername("xiantao.office").orElseThrow().id());
		List<UnitView> cityUnits = units.search(office.scope(), new UnitQuery("xiantao", null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.parentId() != null)
			.toList();
		List<UnitView> responsible = cityUnits.subList(0, Math.min(1000, cityUnits.size()));
		System.out.printf("city units: %d, responsible units: %d%n", cityUnits.size(), responsible.size());
		generate(jdbc, office.cityId(), responsible);
		System.out.printf("problems: %d, photos: %d%n", count(jdbc, "problem"), count(jdbc, "problem_photo"));

		Problems problems = context.getBean(Problems.class);
		ProblemStatistics statistics = context.getBean(ProblemStatistics.class);
		ProblemLists lists = context.getBean(ProblemLists.class);
		UnitView unit = responsible.get(responsible.size() / 2);
		CurrentUser liaison = TasksBenchmark.liaisonOf(accounts, accountStore, jdbc, unit.id());
		PageRequest first = PageRequest.first(50);
		PageRequest deep = new PageRequest(40, 50);
		long oneProblem = jdbc.queryForObject("select max(id) from problem where unit_id = ?", Long.class, unit.id());

		report("list, office, no filter (ms)", time(60, () -> problems.page(office, office.cityId(), ProblemFilter.none(), first)));
		report("list, office, state RECTIFYING (ms)", time(60, () -> problems.page(office, office.cityId(),
				new ProblemFilter(null, ProblemState.RECTIFYING, null, null, null, null, null, null), first)));
		report("list, office, overdue (ms)", time(60, () -> problems.page(office, office.cityId(),
				new ProblemFilter(null, null, null, null, null, true, null, null), first)));
		report("list, office, category + source, page 40 (ms)", time(60, () -> problems.page(office, office.cityId(),
				new ProblemFilter(null, null, ProblemSource.INSPECTION, "环境卫生", null, null, null, null), deep)));
		report("list, office, one unit (ms)", time(60, () -> problems.page(office, office.cityId(),
				new ProblemFilter(unit.id(), null, null, null, null, null, null, null), first)));
		report("list, office, text search (ms)", time(60, () -> problems.page(office, office.cityId(),
				new ProblemFilter(null, null, null, null, null, null, null, "盲道"), first)));
		report("list, unit liaison, own problems (ms)", time(60, () -> problems.page(liaison, liaison.cityId(),
				ProblemFilter.none(), first)));
		report("problem page with photos (ms)", time(60, () -> problems.get(office, oneProblem)));
		ProblemLists.Period year = ProblemLists.Period.parse(String.valueOf(YearMonth.now().getYear()));
		report("statistics of the year (ms)", time(30, () -> statistics.of(office, null, year)));
		ProblemLists.Period month = ProblemLists.Period.parse(YearMonth.now().minusMonths(1).toString());
		report("red/yellow/green list of last month, all units (ms)", time(30, () -> lists.of(office, null, month, null)));
		report("red/yellow/green list of last month, group 社区 (ms)", time(30, () -> lists.of(office, null, month, "社区")));
	}

	/**
	 * 100 problems per unit over the last 12 months, in every state, a tenth recurring; three
	 * photos each; every closed one with its rectification time. In batches.
	 */
	static void generate(JdbcTemplate jdbc, long cityId, List<UnitView> unitList) {
		Random random = new Random(42);
		Instant now = Instant.now();
		long t0 = System.nanoTime();
		List<Long> categories = jdbc.queryForList("select id from problem_category where city_id is null order by id",
				Long.class);
		String[] states = { "CLOSED", "CLOSED", "CLOSED", "CLOSED", "CLOSED", "RECTIFYING", "SUBMITTED", "DISPATCHED",
				"DISPUTED", "PENDING" };
		String[] titles = { "背街小巷垃圾堆积", "流动摊贩占道经营", "公益广告牌破损", "机动车占用盲道停放", "楼顶私搭乱建" };
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < PROBLEMS; i++) {
			UnitView unit = unitList.get(i % unitList.size());
			Instant created = now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
			String state = states[random.nextInt(states.length)];
			int severity = random.nextInt(10);
			Instant deadline = created.plus(Duration.ofHours(severity < 6 ? 168 : severity < 9 ? 72 : 24));
			Instant submitted = "CLOSED".equals(state) || "SUBMITTED".equals(state)
					? created.plus(Duration.ofHours(4 + random.nextInt(200))) : null;
			Instant closed = "CLOSED".equals(state) ? submitted.plus(Duration.ofHours(2 + random.nextInt(30))) : null;
			int c = random.nextInt(categories.size());
			rows.add(new Object[] { cityId, "BX-" + i, new String[] { "INSPECTION", "CITIZEN", "SUPERVISOR", "HOTLINE", "LEADER",
					"OFFICE", "MEDIA" }[random.nextInt(7)], categories.get(c), titles[c % titles.length] + " " + i,
					severity < 6 ? "GENERAL" : severity < 9 ? "SERIOUS" : "CRITICAL",
					30.3 + random.nextDouble() * 0.12, 113.4 + random.nextDouble() * 0.12, unit.id(), state,
					Timestamp.from(deadline), "bench.office", random.nextInt(8) == 0 ? 1 : 0, Timestamp.from(created),
					YearMonth.from(created.atZone(Problems.ZONE)).toString(),
					"PENDING".equals(state) ? null : Timestamp.from(created.plus(Duration.ofHours(1))),
					submitted == null ? null : Timestamp.from(submitted), closed == null ? null : Timestamp.from(closed),
					closed == null ? null : (int) Duration.between(created, closed).toHours() });
			if (rows.size() >= 10_000) {
				insertProblems(jdbc, rows);
				rows.clear();
			}
		}
		insertProblems(jdbc, rows);
		// a tenth recur at the place of an earlier problem of the same unit
		long firstId = jdbc.queryForObject("select min(id) from problem where code like 'BX-%'", Long.class);
		jdbc.update("update problem set recurrence_of = id - ? where code like 'BX-%' and mod(id, 10) = 3 and id >= ?",
				unitList.size(), firstId + unitList.size());
		HexFormat hex = HexFormat.of();
		byte[] sha = new byte[32];
		Timestamp stamp = Timestamp.from(now);
		List<Object[]> photos = new ArrayList<>();
		jdbc.query("select id from problem where code like 'BX-%' order by id", rs -> {
			for (int p = 0; p < PHOTOS_PER_PROBLEM; p++) {
				random.nextBytes(sha);
				photos.add(new Object[] { rs.getLong(1), cityId, p == 0 ? "BEFORE" : "AFTER", hex.formatHex(sha), stamp });
			}
			if (photos.size() >= 30_000) {
				insertPhotos(jdbc, photos);
				photos.clear();
			}
		});
		insertPhotos(jdbc, photos);
		// Statistics as a database that has run a while has them (autovacuum would do it in time).
		jdbc.execute("analyze");
		System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
	}

	static void insertProblems(JdbcTemplate jdbc, List<Object[]> rows) {
		jdbc.batchUpdate("""
				insert into problem (city_id, code, source, category_id, title, severity, lat, lng, unit_id, state, deadline,
				    found_by, rejections, created_at, found_month, dispatched_at, submitted_at, closed_at, hours_to_close)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

	static void insertPhotos(JdbcTemplate jdbc, List<Object[]> rows) {
		jdbc.batchUpdate("""
				insert into problem_photo (problem_id, city_id, stage, file_id, sha256, name, created_by, created_at)
				values (?, ?, ?, 0, ?, 'photo.jpg', 'bench', ?)
				""", rows);
	}

	static long count(JdbcTemplate jdbc, String table) {
		return TasksBenchmark.count(jdbc, table);
	}

	/**
	 * Like {@link TasksBenchmark#time}, but touches a problem row before each run (untimed): H2 reuses
	 * the result of a repeated query while its tables are unchanged, and a city's problems change
	 * all day, so the figures must not come from that reuse.
	 */
	static double[] time(int times, Supplier<?> work) {
		for (int i = 0; i < 10; i++) {
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
		touched.update("update problem set version = version + 1 where code = 'BX-0'");
	}

	static void report(String what, double[] ms) {
		TasksBenchmark.report(what, ms);
	}

}
