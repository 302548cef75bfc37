package cn.chuangwen.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.tasks.internal.AssignmentStore;
import cn.chuangwen.tasks.internal.SnapshotStore;

/**
 * Progress over time (进度趋势): once a day, when the day has passed, the number of assignments
 * per state of every indicator system in use is written down, counted with the battle map's own
 * SQL (the state rules evaluated on that day, over every lead unit of the city). The trend reads
 * those days back; when today has no snapshot yet (it is written only once today has passed), it
 * ends with today's live counts, so a chart always reaches today.
 */
@Service
public class ProgressTrend {

	/** Where a point's counts come from. */
	public enum Source {

		/** Written when the day had passed: the state rules evaluated on that day. */
		SNAPSHOT,
		/** Reconstructed afterwards (demo backfill) from today's data; an estimate. */
		ESTIMATED,
		/** Today, counted now; replaced by a snapshot once today has passed. */
		LIVE;

		public String messageKey() {
			return "trend.source." + name();
		}

	}

	/** One day: assignments per state (every state present, zero included). */
	public record Point(LocalDate day, Map<AssignmentState, Long> counts, Source source) {

		public long count(AssignmentState state) {
			return counts.getOrDefault(state, 0L);
		}

		public long total() {
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}

		/** Signed-off assignments as a whole percent of all assignments that day (0 when there are none). */
		public int signedOffPercent() {
			long total = total();
			return total == 0 ? 0 : (int) Math.round(count(AssignmentState.SIGNED_OFF) * 100.0 / total);
		}

		public boolean estimated() {
			return source == Source.ESTIMATED;
		}

	}

	private static final Logger log = LoggerFactory.getLogger(ProgressTrend.class);

	/** The longest trend one call returns, in days before today. */
	static final int MAX_DAYS = 366;

	private final AssignmentStore assignmentStore;

	private final SnapshotStore snapshots;

	private final IndicatorSystems indicators;

	private final Assignments assignments;

	private final TransactionTemplate tx;

	public ProgressTrend(AssignmentStore assignmentStore, SnapshotStore snapshots, IndicatorSystems indicators,
			Assignments assignments, TransactionTemplate tx) {
		this.assignmentStore = assignmentStore;
		this.snapshots = snapshots;
		this.indicators = indicators;
		this.assignments = assignments;
		this.tx = tx;
	}

	/**
	 * Writes the snapshot of {@code day} (a campaign day, Asia/Shanghai) for every indicator system
	 * in use in every city, replacing any rows the day already had (running twice changes nothing).
	 * Each system is written in its own transaction; one that fails is logged and does not keep the
	 * others from being written. Returns how many systems were written.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public int snapshot(LocalDate day) {
		int written = 0;
		for (IndicatorSystemView system : indicators.list(DataScope.all())) {
			if (!system.inUse()) {
				continue; // no assignment refers to it: nothing to count
			}
			try {
				tx.executeWithoutResult(s -> snapshots.replace(system.cityId(), system.id(), day, counts(system, day), false));
				written++;
			}
			catch (RuntimeException ex) {
				// e.g. two nodes writing the same day at once: the other node's rows stand.
				log.error("Progress snapshot of system {} (city {}) on {} failed", system.id(), system.cityCode(), day, ex);
			}
		}
		return written;
	}

	/**
	 * The trend of one system over today and the {@code days} days before: one point for each day
	 * with data, oldest first, ending with today (live when today has no snapshot yet). The counts
	 * are city-wide, so only users who see the whole city may read them; a system outside the
	 * caller's scope (another city's) is 404.
	 */
	@Transactional(readOnly = true)
	public List<Point> trend(CurrentUser user, long systemId, int days) {
		if (!user.can(Permissions.ASSIGNMENT_READ)) {
			throw new AccessDeniedException(Permissions.ASSIGNMENT_READ);
		}
		IndicatorSystemView system = indicators.get(user.scope(), systemId);
		if (!wholeCity(user.scope())) {
			throw new AccessDeniedException("the trend counts the whole city");
		}
		LocalDate today = assignments.today();
		LocalDate from = today.minusDays(Math.max(0, Math.min(days, MAX_DAYS)));
		Map<LocalDate, Map<AssignmentState, Long>> byDay = new TreeMap<>();
		Map<LocalDate, Boolean> estimated = new TreeMap<>();
		for (SnapshotStore.Snapshot s : snapshots.between(systemId, from, today)) {
			byDay.computeIfAbsent(s.day(), d -> zeros()).put(s.state(), s.assignments());
			estimated.merge(s.day(), s.estimated(), Boolean::logicalOr);
		}
		List<Point> points = new ArrayList<>();
		byDay.forEach((day, counts) -> points.add(new Point(day, Collections.unmodifiableMap(counts),
				estimated.get(day) ? Source.ESTIMATED : Source.SNAPSHOT)));
		if (!byDay.containsKey(today)) {
			points.add(new Point(today, Collections.unmodifiableMap(counts(system, today)), Source.LIVE));
		}
		return List.copyOf(points);
	}

	/** Whether a scope sees every unit of a city (the trend is counted city-wide). */
	public static boolean wholeCity(DataScope scope) {
		return scope.kind() == DataScope.Kind.ALL || scope.kind() == DataScope.Kind.CITY;
	}

	/**
	 * Assignments per state on {@code day}, over the whole city: the battle map's aggregate
	 * ({@link AssignmentStore#countsByUnitGroupState}) with a city scope, summed over units and
	 * groups, the state rules evaluated on the day with the city's settings.
	 */
	Map<AssignmentState, Long> counts(IndicatorSystemView system, LocalDate day) {
		DataScope city = new DataScope(DataScope.Kind.CITY, system.cityId(), null, null);
		Map<AssignmentState, Long> counts = zeros();
		AssignmentState[] states = AssignmentState.values();
		for (long[] c : assignmentStore.countsByUnitGroupState(system.id(), city, day,
				assignmentStore.settings(system.cityId()))) {
			counts.merge(states[(int) c[2]], c[3], Long::sum);
		}
		return counts;
	}

	static Map<AssignmentState, Long> zeros() {
		Map<AssignmentState, Long> counts = new EnumMap<>(AssignmentState.class);
		for (AssignmentState s : AssignmentState.values()) {
			counts.put(s, 0L);
		}
		return counts;
	}

}
