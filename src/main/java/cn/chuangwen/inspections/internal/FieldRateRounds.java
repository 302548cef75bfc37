package cn.chuangwen.inspections.internal;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.chuangwen.inspections.InspectionRoundClosed;

/**
 * Sums a round's item results per checklist item group when it closes, in the closing transaction
 * (just before it commits), for the field score rates ({@link FieldRateStore}).
 */
@Component
class FieldRateRounds {

	private final FieldRateStore store;

	private final Clock clock;

	FieldRateRounds(FieldRateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void roundClosed(InspectionRoundClosed event) {
		store.storeRound(event.cityId(), event.planId(), clock.instant());
	}

}
