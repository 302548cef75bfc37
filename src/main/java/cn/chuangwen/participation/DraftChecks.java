package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The field checks a citizen's report and a supervisor's opinion share: a category from the city's
 * list, a text within its length, a place inside the city's area. Each adds what is wrong to the
 * caller's list under the caller's own message key, so a form names every wrong field at once.
 * Texts are trimmed with {@link CitizenReports#trim}, which the module's other facades use too.
 */
final class DraftChecks {

	private DraftChecks() {
	}

	/** The city's category of that name, or empty with {@code errorKey} on field {@code category}. */
	static Optional<Problems.Category> category(Problems problems, long cityId, String name, String errorKey,
			List<FieldProblem> wrong) {
		String wanted = CitizenReports.trim(name);
		Optional<Problems.Category> category = problems.categoryChoices(cityId)
			.stream()
			.filter(c -> c.name().equals(wanted))
			.findFirst();
		if (category.isEmpty()) {
			wrong.add(FieldProblem.of("category", errorKey));
		}
		return category;
	}

	/**
	 * The text trimmed; {@code requiredKey} (when not null) if there is none, {@code longKey} with the
	 * limit if it is over {@code max} characters.
	 */
	static String text(String field, String raw, int max, String requiredKey, String longKey, List<FieldProblem> wrong) {
		String text = CitizenReports.trim(raw);
		if (text == null && requiredKey != null) {
			wrong.add(FieldProblem.of(field, requiredKey));
		}
		else if (text != null && text.length() > max) {
			wrong.add(FieldProblem.of(field, longKey, max));
		}
		return text;
	}

	/**
	 * The place of the coordinates (null when neither is given); null with the problem added when one
	 * is missing or out of range, or with {@code outsideKey} on {@value GeoPoint#LAT} when the place
	 * lies outside the city's area (a city without an area takes any place).
	 */
	static GeoPoint place(FieldPoints fieldPoints, long cityId, BigDecimal lat, BigDecimal lng, String outsideKey,
			List<FieldProblem> wrong) {
		GeoPoint place;
		try {
			place = GeoPoint.parse(lat, lng);
		}
		catch (InvalidInputException ex) {
			wrong.addAll(ex.problems());
			return null;
		}
		if (place != null && fieldPoints.areaOf(cityId).filter(area -> !area.contains(place)).isPresent()) {
			wrong.add(FieldProblem.of(GeoPoint.LAT, outsideKey));
			return null;
		}
		return place;
	}

}
