package cn.chuangwen.evaluation.internal.rules;

/**
 * TASK_SIGNOFF: of the unit's assignments whose deadline fell before the period's end, the share
 * signed off (验收) by then, in percent (2 decimals); none due: no value. The sample is those due.
 */
public final class SignoffRule {

	private SignoffRule() {
	}

	public static SourceValue value(int due, int signedOff) {
		return SourceValue.share(signedOff, due);
	}

}
