package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * MANUAL: the sum of the unit's bonus (+) and penalty (−) points of the period, bounded to
 * {@code [−cap, +cap]}; added to the weighted total as it is (it weighs nothing). No item: 0.
 */
public final class ManualRule {

	private ManualRule() {
	}

	public static BigDecimal value(List<BigDecimal> points, BigDecimal cap) {
		BigDecimal sum = points.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		if (cap != null) {
			sum = sum.max(cap.negate()).min(cap);
		}
		return sum.setScale(2, java.math.RoundingMode.HALF_UP);
	}

}
