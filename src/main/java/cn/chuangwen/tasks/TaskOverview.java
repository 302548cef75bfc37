package cn.chuangwen.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;

/** What home pages show: the city's overview for the office and leaders, a unit's own work list. */
@Service
public class TaskOverview {

	/** How far back the overview's trend reaches, in days before today. */
	public static final int TREND_DAYS = 30;

	public record UnitCount(long unitId, String unitName, long count) {
	}

	/**
	 * {@code trend}: the system's progress over the {@value #TREND_DAYS} days before today and
	 * today (see {@link ProgressTrend}); empty for a caller who does not see the whole city.
	 */
	public record CityOverview(IndicatorSystemView system, int leaves, int assignedLeaves,
			Map<AssignmentState, Long> totals, List<UnitCount> topOverdue, long waitingReviews,
			List<ProgressTrend.Point> trend) {

		public int assignedPercent() {
			return leaves == 0 ? 0 : assignedLeaves * 100 / leaves;
		}

		public long total() {
			return totals.values().stream().mapToLong(Long::longValue).sum();
		}

		/** The trend newest day first, as its table lists it. */
		public List<ProgressTrend.Point> trendNewestFirst() {
			List<ProgressTrend.Point> list = new ArrayList<>(trend);
			java.util.Collections.reverse(list);
			return list;
		}

		/** Whether the trend ends with today's live counts (today has no snapshot yet). */
		public boolean trendEndsLive() {
			return !trend.isEmpty() && trend.get(trend.size() - 1).source() == ProgressTrend.Source.LIVE;
		}

		/** Whether any day of the trend is an estimate (the table then says what that means). */
		public boolean trendHasEstimates() {
			return trend.stream().anyMatch(ProgressTrend.Point::estimated);
		}

	}

	public record UnitWork(List<AssignmentView> overdue, List<AssignmentView> dueSoon, List<ReportView> returned) {

		public boolean isEmpty() {
			return overdue.isEmpty() && dueSoon.isEmpty() && returned.isEmpty();
		}

	}

	private final IndicatorSystems indicators;

	private final Assignments assignments;

	private final ProgressReports reports;

	private final BattleMap battleMap;

	private final ProgressTrend progressTrend;

	public TaskOverview(IndicatorSystems indicators, Assignments assignments, ProgressReports reports,
			BattleMap battleMap, ProgressTrend progressTrend) {
		this.indicators = indicators;
		this.assignments = assignments;
		this.reports = reports;
		this.battleMap = battleMap;
		this.progressTrend = progressTrend;
	}

	/** The overview of the caller's city on its newest indicator system, if there is one. */
	@Transactional(readOnly = true)
	public Optional<CityOverview> city(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_READ) || user.cityId() == null || user.unitId() != null) {
			return Optional.empty();
		}
		Optional<IndicatorSystemView> newest = indicators.current(user.scope(), null)
			.filter(s -> s.cityId() == user.cityId());
		if (newest.isEmpty()) {
			return Optional.empty();
		}
		IndicatorSystemView system = newest.get();
		int leaves = indicators.leaves(user.scope(), system.id()).size();
		int unassigned = assignments.unassignedLeaves(user.scope(), system.id()).size();
		BattleMap.Data map = battleMap.of(user, system.id(), null, null);
		Map<Long, Long> overdueByUnit = new java.util.HashMap<>();
		map.cells()
			.forEach(c -> overdueByUnit.merge(c.unitId(), c.counts().getOrDefault(AssignmentState.OVERDUE, 0L), Long::sum));
		List<UnitCount> top = new ArrayList<>();
		map.units()
			.stream()
			.filter(u -> overdueByUnit.getOrDefault(u.id(), 0L) > 0)
			.sorted(Comparator.comparing((BattleMap.Row u) -> -overdueByUnit.get(u.id())).thenComparing(BattleMap.Row::name))
			.limit(10)
			.forEach(u -> top.add(new UnitCount(u.id(), u.name(), overdueByUnit.get(u.id()))));
		Map<AssignmentState, Long> totals = new EnumMap<>(AssignmentState.class);
		for (AssignmentState s : AssignmentState.values()) {
			totals.put(s, map.totals().getOrDefault(s, 0L));
		}
		List<ProgressTrend.Point> trend = ProgressTrend.wholeCity(user.scope())
				? progressTrend.trend(user, system.id(), TREND_DAYS) : List.of();
		return Optional.of(new CityOverview(system, leaves, leaves - unassigned, totals, top,
				reports.countWaitingForReview(user), trend));
	}

	/** A unit's own list: overdue items, items due within 14 days, returned reports first. */
	@Transactional(readOnly = true)
	public Optional<UnitWork> unit(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_READ) || user.unitId() == null) {
			return Optional.empty();
		}
		List<AssignmentView> mine = assignments.list(user, user.cityId(),
				new AssignmentFilter(null, user.unitId(), null, null, null), 5000);
		var today = assignments.today();
		List<AssignmentView> overdue = mine.stream().filter(a -> a.state() == AssignmentState.OVERDUE).toList();
		List<AssignmentView> dueSoon = mine.stream()
			.filter(a -> a.state() != AssignmentState.OVERDUE && a.state() != AssignmentState.SIGNED_OFF)
			.filter(a -> a.daysLeft(today) <= 14)
			.toList();
		return Optional.of(new UnitWork(overdue, dueSoon, reports.returnedToMe(user)));
	}

}
