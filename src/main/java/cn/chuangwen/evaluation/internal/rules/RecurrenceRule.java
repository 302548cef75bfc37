package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;

/**
 * PROBLEM_RECURRENCE: 100 less {@value #PER_RECURRENCE} per problem of the period that came back
 * (反弹), at least 0; a unit without problems dispatched in the period: no value. The sample is the
 * problems dispatched.
 */
public final class RecurrenceRule {

	/** Points lost per recurrence. */
	public static final int PER_RECURRENCE = 20;

	private RecurrenceRule() {
	}

	public static SourceValue value(long problems, long recurrences) {
		if (problems <= 0) {
			return SourceValue.NONE;
		}
		long v = Math.max(0, 100 - PER_RECURRENCE * Math.max(0, recurrences));
		return new SourceValue(BigDecimal.valueOf(v).setScale(2), (int) problems);
	}

}
