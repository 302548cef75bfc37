package cn.chuangwen.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.internal.ReportStore;
import cn.chuangwen.tasks.internal.ReportStore.QueueQuery;
import cn.chuangwen.tasks.internal.ReportStore.QueueRow;
import cn.chuangwen.tasks.internal.ReportStore.ReportRow;

/**
 * The review queue (待审核): progress reports waiting for the office's decision, oldest first,
 * paged in the database. A city office reads its city; the province reads every city, or the one
 * it chose, with each row naming its city. Units never read it.
 */
@Service
public class ReviewQueue {

	/** The age filter's choices: waiting more than this many days. */
	public static final List<Integer> AGES = List.of(3, 7, 14);

	/**
	 * What to show: {@code cityCode} only counts for province users (a city user always reads their
	 * own city); {@code olderThanDays} one of {@link #AGES}; nulls are no condition.
	 */
	public record Filter(String cityCode, Long unitId, Long groupId, String indicatorCode, Integer olderThanDays) {

		public static Filter none() {
			return new Filter(null, null, null, null, null);
		}

	}

	/** A report of the queue with its city, indicator and how long it has waited. */
	public record Item(ReportView report, long cityId, String cityName, String indicatorCode, String indicatorName,
			String targetUnit, long waitingDays) {
	}

	/** A choice of the indicator-group filter: a group with reports waiting, with its city. */
	public record GroupOption(long id, String cityName, String code, String name) {
	}

	private final ReportStore store;

	private final ProgressReports reports;

	private final Assignments assignments;

	private final IndicatorSystems indicators;

	private final Cities cities;

	private final Clock clock;

	public ReviewQueue(ReportStore store, ProgressReports reports, Assignments assignments, IndicatorSystems indicators,
			Cities cities, Clock clock) {
		this.store = store;
		this.reports = reports;
		this.assignments = assignments;
		this.indicators = indicators;
		this.cities = cities;
		this.clock = clock;
	}

