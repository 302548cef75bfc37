package cn.chuangwen.inspections;

import java.util.List;

/**
 * A new plan as the office sends it, values as text so every bad one comes back as a field problem
 * at once: the kind (ANNOUNCED 明查 or UNANNOUNCED 暗访), a name, a period code of the city's period
 * kind, start and end dates (ISO, inside the period), the points either chosen by hand
 * ({@code fieldPointIds}) or drawn at random ({@code sample}), and the inspectors' usernames.
 */
public record PlanDraft(String kind, String name, String period, String startDate, String endDate,
		List<Long> fieldPointIds, Sample sample, List<String> inspectors) {

	/**
	 * A random draw: from the city's active points of these types (and, when given, in these towns and
	 * of these responsible units), {@code size} points; with {@code seed} the draw is that one, else a
	 * seed is made up.
	 */
	public record Sample(List<String> pointTypes, List<Long> towns, List<Long> units, Integer size, Long seed) {
	}

}
