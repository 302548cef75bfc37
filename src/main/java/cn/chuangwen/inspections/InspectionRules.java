package cn.chuangwen.inspections;

import java.math.BigDecimal;

import cn.chuangwen.shared.PeriodCode;

/**
 * A city's inspection rules (issue 9 §3, §4): the period its composite is computed for (a month or a
 * bimonth), the weights of the announced and unannounced scores (percent, summing to 100), the fewest
 * inspected points per kind for a unit to be ranked, the shares of a ranking group shown green (top)
 * and red (bottom), how far from a point an inspection may be submitted before the office is told, and
 * whether an announced round's findings go to the units at once (an unannounced round's always wait
 * for its close).
 */
public record InspectionRules(PeriodCode.Kind periodKind, BigDecimal announcedWeight, BigDecimal unannouncedWeight,
		int minPoints, BigDecimal greenShare, BigDecimal redShare, int maxDistanceMetres,
		boolean dispatchAnnouncedAtOnce, int version) {

	/** The defaults: monthly, 50/50, 3 points per kind, thirds, 500 m, announced findings at once. */
	public static final InspectionRules DEFAULTS = new InspectionRules(PeriodCode.Kind.MONTH, BigDecimal.valueOf(50),
			BigDecimal.valueOf(50), 3, new BigDecimal("33.33"), new BigDecimal("33.33"), 500, true, 0);

}
