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
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
public class ProblemStatistics {

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

	public ProblemStatistics(ProblemStore store, Cities cities, MessageSource messages, Clock clock) {
		this.store = store;
		this.cities = cities;
		this.messages = messages;
		this.clock = clock;
	}

	/** The figures of the caller's city (province staff name one) for whole-city readers. */
	@Transactional(readOnly = true)
	public Figures of(CurrentUser user, String cityCode, ProblemLists.Period period) {
		if (!user.can(Permissions.PROBLEM_READ) || !ProblemScope.of(user).wholeCities()) {
			throw new AccessDeniedException(Permissions.PROBLEM_READ);
		}
		CityView city = ProblemLists.city(cities, user, cityCode);
		Instant now = clock.instant();
		long[] t = store.totals(city.id(), period.from(), period.to(), now);
		List<ProblemStore.Cell> cells = store.cells(city.id(), period.from(), period.to(), now);
		Locale locale = LocaleContextHolder.getLocale();
		return new Figures(city.name(), period.text(), new Totals(t[0], t[1], t[2], t[3], rate(t[3], t[2]), t[4],
				t[6] < 0 ? null : t[6], t[5], rate(t[5], t[0])),
				sum(cells, ProblemStore.Cell::source, k -> label("problem.source." + k, locale), false),
				sum(cells, ProblemStore.Cell::category, k -> k, true),
				sum(cells, ProblemStore.Cell::state, k -> label("problem.state." + k, locale), false),
				store.countByUnit(city.id(), period.from(), period.to(), now, TOP_UNITS)
					.stream()
					.map(c -> new Count(c.key(), c.label(), c.count(), c.overdue()))
					.toList(),
				sum(cells, ProblemStore.Cell::month, k -> k, false));
	}

	/** The cells added up by one dimension: by key, or largest first. */
	private static List<Count> sum(List<ProblemStore.Cell> cells, Function<ProblemStore.Cell, String> key,
			Function<String, String> label, boolean largestFirst) {
		Map<String, long[]> sums = new TreeMap<>();
		for (ProblemStore.Cell c : cells) {
			long[] s = sums.computeIfAbsent(key.apply(c), k -> new long[2]);
			s[0] += c.count();
			s[1] += c.overdue();
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
