package cn.chuangwen.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The province's comparison of its cities (省级对比): per city, on the indicator system the city
 * works on, how much of it is assigned, the assignments per state today and the trend of the last
 * {@value TaskOverview#TREND_DAYS} days. A city user sees only its own city. Each city is counted
 * with its own city-bound SQL (the battle map's aggregate), so no query joins across cities.
 */
@Service
public class CityComparison {

	/** City codes as the demo data and imports write them; anything else is a bad request. */
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

	/**
	 * One city's figures. {@code system} is null (and every count zero) for a city without an
	 * indicator system yet.
	 */
	public record CityFigures(CityView city, IndicatorSystemView system, int leaves, int assignedLeaves,
			Map<AssignmentState, Long> counts, List<ProgressTrend.Point> trend) {

		public String cityCode() {
			return city.code();
		}

		public String cityName() {
			return city.name();
		}

		public int assignedPercent() {
			return leaves == 0 ? 0 : assignedLeaves * 100 / leaves;
		}

		public long count(AssignmentState state) {
			return counts.getOrDefault(state, 0L);
		}

		public long overdue() {
			return count(AssignmentState.OVERDUE);
		}

		public long signedOff() {
			return count(AssignmentState.SIGNED_OFF);
		}

		public long total() {
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private final Cities cities;

	private final IndicatorSystems indicators;

	private final Assignments assignments;

	private final ProgressTrend progressTrend;

	public CityComparison(Cities cities, IndicatorSystems indicators, Assignments assignments,
			ProgressTrend progressTrend) {
		this.cities = cities;
		this.indicators = indicators;
		this.assignments = assignments;
		this.progressTrend = progressTrend;
	}

	/**
	 * The figures of every city the caller sees (the province: all its cities; a city user: its
	 * own), or of the one city {@code cityCode} names. A malformed code is 400; a code the caller
	 * cannot see (another city's, or none at all) is 404. Only callers who see whole cities may ask.
	 */
	@Transactional(readOnly = true)
	public List<CityFigures> compare(CurrentUser user, String cityCode) {
		if (!user.can(Permissions.ASSIGNMENT_READ) || !ProgressTrend.wholeCity(user.scope())) {
			throw new AccessDeniedException("the comparison counts whole cities");
		}
		List<CityView> visible;
		if (cityCode == null || cityCode.isBlank()) {
			visible = cities.visible(user.scope());
		}
		else {
			String code = cityCode.strip();
			if (!CODE.matcher(code).matches()) {
				throw new InvalidInputException(FieldProblem.of("cityCode", "overview.error.cityCode"));
			}
			visible = List.of(cities.byCode(user.scope(), code).orElseThrow(() -> new NotFoundException("city", code)));
		}
		List<CityFigures> figures = new ArrayList<>();
		for (CityView city : visible) {
			figures.add(figures(user, city));
		}
		return List.copyOf(figures);
	}

	/** One visible city's figures, or empty when the caller cannot see it. */
	@Transactional(readOnly = true)
	public Optional<CityFigures> city(CurrentUser user, String cityCode) {
		try {
			return Optional.of(compare(user, cityCode).get(0));
		}
		catch (NotFoundException | InvalidInputException ex) {
			return Optional.empty();
		}
	}

	private CityFigures figures(CurrentUser user, CityView city) {
		Optional<IndicatorSystemView> current = indicators.currentOfCity(user.scope(), city.code());
		if (current.isEmpty()) {
			return new CityFigures(city, null, 0, 0, Collections.unmodifiableMap(ProgressTrend.zeros()), List.of());
		}
		IndicatorSystemView system = current.get();
		int leaves = indicators.leaves(user.scope(), system.id()).size();
		int unassigned = assignments.unassignedLeaves(user.scope(), system.id()).size();
		List<ProgressTrend.Point> trend = progressTrend.trend(user, system.id(), TaskOverview.TREND_DAYS);
		// The trend always ends with today (its snapshot, or the live counts): today's figures.
		Map<AssignmentState, Long> counts = trend.get(trend.size() - 1).counts();
		return new CityFigures(city, system, leaves, leaves - unassigned, counts, trend);
	}

}
