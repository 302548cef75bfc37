package cn.chuangwen.tasks.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.TaskSettings;

/**
 * Demo trend: on a database without any progress snapshot, the {@value #DAYS} days before today
 * are reconstructed for every indicator system in use, so the home page's trend chart has a past
 * to show. Runs after the demo decomposition ({@link TaskDemoData}).
 * <p>
 * The reconstruction is an honest estimate, and every row it writes is marked {@code estimated}
 * (shown as "估算"): the state rules are evaluated on each past day D with what is known —
 * signed off when signed_off_at falls on or before D; otherwise overdue when the deadline is
 * before D; otherwise at risk, not started or on track from the milestones passed by D and an
 * estimated percent. Percent history is not kept (an assignment holds only its current percent),
 * so the percent on D is estimated as a straight line from 0 % on the start date to today's
 * percent, which is therefore its upper bound. An assignment counts from its start date (demo
 * assignments are all created at the first start, with start dates weeks in the past).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class TrendDemoData implements ApplicationRunner {

	static final int DAYS = 30;

	private static final Logger log = LoggerFactory.getLogger(TrendDemoData.class);

	private final SnapshotStore snapshots;

	private final AssignmentStore store;

	private final IndicatorSystems indicators;

	private final TransactionTemplate tx;

	private final Clock clock;

	TrendDemoData(SnapshotStore snapshots, AssignmentStore store, IndicatorSystems indicators, TransactionTemplate tx,
			Clock clock) {
		this.snapshots = snapshots;
		this.store = store;
		this.indicators = indicators;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!snapshots.isEmpty()) {
			return;
		}
		LocalDate today = LocalDate.now(clock.withZone(Assignments.ZONE));
		for (IndicatorSystemView system : indicators.list(DataScope.all())) {
			if (system.inUse()) {
				tx.executeWithoutResult(s -> backfill(system, today));
			}
		}
	}

	private void backfill(IndicatorSystemView system, LocalDate today) {
		TaskSettings settings = store.settings(system.cityId());
		DataScope city = new DataScope(DataScope.Kind.CITY, system.cityId(), null, null);
		List<AssignmentStore.Row> rows = store.list(city, system.cityId(),
				new AssignmentFilter(system.id(), null, null, null, null), today, settings, Integer.MAX_VALUE);
		Map<Long, List<Milestone>> milestones = store.milestones(rows.stream().map(AssignmentStore.Row::id).toList());
		for (LocalDate day = today.minusDays(DAYS); day.isBefore(today); day = day.plusDays(1)) {
			Map<AssignmentState, Long> counts = new EnumMap<>(AssignmentState.class);
			for (AssignmentStore.Row r : rows) {
				AssignmentState state = estimatedState(r, milestones.getOrDefault(r.id(), List.of()), day, today, settings);
				if (state != null) {
					counts.merge(state, 1L, Long::sum);
				}
			}
			snapshots.replace(system.cityId(), system.id(), day, counts, true);
		}
		log.info("Demo trend: {} days estimated for indicator system {} ({})", DAYS, system.id(), system.cityCode());
	}

	/** The estimated state of an assignment on a past {@code day}, or null before its start date. */
	static AssignmentState estimatedState(AssignmentStore.Row r, List<Milestone> milestones, LocalDate day,
			LocalDate today, TaskSettings settings) {
		if (r.startDate().isAfter(day)) {
			return null;
		}
		boolean signedOff = r.signedOffAt() != null && !r.signedOffAt().atZone(Assignments.ZONE).toLocalDate().isAfter(day);
		return AssignmentState.compute(signedOff, estimatedPercent(r.percent(), r.startDate(), day, today),
				r.deadline(), milestones, day, settings);
	}

	/** A straight line from 0 % on the start date to today's percent (the upper bound), rounded down. */
	static int estimatedPercent(int percentToday, LocalDate start, LocalDate day, LocalDate today) {
		long span = ChronoUnit.DAYS.between(start, today);
		if (span <= 0 || !day.isBefore(today)) {
			return percentToday;
		}
		long elapsed = Math.max(0, ChronoUnit.DAYS.between(start, day));
		return (int) Math.min(percentToday, percentToday * elapsed / span);
	}

}
