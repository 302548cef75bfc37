package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.internal.ProblemScope;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.problems.internal.ProblemStore.ListFigures;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The red/yellow/green list (红黄绿榜) of a period and ranking group: per unit, the problems found
 * in the period and dispatched, how many were due, the on-time rectification rate, how many were
 * late, rejections and recurrences, and a band by the city's rates. Computed from the rows when
 * asked (one grouped query), so it always agrees with the problems.
 * <p>
 * A problem is due once its deadline has passed (at the period's end, or now for the running
 * period) or once it was rectified; it was on time when its last rectification was sent by the
 * deadline. Band: nothing due is green; below the red rate red; below the green rate yellow;
 * otherwise green, but a recurrence (反弹) makes green yellow.
 */
@Service
public class ProblemLists {

	static final Set<PeriodCode.Kind> LIST_KINDS = EnumSet.of(PeriodCode.Kind.MONTH, PeriodCode.Kind.QUARTER,
			PeriodCode.Kind.YEAR);

	public enum Band {

		RED("red"), YELLOW("amber"), GREEN("green");

		private final String colour;

		Band(String colour) {
			this.colour = colour;
		}

		public String colour() {
			return colour;
		}

		public String messageKey() {
			return "problemList.band." + name();
		}

	}

	/** A period: {@code 2026-11} (a month), {@code 2026-Q4} (a quarter) or {@code 2026} (a year), Beijing time. */
	public record Period(String text, Instant from, Instant to) {

		public static Period parse(String text) {
			PeriodCode code;
			try {
				code = PeriodCode.parse(text);
			}
			catch (InvalidInputException ex) {
				code = null;
			}
			// the lists know months, quarters and years; the error names those three
			if (code == null || !LIST_KINDS.contains(code.kind())) {
				throw new InvalidInputException(FieldProblem.of("period", "problemList.error.period"));
			}
			return new Period(code.text(), code.start().atStartOfDay(Problems.ZONE).toInstant(),
					code.end().atStartOfDay(Problems.ZONE).toInstant());
		}

		/** The period's first month, as a problem's {@code found_month}: {@code 2026-10} for 2026-Q4. */
		public String firstMonth() {
			return YearMonth.from(from.atZone(Problems.ZONE)).toString();
		}

		/** The period's last month: {@code 2026-12} for 2026-Q4. */
		public String lastMonth() {
			return YearMonth.from(to.atZone(Problems.ZONE)).minusMonths(1).toString();
		}

	}

	/** One unit's line of the list; {@code onTimeRate} is null when nothing was due. */
	public record Line(long unitId, String unitName, String rankingGroup, long problems, long due, long onTime,
			BigDecimal onTimeRate, long overdue, long rejections, long recurrences, Band band) {
	}

	private final ProblemStore store;

	private final Problems problems;

	private final Units units;

	private final Cities cities;

	private final Clock clock;

	public ProblemLists(ProblemStore store, Problems problems, Units units, Cities cities, Clock clock) {
		this.store = store;
		this.problems = problems;
		this.units = units;
		this.cities = cities;
		this.clock = clock;
	}

	/**
	 * The list of the caller's city (province staff name one by code), for the office, leaders and
	 * the province; with a ranking group, every active unit of the group appears, problems or not.
	 */
	@Transactional(readOnly = true)
	public List<Line> of(CurrentUser user, String cityCode, Period period, String rankingGroup) {
		if (!user.can(Permissions.PROBLEM_READ) || !ProblemScope.of(user).wholeCities()) {
			throw new AccessDeniedException(Permissions.PROBLEM_READ);
		}
		String group = rankingGroup == null || rankingGroup.isBlank() ? null : rankingGroup.trim();
		return lines(city(cities, user, cityCode), period, group, group != null);
	}

