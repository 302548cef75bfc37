package cn.chuangwen.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.tasks.BattleMap;
import cn.chuangwen.tasks.TaskOverview;

/**
 * Issue 3 §8 at big-city scale: 1,000+ units, 300 leaves, 20,000 assignments, 200,000 progress
 * reports and 400,000 evidence rows in one city; then times the battle map of the whole city, a
 * unit's home and a 300-row indicator import. Prints figures; never passes or fails on time.
 * See bench/README.md for the commands (H2 and PostgreSQL).
 */
public final class TasksBenchmark {

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

	static void run(ConfigurableApplicationContext context) throws Exception {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		IndicatorSystems indicators = context.getBean(IndicatorSystems.class);
		Units units = context.getBean(Units.class);
		AccountStore accountStore = context.getBean(AccountStore.class);
		Accounts accounts = context.getBean(Accounts.class);
		CurrentUser office = accounts.principal(accountStore.findByUsername("xiantao.office").orElseThrow().id());

		// A 300-leaf indicator system, imported the way an office imports one (timed).
		StringBuilder csv = new StringBuilder("code,parent_code,level,name,criteria,methods,score,point_types\n");
		csv.append("B,,项目,基准测评体系,,,300,\n");
		for (int g = 1; g <= 10; g++) {
			csv.append("B-").append(g).append(",B,项目,指标组").append(g).append(",,,30,\n");
			for (int l = 1; l <= 30; l++) {
				csv.append("B-").append(g).append('-').append(l).append(",B-").append(g).append(",内容,测评内容")
					.append(g).append('-').append(l).append(",达到标准,实地考察|材料审核,1,主次干道\n");
			}
		}
		byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
		long importStart = System.nanoTime();
		IndicatorSystemView system = indicators.importSystem(office, "基准测评体系 " + System.nanoTime(), "bench.csv",
				new ByteArrayInputStream(bytes));
		double importMs = (System.nanoTime() - importStart) / 1e6;
		List<IndicatorView> leaves = indicators.leaves(office.scope(), system.id());

		List<UnitView> cityUnits = units.search(office.scope(), new UnitQuery("xiantao", null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.parentId() != null)
			.toList();
		System.out.printf("city units: %d, leaves: %d%n", cityUnits.size(), leaves.size());

		generate(jdbc, office.cityId(), system, leaves, cityUnits.subList(0, Math.min(1000, cityUnits.size())));
		System.out.printf("assignments: %d, reports: %d, evidence: %d%n", count(jdbc, "assignment"),
				count(jdbc, "progress_report"), count(jdbc, "evidence"));

		BattleMap battleMap = context.getBean(BattleMap.class);
		TaskOverview overview = context.getBean(TaskOverview.class);
		long liaisonUnit = cityUnits.get(cityUnits.size() / 2).id();
		CurrentUser liaison = liaisonOf(accounts, accountStore, jdbc, liaisonUnit);

		report("import of a 300-row indicator system (ms, once)", new double[] { importMs });
		report("battle map, whole city (ms)", time(60, () -> battleMap.of(office, system.id(), null, null)));
		report("unit home (ms)", time(60, () -> overview.unit(liaison)));
		if (Boolean.getBoolean("bench.parts")) {
			var store = context.getBean(cn.chuangwen.tasks.internal.AssignmentStore.class);
			var today = context.getBean(cn.chuangwen.tasks.Assignments.class).today();
			var settings = store.settings(office.cityId());
			report("  part: state counts query (ms)", time(30, () -> store.countsByUnitGroupState(system.id(), office.scope(), today, settings)));
			report("  part: units of the city (ms)", time(30, () -> units.search(office.scope(), new UnitQuery("xiantao", null, null, null, null), 100_000)));
			report("  part: indicator groups (ms)", time(30, () -> indicators.groups(office.scope(), system.id())));
			var assignments = context.getBean(cn.chuangwen.tasks.Assignments.class);
			var reports = context.getBean(cn.chuangwen.tasks.ProgressReports.class);
			report("  part: unit's assignments (ms)", time(30, () -> assignments.page(liaison, liaison.cityId(),
					new cn.chuangwen.tasks.AssignmentFilter(null, liaison.unitId(), null, null, null),
					cn.chuangwen.shared.PageRequest.first(cn.chuangwen.shared.PageRequest.MAX_SIZE))));
			report("  part: unit's returned reports (ms)", time(30, () -> reports.returnedToMe(liaison, cn.chuangwen.shared.PageRequest.first(10))));
		}
	}

	static CurrentUser liaisonOf(Accounts accounts, AccountStore store, JdbcTemplate jdbc, long unitId) {
		Long id = jdbc.query("select u.id from app_user u join user_role r on r.user_id = u.id where u.unit_id = ? "
				+ "and r.role_code = 'UNIT_LIAISON' order by u.id limit 1", rs -> rs.next() ? rs.getLong(1) : null, unitId);
		if (id == null) {
			throw new IllegalStateException("no liaison for unit " + unitId);
		}
		return accounts.principal(id);
	}

	/** 20 leaves per unit, 10 reports per assignment, 2 evidence rows per report, in batches. */
	static void generate(JdbcTemplate jdbc, long cityId, IndicatorSystemView system, List<IndicatorView> leaves,
			List<UnitView> unitList) {
		Random random = new Random(42);
		LocalDate today = LocalDate.now();
		Timestamp now = Timestamp.from(Instant.now());
		long t0 = System.nanoTime();
		List<Object[]> assignmentRows = new ArrayList<>();
		for (UnitView unit : unitList) {
			int first = random.nextInt(leaves.size());
			for (int k = 0; k < 20; k++) {
				IndicatorView leaf = leaves.get((first + k * 13) % leaves.size());
				LocalDate start = today.minusDays(90);
				LocalDate deadline = today.plusDays(random.nextInt(150) - 30);
				int percent = random.nextInt(10) < 2 ? 100 : random.nextInt(100);
				assignmentRows.add(new Object[] { cityId, system.id(), leaf.id(), leaf.code(), leaf.name(),
						leaf.parentId(), unit.id(), "责任人", start, deadline, percent,
						percent == 100 ? now : null, now });
			}
		}
		jdbc.batchUpdate("""
				insert into assignment (city_id, system_id, indicator_id, indicator_code, indicator_name, group_id,
				    lead_unit_id, responsible_name, start_date, deadline, percent, signed_off_at, version, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'bench')
				""", assignmentRows);
		List<Long> ids = jdbc.queryForList("select id from assignment where system_id = ? order by id", Long.class,
				system.id());
		List<Object[]> milestones = new ArrayList<>();
		for (Long id : ids) {
			milestones.add(new Object[] { id, cityId, today.minusDays(30), 40 });
			milestones.add(new Object[] { id, cityId, today.plusDays(30), 80 });
		}
		jdbc.batchUpdate("insert into milestone (assignment_id, city_id, due_date, percent) values (?, ?, ?, ?)",
				milestones);
		long unitOf = 0;
		List<Object[]> reports = new ArrayList<>();
		for (Long id : ids) {
			for (int r = 0; r < 10; r++) {
				String status = r < 8 ? "APPROVED" : (r == 8 ? "RETURNED" : "SUBMITTED");
				reports.add(new Object[] { id, cityId, unitList.get((int) ((id + unitOf) % unitList.size())).id(),
						"完成情况 " + r, r * 10, status, now });
			}
			if (reports.size() >= 20_000) {
				insertReports(jdbc, reports);
				reports.clear();
			}
		}
		insertReports(jdbc, reports);
		HexFormat hex = HexFormat.of();
		byte[] sha = new byte[32];
		List<Object[]> evidence = new ArrayList<>();
		jdbc.query("select id, assignment_id from progress_report where assignment_id >= ? order by id", rs -> {
			for (int e = 0; e < 2; e++) {
				random.nextBytes(sha);
				evidence.add(new Object[] { rs.getLong(1), rs.getLong(2), cityId, 0L, hex.formatHex(sha), "photo.jpg", now });
			}
			if (evidence.size() >= 20_000) {
				insertEvidence(jdbc, evidence);
				evidence.clear();
			}
		}, ids.get(0));
		insertEvidence(jdbc, evidence);
		// Statistics as a database that has run a while has them (autovacuum would do it in time).
		jdbc.execute("analyze");
		System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
	}

	static void insertReports(JdbcTemplate jdbc, List<Object[]> rows) {
		jdbc.batchUpdate("""
				insert into progress_report (assignment_id, city_id, unit_id, text, percent, status, submitted_by,
				    submitted_at, version)
				values (?, ?, ?, ?, ?, ?, 'bench', ?, 0)
				""", rows);
	}

	static void insertEvidence(JdbcTemplate jdbc, List<Object[]> rows) {
		jdbc.batchUpdate("""
				insert into evidence (report_id, assignment_id, city_id, file_id, sha256, name, created_at)
				values (?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

	static long count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	/** Runs the work 10 times to warm up, then n times, returning each duration in ms. */
	static double[] time(int n, Supplier<?> work) {
		for (int i = 0; i < 10; i++) {
			work.get();
		}
		double[] ms = new double[n];
		for (int i = 0; i < n; i++) {
			long t = System.nanoTime();
			work.get();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		return ms;
	}

	static void report(String what, double[] ms) {
		double[] sorted = ms.clone();
		Arrays.sort(sorted);
		double p50 = sorted[(int) Math.floor((sorted.length - 1) * 0.50)];
		double p95 = sorted[(int) Math.floor((sorted.length - 1) * 0.95)];
		System.out.printf("%-50s n=%d p50=%.1f p95=%.1f max=%.1f%n", what, ms.length, p50, p95, sorted[sorted.length - 1]);
	}

	private TasksBenchmark() {
	}


}
