package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PointScore;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.PeriodCode;

/**
 * Demo rounds (issue 9 §7): in each demo city the settings (Qianjiang every two months, 40/60,
 * unannounced in the odd month and announced in the even one; Xiantao and Tianmen monthly, 50/50),
 * and the two periods before the current one with a closed announced and a closed unannounced round
 * each, every checkable point inspected with item results (deductions are the findings, marked as
 * dispatched), and the earlier period published with its bulletin. Units of the ranked groups get a
 * few more points where they had too few to be ranked (every seventh is left short, so the page shows
 * 样本不足). Seeded; runs once per city, on a city without a closed round. The open round of the
 * current period is the plans' demo, not this one.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class RoundsDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RoundsDemoData.class);

	static final Set<String> RANKED_GROUPS = Set.of("镇办", "市直部门", "窗口单位");

	static final int TOP_UP = 4;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final Cities cities;

	private final Units units;

	private final Accounts accounts;

	private final FieldPointStore points;

	private final InspectionRulesStore rules;

	private final InspectionResults results;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	RoundsDemoData(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Cities cities, Units units, Accounts accounts,
			FieldPointStore points, InspectionRulesStore rules, InspectionResults results, AuditTrail audit,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.cities = cities;
		this.units = units;
		this.accounts = accounts;
		this.points = points;
		this.rules = rules;
		this.results = results;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CityView city : cities.visible(DataScope.all())) {
			if (!Set.of("xiantao", "tianmen", "qianjiang").contains(city.code()) || done(city) || !ready(city)) {
				continue;
			}
			// one transaction per city and step: the trace writes one chain per transaction
			PeriodCode[] periods = tx.execute(s -> load(city));
			tx.executeWithoutResult(s -> publish(city, periods[0]));
			log.info("Demo inspection rounds in {}: {} (published) and {}", city.code(), periods[0], periods[1]);
		}
	}

	private boolean done(CityView city) {
		return jdbc.sql("""
				select count(*) from inspection_plan where city_id = :c and state = 'CLOSED'""")
			.param("c", city.id()).query(Integer.class).single() > 0
				|| jdbc.sql("select count(*) from inspection_publication where city_id = :c")
					.param("c", city.id()).query(Integer.class).single() > 0;
	}

	private boolean ready(CityView city) {
		return jdbc.sql("select count(*) from checklist_item where city_id = :c").param("c", city.id())
			.query(Integer.class).single() > 0;
	}

	private PeriodCode[] load(CityView city) {
		boolean qianjiang = city.code().equals("qianjiang");
		InspectionRules demo = qianjiang
				? new InspectionRules(PeriodCode.Kind.BIMONTH, BigDecimal.valueOf(40), BigDecimal.valueOf(60), 3,
						new BigDecimal("33.33"), new BigDecimal("33.33"), 500, true, 0)
				: new InspectionRules(PeriodCode.Kind.MONTH, BigDecimal.valueOf(50), BigDecimal.valueOf(50), 3,
						new BigDecimal("33.33"), new BigDecimal("33.33"), 500, true, 0);
		Instant now = clock.instant();
		if (rules.find(city.id()).isEmpty()) {
			rules.insert(city.id(), demo, now, city.code() + ".office");
		}
		Random random = new Random(city.code().hashCode() * 31L + 9);
		topUp(city, random, now);
		long inspector = userId(city.code() + ".inspector");
		Map<String, List<Item>> checklist = checklist(city.id());
		List<Point> all = points(city.id(), checklist.keySet());
		// a unit's standard: some units are kept well, some badly, so the rankings spread
		Map<Long, Double> care = new HashMap<>();
		LocalDate today = LocalDate.ofInstant(now, InspectionResults.ZONE);
		PeriodCode current = PeriodCode.of(demo.periodKind(), today);
		PeriodCode later = current.previous();
		PeriodCode earlier = later.previous();
		for (PeriodCode period : List.of(earlier, later)) {
			for (PlanKind kind : PlanKind.values()) {
				LocalDate start;
				LocalDate end;
				if (qianjiang) {
					// unannounced checks in the odd month (the bimonth's first), announced in the even one
					LocalDate month = kind == PlanKind.UNANNOUNCED ? period.start() : period.start().plusMonths(1);
					start = month.plusDays(4);
					end = month.plusDays(19);
				}
				else {
					start = period.start().plusDays(kind == PlanKind.ANNOUNCED ? 2 : 12);
					end = start.plusDays(9);
				}
				String name = "%s%s%s".formatted(results.periodLabel(period, java.util.Locale.SIMPLIFIED_CHINESE),
						kind == PlanKind.ANNOUNCED ? "明查" : "暗访", "（示例）");
				long plan = plan(city, kind, name, period, start, end);
				inspect(city, plan, kind, period, start, all, checklist, inspector, random, care);
			}
		}
		return new PeriodCode[] { earlier, later };
	}

	private void publish(CityView city, PeriodCode period) {
		InspectionResults.Results published = results.publish(accounts.principal(userId(city.code() + ".office")),
				period.text());
		// published a few days after the period ended, as it would have been
		jdbc.sql("update inspection_publication set published_at = :at where id = :id")
			.param("at", period.end().plusDays(4).atTime(LocalTime.of(10, 0)).atZone(InspectionResults.ZONE).toOffsetDateTime())
			.param("id", published.publication().id())
			.update();
	}

	record Item(long id, BigDecimal perOccurrence, BigDecimal maxDeduction) {
	}

	record Point(long id, long unitId, String type) {
	}

	/** The items of the city's newest active checklist, by point type. */
	private Map<String, List<Item>> checklist(long cityId) {
		Map<String, List<Item>> byType = new HashMap<>();
		jdbc.sql("""
				select point_type, id, per_occurrence, max_deduction from checklist_item
				where city_id = :c and version_id = (select max(id) from checklist_version where city_id = :c and active = true)
				order by sort_order""")
			.param("c", cityId)
			.query((rs, n) -> {
				byType.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
					.add(new Item(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
				return null;
			})
			.list();
		return byType;
	}

	private List<Point> points(long cityId, Set<String> types) {
		return jdbc.sql("select id, unit_id, point_type from field_point where city_id = :c and active = true order by code")
			.param("c", cityId)
			.query((rs, n) -> new Point(rs.getLong(1), rs.getLong(2), rs.getString(3)))
			.list()
			.stream()
			.filter(p -> types.contains(p.type()))
			.toList();
	}

	/** More checkable points for the units of the ranked groups that have too few (every seventh stays short). */
	private void topUp(CityView city, Random random, Instant now) {
		Map<String, List<Item>> checklist = checklist(city.id());
		Map<Long, Long> have = new HashMap<>();
		points(city.id(), checklist.keySet()).forEach(p -> have.merge(p.unitId(), 1L, Long::sum));
		List<UnitView> all = units.search(DataScope.all(), new UnitQuery(city.code(), null, null, null, null), 10_000);
		List<UnitView> towns = all.stream().filter(u -> u.kind().isTownLevel() && u.active()).toList();
		String prefix = jdbc.sql("select min(code) from field_point where city_id = :c").param("c", city.id())
			.query(String.class).optional().map(c -> c.contains("-") ? c.substring(0, c.indexOf('-')) : c).orElse("PT");
		record Anchor(long townId, BigDecimal lat, BigDecimal lng) {
		}
		List<Anchor> anchors = jdbc.sql("select town_id, lat, lng from field_point where city_id = :c order by code")
			.param("c", city.id())
			.query((rs, n) -> new Anchor(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
			.list();
		int serial = 0;
		int skipped = 0;
		for (UnitView unit : all.stream().filter(u -> u.active() && u.rankingGroup() != null && RANKED_GROUPS.contains(u.rankingGroup()))
			.sorted(java.util.Comparator.comparing(UnitView::code)).toList()) {
			long missing = TOP_UP - have.getOrDefault(unit.id(), 0L);
			if (missing <= 0 || skipped++ % 7 == 6) {
				continue;
			}
			boolean town = unit.kind().isTownLevel();
			List<Anchor> near = anchors.stream().filter(a -> town && a.townId() == unit.id()).toList();
			Anchor anchor = near.isEmpty() ? anchors.get(random.nextInt(anchors.size())) : near.get(random.nextInt(near.size()));
			long townId = town ? unit.id() : anchor.townId();
			if (towns.stream().noneMatch(t -> t.id() == townId)) {
				continue;
			}
			PointType[] kinds = town ? new PointType[] { PointType.BACK_STREET, PointType.RESIDENTIAL, PointType.MARKET }
					: new PointType[] { PointType.SERVICE_HALL, PointType.PUBLIC_TOILET, PointType.CONSTRUCTION_SITE };
			for (int i = 0; i < missing; i++) {
				PointType type = kinds[i % kinds.length];
				serial++;
				String code = "%s-CP-%03d".formatted(prefix, serial);
				String name = unit.name().replaceAll("(街道办事处|办事处)$", "") + switch (type) {
					case BACK_STREET -> "背街小巷" + (i + 1);
					case RESIDENTIAL -> "居民小区" + (i + 1);
					case MARKET -> "农贸市场";
					case SERVICE_HALL -> "服务窗口" + (i / 3 + 1);
					case PUBLIC_TOILET -> "周边公厕";
					default -> "在建项目工地";
				};
				GeoPoint place = GeoPoint.of(anchor.lat().doubleValue() + (random.nextDouble() - 0.5) * 0.01,
						anchor.lng().doubleValue() + (random.nextDouble() - 0.5) * 0.01);
				long id = points.insert(new FieldPointStore.NewPoint(city.id(), code, name, type, name, place, unit.id(),
						townId, true, now));
				audit.record(AuditEntry.of("FIELD_POINT_CREATE")
					.city(city.id())
					.object("fieldPoint", id)
					.actor(city.code() + ".office", null)
					.change("code", null, code)
					.change("name", null, name)
					.change("pointType", null, type.chineseName())
					.change("unit", null, unit.name()));
			}
		}
	}

	private long plan(CityView city, PlanKind kind, String name, PeriodCode period, LocalDate start, LocalDate end) {
		var keys = new GeneratedKeyHolder();
		OffsetDateTime created = start.minusDays(3).atTime(9, 0).atZone(InspectionResults.ZONE).toOffsetDateTime();
		OffsetDateTime closed = end.plusDays(1).atTime(17, 0).atZone(InspectionResults.ZONE).toOffsetDateTime();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at,
				    created_by, closed_at, closed_by, version)
				values (:c, :kind, :name, :period, :start, :end, 'CLOSED', :created, :by, :closed, :by, 1)""")
			.param("c", city.id())
			.param("kind", kind.name())
			.param("name", name)
			.param("period", period.text())
			.param("start", start)
			.param("end", end)
			.param("created", created)
			.param("closed", closed)
			.param("by", city.code() + ".office")
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private void inspect(CityView city, long plan, PlanKind kind, PeriodCode period, LocalDate start, List<Point> all,
			Map<String, List<Item>> checklist, long inspector, Random random, Map<Long, Double> care) {
		OffsetDateTime closed = jdbc.sql("select closed_at from inspection_plan where id = :id").param("id", plan)
			.query(OffsetDateTime.class).single();
		List<SqlParameterSource> planPoints = new ArrayList<>();
		List<SqlParameterSource> items = new ArrayList<>();
		int order = 0;
		for (Point p : all) {
			planPoints.add(new MapSqlParameterSource().addValue("plan", plan).addValue("point", p.id()).addValue("o", order++));
			double risk = care.computeIfAbsent(p.unitId(), u -> 0.05 + random.nextDouble() * 0.4);
			// unannounced checks find more than announced ones: the units prepare for the latter
			double chance = kind == PlanKind.UNANNOUNCED ? risk * 1.3 : risk;
			List<Item> list = checklist.get(p.type());
			List<PointScore.Check> checks = new ArrayList<>();
			for (Item item : list) {
				boolean na = list.size() > 2 && random.nextInt(12) == 0;
				int count = random.nextDouble() < chance ? 1 + random.nextInt(3) : 0;
				checks.add(new PointScore.Check(item.perOccurrence(), item.maxDeduction(), na ? 0 : count, !na));
			}
			PointScore.Result score = PointScore.score(checks);
			BigDecimal deducted = BigDecimal.ZERO;
			BigDecimal possible = BigDecimal.ZERO;
			for (int i = 0; i < checks.size(); i++) {
				if (checks.get(i).applicable()) {
					deducted = deducted.add(score.items().get(i).deduction());
					possible = possible.add(checks.get(i).maxDeduction());
				}
			}
			OffsetDateTime checked = start.plusDays(random.nextInt(8))
				.atTime(8 + random.nextInt(9), random.nextInt(60))
				.atZone(InspectionResults.ZONE)
				.toOffsetDateTime()
				.withOffsetSameInstant(ZoneOffset.UTC);
			var keys = new GeneratedKeyHolder();
			jdbc.sql("""
					insert into inspection (city_id, plan_id, field_point_id, unit_id, kind, period, client_id, inspector_id,
					    checked_at, submitted_at, far, score, deduction_total, max_total, findings_dispatched_at)
					values (:c, :plan, :point, :unit, :kind, :period, :client, :inspector, :checked, :checked, false, :score,
					    :deducted, :possible, :dispatched)""")
				.param("c", city.id())
				.param("plan", plan)
				.param("point", p.id())
				.param("unit", p.unitId())
				.param("kind", kind.name())
				.param("period", period.text())
				.param("client", "demo-" + plan + "-" + p.id())
				.param("inspector", inspector)
				.param("checked", checked)
				.param("score", score.score())
				.param("deducted", deducted)
				.param("possible", possible)
				.param("dispatched", closed)
				.update(keys, "id");
			long inspection = keys.getKey().longValue();
			for (int i = 0; i < checks.size(); i++) {
				PointScore.Check c = checks.get(i);
				PointScore.ItemResult r = score.items().get(i);
				items.add(new MapSqlParameterSource().addValue("i", inspection)
					.addValue("item", list.get(i).id())
					.addValue("outcome", !c.applicable() ? "NA" : c.count() > 0 ? "DEDUCT" : "OK")
					.addValue("n", c.count())
					.addValue("d", r.deduction() == null ? BigDecimal.ZERO : r.deduction())
					.addValue("verdict", r.verdict() == null ? null : r.verdict().name()));
			}
		}
		batch.batchUpdate("insert into inspection_plan_point (plan_id, field_point_id, sort_order) values (:plan, :point, :o)",
				planPoints.toArray(SqlParameterSource[]::new));
		batch.batchUpdate("""
				insert into inspection_result (inspection_id, item_id, outcome, occurrences, deduction, verdict)
				values (:i, :item, :outcome, :n, :d, :verdict)""", items.toArray(SqlParameterSource[]::new));
		jdbc.sql("insert into inspection_plan_inspector (plan_id, user_id) values (:plan, :u)")
			.param("plan", plan)
			.param("u", inspector)
			.update();
	}

	private long userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

}