	/**
	 * The lines of a city's period, of one ranking group or all; with {@code quietUnits}, every
	 * active unit of the group (of any group when none is named) appears, problems or not.
	 */
	List<Line> lines(CityView city, Period period, String group, boolean quietUnits) {
		ProblemRules rules = problems.rules(city.id());
		Instant now = clock.instant();
		Instant asOf = period.to().isBefore(now) ? period.to() : now;
		Map<Long, UnitView> byId = new LinkedHashMap<>();
		units.search(DataScope.all(), new UnitQuery(city.code(), null, null, null, null), 100_000)
			.forEach(u -> byId.put(u.id(), u));
		Map<Long, ListFigures> figures = new LinkedHashMap<>();
		store.listFigures(city.id(), period.from(), period.to(), asOf, group).forEach(f -> figures.put(f.unitId(), f));
		if (quietUnits) {
			byId.values()
				.stream()
				.filter(u -> u.active() && u.rankingGroup() != null && (group == null || group.equals(u.rankingGroup())))
				.forEach(u -> figures.putIfAbsent(u.id(), new ListFigures(u.id(), 0, 0, 0, 0, 0)));
		}
		List<Line> lines = new ArrayList<>();
		for (ListFigures f : figures.values()) {
			UnitView unit = byId.get(f.unitId());
			BigDecimal rate = f.due() == 0 ? null
					: BigDecimal.valueOf(f.onTime() * 100).divide(BigDecimal.valueOf(f.due()), 1, RoundingMode.HALF_UP);
			lines.add(new Line(f.unitId(), unit == null ? "" : unit.name(), unit == null ? null : unit.rankingGroup(),
					f.problems(), f.due(), f.onTime(), rate, f.due() - f.onTime(), f.rejections(), f.recurrences(),
					band(rate, f.recurrences(), rules)));
		}
		lines.sort(Comparator.comparing((Line l) -> l.onTimeRate() == null ? BigDecimal.valueOf(100) : l.onTimeRate())
			.reversed()
			.thenComparingLong(Line::overdue)
			.thenComparingLong(Line::rejections)
			.thenComparing(Line::unitName));
		return lines;
	}

	/**
	 * Every unit's line of a city's period of any kind (a week or bimonth too), every active unit of
	 * a ranking group included, for another module's computation (the evaluation's problem sources).
	 * Not a read for a person: the caller scopes what it shows.
	 */
	@Transactional(readOnly = true)
	public List<Line> linesOf(CityView city, PeriodCode code) {
		Period period = new Period(code.text(), code.start().atStartOfDay(Problems.ZONE).toInstant(),
				code.end().atStartOfDay(Problems.ZONE).toInstant());
		return lines(city, period, null, true);
	}

	/** The last month that has ended, Beijing time: what a list shows unless asked otherwise. */
	public Period lastMonth() {
		return Period.parse(YearMonth.now(clock.withZone(Problems.ZONE)).minusMonths(1).toString());
	}

	/** The running year, Beijing time. */
	public Period currentYear() {
		return Period.parse(String.valueOf(LocalDate.now(clock.withZone(Problems.ZONE)).getYear()));
	}

	static Band band(BigDecimal rate, long recurrences, ProblemRules rules) {
		if (rate == null) {
			return Band.GREEN;
		}
		if (rate.compareTo(BigDecimal.valueOf(rules.redRate())) < 0) {
			return Band.RED;
		}
		if (rate.compareTo(BigDecimal.valueOf(rules.greenRate())) < 0 || recurrences > 0) {
			return Band.YELLOW;
		}
		return Band.GREEN;
	}

	/** The caller's city, or for province staff the city named by code (400 without one). */
	static CityView city(Cities cities, CurrentUser user, String cityCode) {
		if (user.cityId() != null) {
			return cities.visible(user.scope())
				.stream()
				.filter(c -> c.id() == user.cityId())
				.findFirst()
				.orElseThrow(() -> new NotFoundException("city", user.cityId()));
		}
		if (cityCode == null || cityCode.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("cityCode", "problemList.error.city"));
		}
		return cities.byCode(user.scope(), cityCode.trim()).orElseThrow(() -> new NotFoundException("city", cityCode));
	}

}