	/**
	 * One page of waiting reports, read with LIMIT/OFFSET. Throws {@link InvalidInputException} for
	 * an age not offered or a city the caller cannot see.
	 */
	@Transactional(readOnly = true)
	public Page<Item> page(CurrentUser user, Filter filter, PageRequest request) {
		require(user);
		List<FieldProblem> problems = new ArrayList<>();
		if (filter.olderThanDays() != null && !AGES.contains(filter.olderThanDays())) {
			problems.add(FieldProblem.of("age", "review.error.age"));
		}
		List<CityView> chosen = cities(user, filter.cityCode(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (chosen.isEmpty()) {
			return Page.empty(request);
		}
		Instant now = clock.instant();
		QueueQuery q = new QueueQuery(chosen.stream().map(CityView::id).toList(), filter.unitId(), filter.groupId(),
				blank(filter.indicatorCode()),
				filter.olderThanDays() == null ? null : now.minus(Duration.ofDays(filter.olderThanDays())));
		long total = store.countQueue(q);
		List<QueueRow> rows = request.offset() >= total ? List.of()
				: store.queue(q, request.offset(), request.size());
		return new Page<>(items(user, rows, now), total, request);
	}

	/** The cities the caller may choose between: their own, or every city for the province. */
	@Transactional(readOnly = true)
	public List<CityView> cities(CurrentUser user) {
		require(user);
		return cities.visible(user.scope());
	}

	/** The indicator groups that have reports waiting in the cities the filter reads. */
	@Transactional(readOnly = true)
	public List<GroupOption> groups(CurrentUser user, String cityCode) {
		require(user);
		List<CityView> chosen = cities(user, cityCode, new ArrayList<>());
		if (chosen.isEmpty()) {
			return List.of();
		}
		Map<Long, String> cityNames = chosen.stream().collect(Collectors.toMap(CityView::id, CityView::name));
		Map<Long, List<Long>> groupsBySystem = new LinkedHashMap<>();
		for (long[] sg : store.queueGroups(List.copyOf(cityNames.keySet()))) {
			groupsBySystem.computeIfAbsent(sg[0], k -> new ArrayList<>()).add(sg[1]);
		}
		List<GroupOption> options = new ArrayList<>();
		groupsBySystem.forEach((systemId, groupIds) -> {
			Map<Long, IndicatorView> tree = indicators.tree(user.scope(), systemId)
				.stream()
				.collect(Collectors.toMap(IndicatorView::id, Function.identity()));
			for (Long id : groupIds) {
				IndicatorView g = tree.get(id);
				if (g != null) {
					options.add(new GroupOption(g.id(), cityNames.getOrDefault(g.cityId(), ""), g.code(), g.name()));
				}
			}
		});
		options.sort(Comparator.comparing(GroupOption::cityName).thenComparing(GroupOption::code));
		return options;
	}

	/** A choice of the unit filter: a unit with reports waiting, with its city. */
	public record UnitOption(long id, String name, String cityName) {
	}

	/** The units that have reports waiting in the cities the filter reads. */
	@Transactional(readOnly = true)
	public List<UnitOption> units(CurrentUser user, String cityCode) {
		require(user);
		List<CityView> chosen = cities(user, cityCode, new ArrayList<>());
		if (chosen.isEmpty()) {
			return List.of();
		}
		Map<Long, String> cityNames = chosen.stream().collect(Collectors.toMap(CityView::id, CityView::name));
		return store.queueUnits(List.copyOf(cityNames.keySet()))
			.stream()
			.map(u -> new UnitOption(u.id(), u.name(), cityNames.getOrDefault(u.cityId(), "")))
			.toList();
	}

	/** One report as its queue row shows it, in whatever state it is now (after a decision). */
	@Transactional(readOnly = true)
	public Item item(CurrentUser user, long reportId) {
		require(user);
		ReportRow row = store.find(reportId).orElseThrow(() -> new NotFoundException("report", reportId));
		AssignmentView a = assignments.get(user.scope(), row.assignmentId());
		String cityName = cities.visible(user.scope())
			.stream()
			.filter(c -> c.id() == a.cityId())
			.map(CityView::name)
			.findFirst()
			.orElse("");
		ReportView view = reports.views(user, a.cityId(), List.of(row)).get(0);
		return new Item(view, a.cityId(), cityName, a.indicatorCode(), a.indicatorName(), a.targetUnit(),
				waitingDays(row.submittedAt(), clock.instant()));
	}

	private List<Item> items(CurrentUser user, List<QueueRow> rows, Instant now) {
		// Warnings are computed per city (evidence reuse is a city matter), in one pass each.
		Map<Long, List<ReportRow>> byCity = new LinkedHashMap<>();
		rows.forEach(r -> byCity.computeIfAbsent(r.report().cityId(), k -> new ArrayList<>()).add(r.report()));
		Map<Long, ReportView> views = new HashMap<>();
		byCity.forEach((cityId, list) -> reports.views(user, cityId, list).forEach(v -> views.put(v.id(), v)));
		return rows.stream()
			.map(r -> new Item(views.get(r.report().id()), r.report().cityId(), r.cityName(), r.indicatorCode(),
					r.indicatorName(), r.targetUnit(), waitingDays(r.report().submittedAt(), now)))
			.toList();
	}

	/**
	 * The cities a request reads: a city user's own; for the province the city asked for (a city it
	 * cannot see is a problem, never silently another one) or, with none asked for, every city.
	 */
	private List<CityView> cities(CurrentUser user, String cityCode, List<FieldProblem> problems) {
		List<CityView> visible = cities.visible(user.scope());
		if (user.cityId() != null) {
			return visible.stream().filter(c -> c.id() == user.cityId()).toList();
		}
		String code = blank(cityCode);
		if (code == null) {
			return visible;
		}
		List<CityView> one = visible.stream().filter(c -> c.code().equals(code)).toList();
		if (one.isEmpty()) {
			problems.add(FieldProblem.of("city", "review.error.city"));
		}
		return one;
	}

	/** Whole days waited, counted in seconds: stored times keep microseconds, the clock may have nanos. */
	static long waitingDays(Instant submittedAt, Instant now) {
		return Math.max(0, (now.getEpochSecond() - submittedAt.getEpochSecond()) / 86_400);
	}

	private static void require(CurrentUser user) {
		if (!user.can(Permissions.REPORT_QUEUE)) {
			throw new AccessDeniedException(Permissions.REPORT_QUEUE);
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
