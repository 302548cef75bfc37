package cn.chuangwen.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.evaluation.EvaluationPeriods;
import cn.chuangwen.evaluation.ScoreSchemes;
import cn.chuangwen.evaluation.Scores;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.shared.PeriodCode;

/**
 * Issue 10 §7: in Xiantao at demo scale 10 (1,000+ ranked units in five ranking groups), quarterly
 * schemes for every group using every source; 100,000 inspections with 2,000,000 item results in two
 * months of 2025-Q2 (InspectionsBenchmark's generator); the eight quarters of 2023–2024 closed first
 * (two years of frozen periods). Times closing 2025-Q2 (every source, every group: read, score, freeze)
 * and the scores page's read of it (all groups, one group), and the live computation of an open
 * quarter. Prints figures; never passes or fails on time. See bench/README.md.
 */
public final class EvaluationBenchmark {

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
		Units units = context.getBean(Units.class);
		AccountStore accountStore = context.getBean(AccountStore.class);
		Accounts accounts = context.getBean(Accounts.class);
		CurrentUser office = accounts.principal(accountStore.findByUsername("xiantao.office").orElseThrow().id());
		List<UnitView> ranked = units.search(office.scope(), new UnitQuery("xiantao", null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.parentId() != null && u.rankingGroup() != null)
			.toList();
		System.out.printf("ranked units: %d%n", ranked.size());
		List<UnitView> responsible = ranked.subList(0, Math.min(1000, ranked.size()));
		InspectionsBenchmark.generate(jdbc, office.cityId(), responsible,
				List.of(PeriodCode.parse("2025-05"), PeriodCode.parse("2025-06")));
		System.out.printf("inspections: %d, item results: %d%n", InspectionsBenchmark.count(jdbc, "inspection"),
				InspectionsBenchmark.count(jdbc, "inspection_result"));

		ScoreSchemes schemes = context.getBean(ScoreSchemes.class);
		List<SchemeView.Band> bands = List.of(new SchemeView.Band("优秀", BigDecimal.valueOf(90), "green"),
				new SchemeView.Band("良好", BigDecimal.valueOf(80), "blue"), new SchemeView.Band("较差", BigDecimal.ZERO, "red"));
		List<SchemeDraft.Source> every = List.of(new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(40), null),
				new SchemeDraft.Source("PROBLEM_ON_TIME", BigDecimal.valueOf(20), null),
				new SchemeDraft.Source("PROBLEM_RECURRENCE", BigDecimal.valueOf(10), null),
				new SchemeDraft.Source("TASK_PROGRESS", BigDecimal.valueOf(20), null),
				new SchemeDraft.Source("TASK_SIGNOFF", BigDecimal.valueOf(10), null),
				new SchemeDraft.Source("MANUAL", BigDecimal.ZERO, BigDecimal.valueOf(5)));
		List<String> groups = ranked.stream().map(UnitView::rankingGroup).distinct().sorted().toList();
		for (SchemeView s : schemes.list(office, null)) {
			if (s.periodKind() == PeriodCode.Kind.QUARTER) {
				schemes.update(office, s.id(), new SchemeDraft(s.name(), "QUARTER", s.rankingGroup(), every, bands, 1, s.version()));
			}
		}
		for (String g : groups) {
			if (schemes.list(office, null).stream().noneMatch(s -> s.periodKind() == PeriodCode.Kind.QUARTER && s.rankingGroup().equals(g))) {
				schemes.create(office, new SchemeDraft("压测" + g, "QUARTER", g, every, bands, 1, null));
			}
		}
		System.out.printf("quarterly schemes: %d (groups %s)%n", schemes.list(office, null).stream()
			.filter(s -> s.periodKind() == PeriodCode.Kind.QUARTER).count(), groups);

		EvaluationPeriods periods = context.getBean(EvaluationPeriods.class);
		long t = System.nanoTime();
		for (String q : List.of("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")) {
			periods.close(office, q);
		}
		System.out.printf("close the eight quarters of 2023–2024: %.0f ms in all; frozen lines: %d%n",
				(System.nanoTime() - t) / 1e6, InspectionsBenchmark.count(jdbc, "evaluation_score"));

		String quarter = "2025-Q2";
		double[] close = new double[5];
		for (int i = 0; i < close.length; i++) {
			long s = System.nanoTime();
			periods.close(office, quarter);
			close[i] = (System.nanoTime() - s) / 1e6;
			if (i < close.length - 1) {
				periods.reopen(office, quarter, "benchmark");
			}
		}
		report("close 2025-Q2: every source, every group, 1,000+ units (ms)", close);

		Scores scores = context.getBean(Scores.class);
		Optional<Scores.Result> all = scores.scores(office, null, quarter, null);
		System.out.printf("lines: %d, ranked: %d%n", all.orElseThrow().lines().size(),
				all.orElseThrow().lines().stream().filter(l -> l.rank() != null).count());
		String big = groups.stream().max((a, b) -> Long.compare(count(ranked, a), count(ranked, b))).orElseThrow();
		report("scores of the closed quarter, all groups (ms)", time(jdbc, 30,
				() -> scores.scores(office, null, quarter, null)));
		report("scores of the closed quarter, group " + big + " (ms)", time(jdbc, 30,
				() -> scores.scores(office, null, quarter, big)));
		CurrentUser leader = accounts.principal(accountStore.findByUsername("xiantao.leader").orElseThrow().id());
		report("scores of the closed quarter as a leader, group " + big + " (ms)", time(jdbc, 30,
				() -> scores.scores(leader, null, quarter, big)));
		report("scores of an open quarter, computed live, all groups (ms)", time(jdbc, 10,
				() -> scores.scores(office, null, "2025-Q3", null)));
		report("periods of the city (ms)", time(jdbc, 30, () -> periods.list(office, null, null)));
	}

	/**
	 * Times {@code work}, after 5 warm-up runs; before each run it touches a frozen line (untimed):
	 * H2 reuses a repeated query's result while its tables are unchanged, which the figures must not show.
	 */
	static double[] time(JdbcTemplate jdbc, int times, java.util.function.Supplier<?> work) {
		double[] ms = new double[times];
		for (int i = -5; i < times; i++) {
			jdbc.update("update evaluation_period set version = version where id = (select min(id) from evaluation_period)");
			jdbc.update("update evaluation_score set sample = sample where period_id = (select min(period_id) from evaluation_score)"
					+ " and unit_id = (select min(unit_id) from evaluation_score where period_id = (select min(period_id) from evaluation_score))");
			long t = System.nanoTime();
			work.get();
			if (i >= 0) {
				ms[i] = (System.nanoTime() - t) / 1e6;
			}
		}
		return ms;
	}

	private static long count(List<UnitView> units, String group) {
		return units.stream().filter(u -> group.equals(u.rankingGroup())).count();
	}

	static void report(String what, double[] ms) {
		TasksBenchmark.report(what, ms);
	}

	private EvaluationBenchmark() {
	}

}
