package cn.chuangwen.tasks.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.TaskSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo backfill's estimate of a past day's state: the state rules evaluated on that day. */
class TrendEstimateTest {

	static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

	static final TaskSettings SETTINGS = TaskSettings.defaults();

	static AssignmentStore.Row row(LocalDate start, LocalDate deadline, int percent, Instant signedOffAt) {
		return new AssignmentStore.Row(1, 1, new AssignmentView.IndicatorRef(1, 1, "1.1", "x", 1),
				new AssignmentView.UnitRef(1, "u"), new AssignmentView.Responsible("a", null, null),
				new AssignmentView.Target(null, null, null, null), start, deadline,
				new AssignmentStore.Reached(percent, null, signedOffAt, signedOffAt == null ? null : "office"), null, 0);
	}

	static Instant at(LocalDate day) {
		return ZonedDateTime.of(day.atTime(9, 0), Assignments.ZONE).toInstant();
	}

	@Test
	void percentIsAStraightLineUpToTodaysPercent() {
		LocalDate start = TODAY.minusDays(100);
		assertThat(TrendDemoData.estimatedPercent(80, start, start, TODAY)).isZero();
		assertThat(TrendDemoData.estimatedPercent(80, start, TODAY.minusDays(50), TODAY)).isEqualTo(40);
		assertThat(TrendDemoData.estimatedPercent(80, start, TODAY.minusDays(1), TODAY)).isLessThanOrEqualTo(80);
		assertThat(TrendDemoData.estimatedPercent(80, start, TODAY, TODAY)).isEqualTo(80);
		assertThat(TrendDemoData.estimatedPercent(0, start, TODAY.minusDays(10), TODAY)).isZero();
	}

	@Test
	void signedOffOnlyFromTheDayOfSignOff() {
		var r = row(TODAY.minusDays(60), TODAY.plusDays(30), 100, at(TODAY.minusDays(5)));
		assertThat(TrendDemoData.estimatedState(r, List.of(), TODAY.minusDays(5), TODAY, SETTINGS))
			.isEqualTo(AssignmentState.SIGNED_OFF);
		assertThat(TrendDemoData.estimatedState(r, List.of(), TODAY.minusDays(6), TODAY, SETTINGS))
			.isNotEqualTo(AssignmentState.SIGNED_OFF);
	}

	@Test
	void overdueAfterTheDeadlineUnlessSignedOffByThen() {
		LocalDate deadline = TODAY.minusDays(10);
		var open = row(TODAY.minusDays(60), deadline, 50, null);
		assertThat(TrendDemoData.estimatedState(open, List.of(), deadline, TODAY, SETTINGS)).isNotEqualTo(AssignmentState.OVERDUE);
		assertThat(TrendDemoData.estimatedState(open, List.of(), deadline.plusDays(1), TODAY, SETTINGS))
			.isEqualTo(AssignmentState.OVERDUE);
		var late = row(TODAY.minusDays(60), deadline, 100, at(deadline.plusDays(3)));
		assertThat(TrendDemoData.estimatedState(late, List.of(), deadline.plusDays(2), TODAY, SETTINGS))
			.isEqualTo(AssignmentState.OVERDUE);
		assertThat(TrendDemoData.estimatedState(late, List.of(), deadline.plusDays(3), TODAY, SETTINGS))
			.isEqualTo(AssignmentState.SIGNED_OFF);
	}

	@Test
	void behindAPassedMilestoneIsAtRiskAndNothingCountsBeforeTheStart() {
		LocalDate start = TODAY.minusDays(20);
		// 40 % today: on the line, 20 % ten days ago, while the milestone then asked for 50 %.
		var r = row(start, TODAY.plusDays(60), 40, null);
		List<Milestone> milestones = List.of(new Milestone(TODAY.minusDays(12), 50), new Milestone(TODAY.plusDays(60), 100));
		assertThat(TrendDemoData.estimatedState(r, milestones, TODAY.minusDays(10), TODAY, SETTINGS))
			.isEqualTo(AssignmentState.AT_RISK);
		assertThat(TrendDemoData.estimatedState(r, milestones, start, TODAY, SETTINGS)).isEqualTo(AssignmentState.NOT_STARTED);
		assertThat(TrendDemoData.estimatedState(r, milestones, start.minusDays(1), TODAY, SETTINGS)).isNull();
	}

}
