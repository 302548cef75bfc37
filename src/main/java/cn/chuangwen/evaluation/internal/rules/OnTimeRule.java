package cn.chuangwen.evaluation.internal.rules;

/**
 * PROBLEM_ON_TIME: of the unit's problems of the period that are due (deadline passed by the
 * period's end, or rectified), the share rectified by the deadline, in percent (2 decimals); none
 * due: no value. The sample is the problems due.
 */
public final class OnTimeRule {

	private OnTimeRule() {
	}

	public static SourceValue value(long due, long onTime) {
		return SourceValue.share(onTime, due);
	}

}
