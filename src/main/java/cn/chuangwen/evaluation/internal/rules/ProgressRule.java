package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * TASK_PROGRESS: the mean over the unit's assignments of its progress against the roadmap at the
 * period's end (each: percent reached / percent expected × 100, at most 100; 100 when nothing is
 * expected yet or it is signed off), 2 decimals; no assignment: no value. The sample is the assignments.
 */
public final class ProgressRule {

	private ProgressRule() {
	}

	public static SourceValue value(int assignments, BigDecimal progressSum) {
		if (assignments <= 0 || progressSum == null) {
			return SourceValue.NONE;
		}
		return new SourceValue(
				SourceValue.bounded(progressSum.divide(BigDecimal.valueOf(assignments), 2, RoundingMode.HALF_UP)),
				assignments);
	}

}
