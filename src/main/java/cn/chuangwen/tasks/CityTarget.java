package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.util.List;

/**
 * A numeric city target (e.g. 城市绿化 1,200,000 平方米) and how it is shared out (分解) among the
 * lead units of its live assignments: each unit's share, what it reached, and the city total.
 * {@code wholeCity} is false when the caller sees only part of the city's units, so the totals are
 * those of the visible units.
 */
public record CityTarget(AssignmentView.IndicatorRef indicator, BigDecimal target, String unit,
		List<Contribution> contributions, BigDecimal sharesTotal, BigDecimal reachedTotal, boolean wholeCity) {

	/** One lead unit's part: its share (the whole target when none was set) and what it reached. */
	public record Contribution(long assignmentId, AssignmentView.UnitRef unit, BigDecimal share, boolean shareSet,
			BigDecimal reached) {

		public int percent() {
			return CityTarget.percent(reached, share);
		}

	}

	/** Shares must add up to the city target; when they do not, the office is warned (not refused). */
	public boolean sharesMatch() {
		return sharesTotal.compareTo(target) == 0;
	}

	/** The city's progress: the total reached against the city target, 0 to 100. */
	public int percent() {
		return percent(reachedTotal, target);
	}

	static int percent(BigDecimal reached, BigDecimal of) {
		if (reached == null || of == null || of.signum() <= 0 || reached.signum() <= 0) {
			return 0;
		}
		return reached.multiply(BigDecimal.valueOf(100))
			.divide(of, 0, java.math.RoundingMode.DOWN)
			.min(BigDecimal.valueOf(100))
			.intValue();
	}

}
