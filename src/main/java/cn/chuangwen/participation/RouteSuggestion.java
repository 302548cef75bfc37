package cn.chuangwen.participation;

/**
 * Where an accepted report goes when the office names no unit, and why (issue 11 §1): the
 * responsible unit of the nearest active field point within {@value #POINT_METRES} m of the place;
 * else the town the place lies in; else the category's default department; else nowhere (the office
 * must choose). {@code townId} is the town the place lies in, when known, whichever unit is chosen.
 * <p>
 * Towns have no boundaries in the data, so "the town the place lies in" is the town of the nearest
 * active field point within {@value #TOWN_METRES} m: a place farther from every point is in no known
 * town. {@code pointName} and {@code metres} name the point the suggestion rests on.
 */
public record RouteSuggestion(Reason reason, Long unitId, String unitName, Long townId, String townName,
		String pointName, Long metres) {

	/** A field point this near is the place's point: its responsible unit takes the report. */
	public static final double POINT_METRES = 50;

	/** A place this near a field point lies in that point's town. */
	public static final double TOWN_METRES = 2000;

	public enum Reason {

		FIELD_POINT, TOWN, DEFAULT_UNIT, NONE;

		public String messageKey() {
			return "citizenReport.route." + name();
		}

	}

	public boolean found() {
		return unitId != null;
	}

}
