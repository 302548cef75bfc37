package cn.chuangwen.prediction.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.prediction.Predictions;

/**
 * Demo prediction: on a database without any prediction snapshot, the office inputs of the three
 * demo cities (Xiantao: minors' 88.5 in the cycle's second year with last year's 79.6; Qianjiang:
 * minors' 83, under the gate; Tianmen: one negative-list deduction) and the last
 * {@value #WEEKS} weeks of the trend, each computed from the data as it stood at the end of that
 * week (approval and inspection dates) and marked backfilled. Runs after the other demo data.
 */
@Component
@Order(88)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class PredictionDemoData implements ApplicationRunner {

	static final int WEEKS = 8;

	static final String BY = "system";

	private static final Logger log = LoggerFactory.getLogger(PredictionDemoData.class);

	private final Predictions predictions;

	private final PredictionStore store;

	private final Cities cities;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	PredictionDemoData(Predictions predictions, PredictionStore store, Cities cities, AuditTrail audit,
			TransactionTemplate tx, Clock clock) {
		this.predictions = predictions;
		this.store = store;
		this.cities = cities;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!predictions.noSnapshots()) {
			return;
		}
		LocalDate today = LocalDate.now(clock.withZone(Predictions.ZONE));
		tx.executeWithoutResult(s -> {
			cities.byCode("xiantao").ifPresent(c -> inputs(c, new BigDecimal("88.5"), today.getYear() - 1,
					new BigDecimal("79.6")));
			cities.byCode("qianjiang").ifPresent(c -> inputs(c, new BigDecimal("83"), today.getYear(), null));
			cities.byCode("tianmen").ifPresent(this::deduction);
		});
		int stored = 0;
		for (int w = WEEKS; w >= 1; w--) {
			LocalDate day = today.minusWeeks(w);
			stored += tx.execute(s -> predictions.snapshotWeek(day, true));
		}
		log.info("Demo prediction: {} weekly snapshots backfilled", stored);
	}

	private void inputs(CityView city, BigDecimal minors, int cycleStart, BigDecimal year1) {
		if (store.inputs(city.id()).isPresent()) {
			return;
		}
		store.insertInputs(city.id(), new PredictionStore.InputRow(minors, cycleStart, year1, null, 1, clock.instant(), BY));
		audit.record(AuditEntry.of("PREDICTION_INPUTS_CHANGE")
			.city(city.id())
			.object("prediction_input", city.id())
			.actor(BY, null)
			.change("minorsScore", null, minors.toPlainString())
			.change("cycleStartYear", null, cycleStart)
			.change("year1Score", null, year1 == null ? null : year1.toPlainString()));
	}

	private void deduction(CityView city) {
		if (!store.deductions(city.id()).isEmpty()) {
			return;
		}
		String item = "公共场所发生重大安全责任事故";
		String reason = "示例：某商场火灾被省级通报（负面清单第3项）";
		long id = store.insertDeduction(city.id(), item, new BigDecimal("2"), reason, clock.instant(), BY);
		audit.record(AuditEntry.of("PREDICTION_DEDUCTION_ADD")
			.city(city.id())
			.object("prediction_deduction", id)
			.actor(BY, null)
			.change("item", null, item)
			.change("points", null, "2")
			.change("reason", null, reason));
	}

}
