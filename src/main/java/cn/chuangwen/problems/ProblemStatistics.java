package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.problems.internal.ProblemScope;
import cn.chuangwen.problems.internal.ProblemStore;

/**
 * The statistics of a city's problems over a period (issue 8 §4): counts by source, category,
 * state, unit and month, the on-time rectification rate, the median time to close and the
 * recurrence rate. Every figure is grouped in SQL over the city's rows of the period; the page's
 * charts and tables and the API show the same numbers.
 */
@Service
public class ProblemStatistics implements DisposableBean {

	/** Units shown by count: the largest; the rest is in the list and its export. */
	public static final int TOP_UNITS = 20;

	public record Count(String key, String label, long count, long overdue) {
	}

	/**
	 * The figures; rates in percent with one decimal, null when there is nothing to divide by;
	 * {@code medianHoursToClose} null when nothing was closed.
	 */
	public record Figures(String city, String period, Totals totals, List<Count> bySource, List<Count> byCategory,
			List<Count> byState, List<Count> byUnit, List<Count> byMonth) {
	}

	/** The period's totals and rates. */
	public record Totals(long found, long dispatched, long due, long onTime, BigDecimal onTimeRate, long closed,
			Long medianHoursToClose, long recurrences, BigDecimal recurrenceRate) {
	}

	private final ProblemStore store;

	private final Cities cities;

	private final MessageSource messages;

	private final Clock clock;

	/**
	 * The second read's own two threads, not the application's task pool (the event listeners'):
	 * when both are busy the request reads it itself, so a burst of statistics never queues.
	 */
	private final ThreadPoolTaskExecutor sideReads = new ThreadPoolTaskExecutor();

	public ProblemStatistics(ProblemStore store, Cities cities, MessageSource messages, Clock clock) {
		this.store = store;
		this.cities = cities;
		this.messages = messages;
		this.clock = clock;
		sideReads.setCorePoolSize(2);
		sideReads.setMaxPoolSize(2);
		sideReads.setQueueCapacity(0);
		sideReads.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		sideReads.setThreadNamePrefix("problem-statistics-");
		sideReads.setDaemon(true);
		sideReads.initialize();
	}

	@Override
	public void destroy() {
		sideReads.shutdown();
	}

	/**
	 * The figures of the caller's city (province staff name one) for whole-city readers. Not in one
	 * transaction: the request thread holds no connection while it waits for the side read, so the
	 * two reads never wait on each other for the pool's connections.
	 */
	public Figures of(CurrentUser user, String cityCode, ProblemLists.Period period) {
		if (!user.can(Permissions.PROBLEM_READ) || !ProblemScope.of(user).wholeCities()) {
			throw new AccessDeniedException(Permissions.PROBLEM_READ);
		}
		CityView city = ProblemLists.city(cities, user, cityCode);
		Instant now = clock.instant();
		String first = period.firstMonth();
		String last = period.lastMonth();
		// two independent reads side by side: the units and the median on a pool thread, the cells
		// here; on a 2-core machine this halves the page's time over a 100,000-problem year
		CompletableFuture<UnitsAndMedian> unitsAndMedian = CompletableFuture
			.supplyAsync(() -> new UnitsAndMedian(store.countByUnit(city.id(), first, last, now, TOP_UNITS),
					median(store.closeHours(city.id(), first, last))), sideReads);
		List<ProblemStore.Cell> cells = store.cells(city.id(), first, last, now);
		UnitsAndMedian other = joined(unitsAndMedian);
		Locale locale = LocaleContextHolder.getLocale();
		return new Figures(city.name(), period.text(), totals(cells, other.median()),
				sum(cells, ProblemStore.Cell::source, k -> label("problem.source." + k, locale), false),
				sum(cells, ProblemStore.Cell::category, k -> k, true),
				sum(cells, ProblemStore.Cell::state, k -> label("problem.state." + k, locale), false),
				other.units().stream().map(c -> new Count(c.key(), c.label(), c.count(), c.overdue())).toList(),
				sum(cells, ProblemStore.Cell::month, k -> k, false));
	}

	private record UnitsAndMedian(List<ProblemStore.Count> units, Long median) {
	}

	/** The future's value, or the exception it failed with (a database error stays what it was). */
	private static <T> T joined(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * The totals from the cells. Found: all; dispatched: all but pending; due: dispatched and past
	 * the deadline, or already rectified (submitted or closed); on time: rectified by the deadline.
	 */
	static Totals totals(List<ProblemStore.Cell> cells, Long medianHoursToClose) {
		long found = 0;
		long dispatched = 0;
		long due = 0;
		long onTime = 0;
		long closed = 0;
		long recurrences = 0;
		for (ProblemStore.Cell c : cells) {
			ProblemState state = ProblemState.valueOf(c.state());
			boolean rectified = state == ProblemState.SUBMITTED || state == ProblemState.CLOSED;
			found += c.count();
			recurrences += c.recurrences();
			if (state != ProblemState.PENDING) {
				dispatched += c.count();
				due += rectified ? c.count() : c.pastDeadline();
			}
			if (rectified) {
				onTime += c.rectifiedInTime();
			}
			if (state == ProblemState.CLOSED) {
				closed += c.count();
			}
		}
		return new Totals(found, dispatched, due, onTime, rate(onTime, due), closed, medianHoursToClose, recurrences,
				rate(recurrences, found));
	}

	/**
	 * The median of a histogram of [hours, how many] pairs in ascending hours, rounded to the hour;
	 * the mean of the two middle values when the count is even; null when it is empty.
	 */
	static Long median(List<long[]> histogram) {
		long n = histogram.stream().mapToLong(h -> h[1]).sum();
		if (n == 0) {
			return null;
		}
		long lower = valueAt(histogram, (n - 1) / 2);
		long upper = valueAt(histogram, n / 2);
		return Math.round((lower + upper) / 2.0);
	}

	/** The value at a 0-based position of the sorted values the histogram counts. */
	private static long valueAt(List<long[]> histogram, long position) {
		long seen = 0;
		for (long[] h : histogram) {
			seen += h[1];
			if (position < seen) {
				return h[0];
			}
		}
		throw new IllegalArgumentException("position " + position + " beyond " + seen);
	}

	/** The cells added up by one dimension: by key, or largest first. */
	private static List<Count> sum(List<ProblemStore.Cell> cells, Function<ProblemStore.Cell, String> key,
			Function<String, String> label, boolean largestFirst) {
		Map<String, long[]> sums = new TreeMap<>();
		for (ProblemStore.Cell c : cells) {
			long[] s = sums.computeIfAbsent(key.apply(c), k -> new long[2]);
			s[0] += c.count();
			s[1] += "CLOSED".equals(c.state()) ? 0 : c.pastDeadline();
		}
		List<Count> counts = new ArrayList<>();
		sums.forEach((k, s) -> counts.add(new Count(k, label.apply(k), s[0], s[1])));
		if (largestFirst) {
			counts.sort(Comparator.comparingLong(Count::count).reversed());
		}
		return counts;
	}

	private String label(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	static BigDecimal rate(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

}
