package cn.chuangwen.inspections.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.shared.RunOnce;

/**
 * At start, sums the closed rounds that have no stored groups yet (closed before V62, or by the demo
 * data, which writes closed rounds directly), so that reading the field score rates never has to
 * sum millions of item results. One node does it ({@link RunOnce}); each round in its own
 * transaction, and a round summed already is skipped. Runs after the demo rounds (60) and before
 * the demo prediction's history (88).
 */
@Component
@Order(87)
class FieldRateBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FieldRateBackfill.class);

	private final FieldRateStore store;

	private final RunOnce runOnce;

	private final TransactionTemplate tx;

	private final Clock clock;

	FieldRateBackfill(FieldRateStore store, RunOnce runOnce, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.runOnce = runOnce;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		runOnce.run("inspections.round-rates-backfill", Duration.ofHours(1), Duration.ZERO, () -> {
			List<long[]> rounds = store.unratedRounds();
			for (long[] round : rounds) {
				tx.executeWithoutResult(s -> store.storeRound(round[1], round[0], clock.instant()));
			}
			if (!rounds.isEmpty()) {
				log.info("Field score rates: {} closed rounds summed", rounds.size());
			}
		});
	}

}
