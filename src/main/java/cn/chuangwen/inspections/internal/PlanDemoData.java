package cn.chuangwen.inspections.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.InspectionPlans;
import cn.chuangwen.inspections.InspectionSettings;
import cn.chuangwen.inspections.PlanAssigned;
import cn.chuangwen.inspections.PlanDetail;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.shared.PeriodCode;

/**
 * The demo's open round: in each demo city one unannounced plan (暗访) of the current period for
 * {@code <city>.inspector}, ten points drawn at random from the common point types, made by the
 * city office like any plan (traced, the inspector told). After the past rounds (order 60), which
 * set each city's period kind, so the plan's period is the city's (Qianjiang's 2026-B6, not 2026-12);
 * runs once per city and period: a city that already has an unannounced plan in the period gets none.
 */
@Component
@Order(65)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class PlanDemoData implements ApplicationRunner {

	static final int SAMPLE = 10;

	/** The types an unannounced round visits in the demo: streets, estates, markets, toilets. */
	static final List<PointType> TYPES = List.of(PointType.MAIN_ROAD, PointType.BACK_STREET, PointType.RESIDENTIAL,
			PointType.MARKET, PointType.PUBLIC_TOILET);

	private static final Logger log = LoggerFactory.getLogger(PlanDemoData.class);

	private final PlanStore store;

	private final InspectionSettings settings;

	private final Cities cities;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	PlanDemoData(PlanStore store, InspectionSettings settings, Cities cities, JdbcClient jdbc, AuditTrail audit,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.cities = cities;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CityView city : cities.visible(DataScope.all())) {
			// one transaction per city: the trace writes one chain per transaction
			tx.executeWithoutResult(s -> load(city));
		}
	}

	private void load(CityView city) {
		String office = city.code() + ".office";
		List<Long> inspector = jdbc.sql("select id from app_user where username = :u")
			.param("u", city.code() + ".inspector")
			.query(Long.class)
			.list();
		PeriodCode period = PeriodCode.of(settings.rules(city.id()).periodKind(),
				LocalDate.now(clock.withZone(InspectionPlans.ZONE)));
		if (inspector.isEmpty() || store.exists(city.id(), PlanKind.UNANNOUNCED, period.text())) {
			return;
		}
		PlanStore.Scope scope = new PlanStore.Scope(TYPES, List.of(), List.of());
		List<Long> candidates = store.candidates(city.id(), scope);
		if (candidates.size() < SAMPLE) {
			return;
		}
		long seed = SampleDraw.newSeed();
		List<Long> drawn = SampleDraw.draw(candidates, SAMPLE, seed);
		PlanDetail.Sample sample = new PlanDetail.Sample(SAMPLE, seed, candidates.size(), SampleDraw.digest(candidates));
		Instant now = clock.instant();
		String name = period.text() + " 暗访";
		long id = store.insert(new PlanStore.NewPlan(city.id(), PlanKind.UNANNOUNCED, name, period.text(),
				period.start(), period.lastDay(), sample, now, office));
		store.insertScope(id, scope);
		store.insertPoints(id, drawn);
		store.insertInspectors(id, inspector);
		audit.record(AuditEntry.of("PLAN_CREATE")
			.city(city.id())
			.object("inspection_plan", id)
			.actor(office, null)
			.change("planKind", null, "暗访")
			.change("name", null, name)
			.change("period", null, period.text())
			.change("dates", null, period.start() + " – " + period.lastDay())
			.change("points", null, drawn.size())
			.change("sample", null, "seed " + seed + ", " + SAMPLE + " / " + candidates.size() + ", SHA-256 "
					+ sample.digest())
			.change("inspectors", null, city.code() + ".inspector"));
		events.publishEvent(new PlanAssigned(city.id(), id, name, period.text(), period.start(), period.lastDay(),
				drawn.size(), inspector, now));
		log.info("Demo inspection plan: {} in {}", name, city.code());
	}

}
