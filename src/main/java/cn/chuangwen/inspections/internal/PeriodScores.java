package cn.chuangwen.inspections.internal;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.chuangwen.inspections.InspectionRoundClosed;

/**
 * Stores a period's scores per unit and kind when one of its rounds closes, in the closing
 * transaction (just before it commits, so the plan is closed whatever order the closing wrote in).
 * The results page then ranks the stored rows; see {@link ResultStore#storeScores}.
 */
@Component
public class PeriodScores {

	private final ResultStore store;

	private final Clock clock;

	PeriodScores(ResultStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void roundClosed(InspectionRoundClosed event) {
		store.plan(event.planId()).ifPresent(plan -> recompute(event.cityId(), plan.period()));
	}

	/** Recomputes and stores the period's scores from its closed rounds (the caller's transaction). */
	public void recompute(long cityId, String period) {
		store.storeScores(cityId, period, clock.instant());
	}

}
