package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.CivilizationIndex;
import cn.chuangwen.evaluation.EvaluationPeriods;
import cn.chuangwen.evaluation.ManualItems;
import cn.chuangwen.evaluation.RewardRule;
import cn.chuangwen.evaluation.Rewards;
import cn.chuangwen.evaluation.ScoreSchemes;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The demo's evaluation (issue 10 §1), through the services as the office would do it: Qianjiang's
 * bimonthly schemes (the inspections' 40/60 composite, problems and progress, bonus and penalty),
 * Tianmen's weekly, monthly, quarterly and yearly schemes (T2's week-to-year cycle), Xiantao's quarterly ones; and one past period per
 * city closed, so the pages show a frozen ranking (Qianjiang's second last bimonth stays open for
 * the journey); reward budgets and rules for all three. Runs once per city, on a city without a scheme.
 */
@Component
@Order(90)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class EvaluationDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(EvaluationDemoData.class);

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final List<SchemeView.Band> BANDS = List.of(new SchemeView.Band("优秀", BigDecimal.valueOf(90), "green"),
			new SchemeView.Band("良好", BigDecimal.valueOf(80), "blue"), new SchemeView.Band("一般", BigDecimal.valueOf(60), "amber"),
			new SchemeView.Band("较差", BigDecimal.ZERO, "red"));

	private final Cities cities;

	private final Units units;

	private final Accounts accounts;

	private final ScoreSchemes schemes;

	private final EvaluationPeriods periods;

	private final ManualItems items;

	private final Rewards rewards;

	private final CivilizationIndex index;

	private final EvaluationStore store;

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	EvaluationDemoData(Cities cities, Units units, Accounts accounts, ScoreSchemes schemes, EvaluationPeriods periods,
			ManualItems items, Rewards rewards, CivilizationIndex index, EvaluationStore store, JdbcClient jdbc,
			java.time.Clock clock) {
		this.rewards = rewards;
		this.index = index;
		this.cities = cities;
		this.units = units;
		this.accounts = accounts;
		this.schemes = schemes;
		this.periods = periods;
		this.items = items;
		this.store = store;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CityView city : cities.visible(DataScope.all())) {
			if (!Set.of("xiantao", "tianmen", "qianjiang").contains(city.code()) || !store.schemes(city.id()).isEmpty()) {
				continue;
			}
			CurrentUser office = accounts.principal(jdbc.sql("select id from app_user where username = :u")
				.param("u", city.code() + ".office").query(Long.class).single());
			LocalDate today = clock.instant().atZone(ZONE).toLocalDate();
			rewards(office, today);
			PeriodCode closed = switch (city.code()) {
				case "qianjiang" -> load(office, PeriodCode.Kind.BIMONTH, today, 2,
						List.of(scheme("镇办双月考核", "BIMONTH", "镇办", 3, src("INSPECTION", 60), src("PROBLEM_ON_TIME", 20),
								src("TASK_PROGRESS", 20), manual(5)),
								scheme("市直部门双月考核", "BIMONTH", "市直部门", 3, src("INSPECTION", 50),
										src("PROBLEM_ON_TIME", 25), src("TASK_PROGRESS", 15), src("TASK_SIGNOFF", 10), manual(5)),
								scheme("窗口单位双月考核", "BIMONTH", "窗口单位", 3, src("INSPECTION", 70),
										src("PROBLEM_ON_TIME", 30), manual(3))));
				case "tianmen" -> {
					// T2's weekly check: what moves within a week (problems, task progress, citizens' reports)
					load(office, PeriodCode.Kind.WEEK, today, 1,
							List.of(scheme("镇办周调度", "WEEK", "镇办", 3, src("PROBLEM_ON_TIME", 50), src("TASK_PROGRESS", 30),
									src("CITIZEN_REPORTS", 20))));
					load(office, PeriodCode.Kind.QUARTER, today, 0,
							List.of(scheme("镇办季度排名", "QUARTER", "镇办", 5, src("INSPECTION", 50), src("PROBLEM_ON_TIME", 30),
									src("TASK_PROGRESS", 20)),
									scheme("市直部门季度排名", "QUARTER", "市直部门", 5, src("INSPECTION", 40),
											src("PROBLEM_ON_TIME", 30), src("TASK_SIGNOFF", 30))));
					load(office, PeriodCode.Kind.YEAR, today, 0,
							List.of(scheme("镇办年度结算", "YEAR", "镇办", 10, src("INSPECTION", 50), src("PROBLEM_ON_TIME", 20),
									src("TASK_PROGRESS", 15), src("LETTER_TARGETS", 15), manual(10)),
									scheme("市直部门年度结算", "YEAR", "市直部门", 10, src("INSPECTION", 40),
											src("PROBLEM_ON_TIME", 20), src("TASK_PROGRESS", 20), src("TASK_SIGNOFF", 20), manual(10))));
					yield load(office, PeriodCode.Kind.MONTH, today, 2,
							List.of(scheme("镇办月度会商", "MONTH", "镇办", 3, src("INSPECTION", 60), src("PROBLEM_ON_TIME", 40)),
									scheme("市直部门月度会商", "MONTH", "市直部门", 3, src("INSPECTION", 60),
											src("PROBLEM_ON_TIME", 40))));
				}
				default -> load(office, PeriodCode.Kind.QUARTER, today, 1,
						List.of(scheme("镇办季度文明指数", "QUARTER", "镇办", 1, src("INSPECTION", 50), src("PROBLEM_ON_TIME", 25),
								src("PROBLEM_RECURRENCE", 10), src("TASK_PROGRESS", 15), manual(5)),
								scheme("市直部门季度考核", "QUARTER", "市直部门", 1, src("INSPECTION", 40),
										src("PROBLEM_ON_TIME", 30), src("TASK_PROGRESS", 30)),
								scheme("窗口单位季度考核", "QUARTER", "窗口单位", 1, src("INSPECTION", 40),
										src("PROBLEM_ON_TIME", 30), src("SURVEY", 30))));
			};
			if ("xiantao".equals(city.code())) {
				civilizationIndex(office, closed);
			}
			calendar(city, today);
			log.info("Demo evaluation in {}: schemes saved, {} closed", city.code(), closed);
		}
	}

	/**
	 * Every scheme kind closes itself a few days after it ends: Qianjiang's bimonths after 5 days,
	 * Tianmen's weeks after 1, months after 3, quarters after 5 and its year after 10, Xiantao's quarters after 5.
	 */
	private void calendar(CityView city, LocalDate today) {
		Map<PeriodCode.Kind, Integer> days = switch (city.code()) {
			case "qianjiang" -> Map.of(PeriodCode.Kind.BIMONTH, 5);
			case "tianmen" -> Map.of(PeriodCode.Kind.WEEK, 1, PeriodCode.Kind.MONTH, 3, PeriodCode.Kind.QUARTER, 5,
					PeriodCode.Kind.YEAR, 10);
			default -> Map.of(PeriodCode.Kind.QUARTER, 5);
		};
		days.forEach((kind, n) -> store.setCalendar(city.id(), kind, n, clock.instant(), "system"));
	}

	/**
	 * Xiantao's quarterly civilization index (X6): its town scheme named as the index, and the closed
	 * quarter published so that the public index page has a quarter to show.
	 */
	private void civilizationIndex(CurrentUser office, PeriodCode closed) {
		schemes.list(office, null).stream()
			.filter(s -> s.periodKind() == PeriodCode.Kind.QUARTER && "镇办".equals(s.rankingGroup()))
			.findFirst()
			.ifPresent(s -> index.designate(office, String.valueOf(s.id())));
		if (closed != null) {
			periods.publish(office, closed.text());
		}
	}

	/**
	 * Budgets (Qianjiang 1,000,000 yuan a year) and rules: 20,000 / 10,000 / 5,000 yuan for the first
	 * three towns and departments of the city's main period kind; the bottom 3 towns lose eligibility
	 * for 文明乡镇, the bottom 10 departments cannot be 文明单位.
	 */
	private void rewards(CurrentUser office, LocalDate today) {
		BigDecimal budget = BigDecimal.valueOf(switch (office.cityCode()) {
			case "qianjiang" -> 1_000_000;
			case "tianmen" -> 800_000;
			default -> 600_000;
		});
		rewards.setBudget(office, today.getYear() - 1, budget);
		rewards.setBudget(office, today.getYear(), budget);
		List<PeriodCode.Kind> kinds = switch (office.cityCode()) {
			case "qianjiang" -> List.of(PeriodCode.Kind.BIMONTH);
			case "tianmen" -> List.of(PeriodCode.Kind.MONTH, PeriodCode.Kind.YEAR);
			default -> List.of(PeriodCode.Kind.QUARTER);
		};
		for (PeriodCode.Kind kind : kinds) {
			for (String group : List.of("镇办", "市直部门")) {
				int[] amounts = kind == PeriodCode.Kind.MONTH ? new int[] { 5_000 } : new int[] { 20_000, 10_000, 5_000 };
				for (int r = 0; r < amounts.length; r++) {
					rewards.addRule(office, new RewardRule(kind, group, true, r + 1, BigDecimal.valueOf(amounts[r]), null, null));
				}
			}
			rewards.addRule(office, new RewardRule(kind, "镇办", false, null, null, 3, "取消当年文明乡镇评选资格"));
			rewards.addRule(office, new RewardRule(kind, "市直部门", false, null, null, 10, "当年不得评为文明单位"));
		}
	}

	/**
	 * Saves the schemes; with {@code back} > 0 closes the period that many periods before the
	 * running one, after a bonus and a penalty for two units of the first scheme's group.
	 */
	private PeriodCode load(CurrentUser office, PeriodCode.Kind kind, LocalDate today, int back, List<SchemeDraft> drafts) {
		drafts.forEach(d -> schemes.create(office, d));
		if (back <= 0) {
			return null;
		}
		PeriodCode period = PeriodCode.of(kind, today);
		for (int i = 0; i < back; i++) {
			period = period.previous();
		}
		String group = drafts.get(0).rankingGroup();
		List<UnitView> ranked = units.search(DataScope.all(), new UnitQuery(office.cityCode(), null, null, true, null), 100_000)
			.stream()
			.filter(u -> group.equals(u.rankingGroup()))
			.toList();
		if (ranked.size() >= 2 && drafts.get(0).sources().stream().anyMatch(s -> "MANUAL".equals(s.source()))) {
			items.add(office, new ManualItems.Draft(period.text(), ranked.get(0).id(), BigDecimal.valueOf(-2),
					"中央媒体曝光背街小巷垃圾堆积问题"));
			items.add(office, new ManualItems.Draft(period.text(), ranked.get(1).id(), BigDecimal.ONE,
					"“门前三包”创新做法被省文明办推广"));
		}
		try {
			periods.close(office, period.text());
		}
		catch (ConflictException ex) {
			// e.g. a round of the period still open: the demo leaves the period open, as the office would
			log.warn("Demo evaluation: {} of {} not closed ({})", period, office.cityCode(), ex.messageKey());
			return null;
		}
		return period;
	}

	private static SchemeDraft scheme(String name, String kind, String group, int minSample, SchemeDraft.Source... sources) {
		return new SchemeDraft(name, kind, group, List.of(sources), BANDS, minSample, null);
	}

	private static SchemeDraft.Source src(String source, int weight) {
		return new SchemeDraft.Source(source, BigDecimal.valueOf(weight), null);
	}

	private static SchemeDraft.Source manual(int cap) {
		return new SchemeDraft.Source("MANUAL", BigDecimal.ZERO, BigDecimal.valueOf(cap));
	}

}
