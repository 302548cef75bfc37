package cn.chuangwen.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/** What home pages show: the city's overview for the office and leaders, a unit's own work list. */
@Service
public class TaskOverview {

	/** How far back the overview's trend reaches, in days before today. */
	public static final int TREND_DAYS = 30;

	/** "Due this week" on the office's home: from today to this many days ahead. */
	public static final int DUE_THIS_WEEK_DAYS = 7;

	/** The longest list a home page shows; the rest is one link away. */
	static final int HOME_LIST = 10;

	public record UnitCount(long unitId, String unitName, long count) {
	}

	/**
	 * {@code trend}: the system's progress over the {@value #TREND_DAYS} days before today and
	 * today (see {@link ProgressTrend}); empty for a caller who does not see the whole city.
	 */
	public record CityOverview(IndicatorSystemView system, int leaves, int assignedLeaves,
			Map<AssignmentState, Long> totals, List<UnitCount> topOverdue, List<UnitCount> topAtRisk,
			List<AssignmentView> dueThisWeek, long waitingReviews, List<ProgressTrend.Point> trend, long unitsOverdue,
			long unitsAtRisk, long dueThisWeekTotal) {

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

	/**
	 * One unit a leader is attached to (挂点), with the assignments led by it or by the units below
	 * it: how many are overdue, at risk, and in all.
	 */
	public record AttachedUnit(long unitId, String unitName, long overdue, long atRisk, long total) {
	}

	/**
	 * A city leader's home: the attached units, those with overdue and at-risk items first, and
	 * the first of those items (overdue first, then at risk, by deadline) with how many there are in all.
	 */
	public record LeaderWork(IndicatorSystemView system, List<AttachedUnit> units, List<AssignmentView> urgent,
			long urgentTotal) {
	}

	/**
	 * A unit's own work: the first overdue items and the first due within 14 days, each with how
	 * many there are in all (the page links to the full list), and its returned reports.
	 */
	public record UnitWork(List<AssignmentView> overdue, long overdueTotal, List<AssignmentView> dueSoon,
			long dueSoonTotal, List<ReportView> returned, long returnedTotal, long unitId) {

		public boolean isEmpty() {
			return overdueTotal == 0 && dueSoonTotal == 0 && returned.isEmpty();
		}

	}

	/** "Due soon" on a unit's home: from today to this many days ahead. */
	static final int DUE_SOON_DAYS = 14;

	private final IndicatorSystems indicators;

	private final Assignments assignments;

	private final ProgressReports reports;

	private final BattleMap battleMap;

	private final ProgressTrend progressTrend;

	private final LeaderAttachments attachments;

	public TaskOverview(IndicatorSystems indicators, Assignments assignments, ProgressReports reports,
			BattleMap battleMap, ProgressTrend progressTrend, LeaderAttachments attachments) {
		this.attachments = attachments;
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
		List<UnitCount> top = worst(map, AssignmentState.OVERDUE);
		List<UnitCount> atRisk = worst(map, AssignmentState.AT_RISK);
		Map<AssignmentState, Long> totals = new EnumMap<>(AssignmentState.class);
		for (AssignmentState s : AssignmentState.values()) {
			totals.put(s, map.totals().getOrDefault(s, 0L));
		}
		List<ProgressTrend.Point> trend = ProgressTrend.wholeCity(user.scope())
				? progressTrend.trend(user, system.id(), TREND_DAYS) : List.of();
		// The lists show the first few; the counts beside them are of all, so nothing is cut silently.
		return Optional.of(new CityOverview(system, leaves, leaves - unassigned, totals, top, atRisk,
				assignments.dueWithin(user, DUE_THIS_WEEK_DAYS, HOME_LIST), reports.countWaitingForReview(user), trend,
				unitsWith(map, AssignmentState.OVERDUE), unitsWith(map, AssignmentState.AT_RISK),
				assignments.countDueWithin(user, DUE_THIS_WEEK_DAYS)));
	}

	/** How many units of the map have items in the state. */
	private static long unitsWith(BattleMap.Data map, AssignmentState state) {
		return map.cells().stream().filter(c -> c.counts().getOrDefault(state, 0L) > 0).map(BattleMap.Cell::unitId)
			.distinct().count();
	}

	/** The units of the map with items in the state, most first (at most ten). */
	private static List<UnitCount> worst(BattleMap.Data map, AssignmentState state) {
		Map<Long, Long> byUnit = new HashMap<>();
		map.cells().forEach(c -> byUnit.merge(c.unitId(), c.counts().getOrDefault(state, 0L), Long::sum));
		return map.units()
			.stream()
			.filter(u -> byUnit.getOrDefault(u.id(), 0L) > 0)
			.sorted(Comparator.comparing((BattleMap.Row u) -> -byUnit.get(u.id())).thenComparing(BattleMap.Row::name))
			.limit(10)
			.map(u -> new UnitCount(u.id(), u.name(), byUnit.get(u.id())))
			.toList();
	}

	/**
	 * A city leader's attached units (挂点) on the city's current system, the units with overdue and
	 * at-risk items first; empty for anyone who is not a city leader.
	 */
	@Transactional(readOnly = true)
	public Optional<LeaderWork> leader(CurrentUser user) {
		if (!user.has(Role.CITY_LEADER) || !user.can(Permissions.ASSIGNMENT_READ) || user.cityId() == null) {
			return Optional.empty();
		}
		List<LeaderAttachmentView> attached = attachments.attachmentsOf(user, user.id());
		Optional<IndicatorSystemView> system = indicators.current(user.scope(), null)
			.filter(s -> s.cityId() == user.cityId());
		List<Long> unitIds = attached.stream().map(LeaderAttachmentView::unitId).toList();
		// Counted and listed in SQL: every item under the attached units counts, however many there are.
		Map<Long, Map<AssignmentState, Long>> counts = system.isEmpty() ? Map.of()
				: assignments.countsUnder(user, system.get().id(), unitIds);
		List<AttachedUnit> units = new ArrayList<>();
		for (LeaderAttachmentView a : attached) {
			Map<AssignmentState, Long> c = counts.getOrDefault(a.unitId(), Map.of());
			units.add(new AttachedUnit(a.unitId(), a.unitName(), c.getOrDefault(AssignmentState.OVERDUE, 0L),
					c.getOrDefault(AssignmentState.AT_RISK, 0L), c.values().stream().mapToLong(Long::longValue).sum()));
		}
		units.sort(Comparator.comparing((AttachedUnit u) -> -u.overdue()).thenComparing(u -> -u.atRisk()));
		Page<AssignmentView> urgent = system.isEmpty() ? Page.empty(PageRequest.first(HOME_LIST))
				: assignments.urgentUnder(user, system.get().id(), unitIds, PageRequest.first(HOME_LIST));
		return Optional.of(new LeaderWork(system.orElse(null), List.copyOf(units), urgent.items(), urgent.total()));
	}

	/** A unit's own list: overdue items, items due within 14 days, returned reports first. */
	@Transactional(readOnly = true)
	public Optional<UnitWork> unit(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_READ) || user.unitId() == null) {
			return Optional.empty();
		}
		AssignmentFilter mine = new AssignmentFilter(null, user.unitId(), null, null, null);
		Page<AssignmentView> overdue = assignments.page(user, user.cityId(),
				new AssignmentFilter(null, user.unitId(), null, null, AssignmentState.OVERDUE), PageRequest.first(HOME_LIST));
		Page<AssignmentView> dueSoon = assignments.pageDueWithin(user, mine, DUE_SOON_DAYS, PageRequest.first(HOME_LIST));
		Page<ReportView> returned = reports.returnedToMe(user, PageRequest.first(HOME_LIST));
		return Optional.of(new UnitWork(overdue.items(), overdue.total(), dueSoon.items(), dueSoon.total(),
				returned.items(), returned.total(), user.unitId()));
	}

}
