package cn.chuangwen.evaluation.internal.rules;

/**
 * LETTER_TARGETS: of the items of the unit's responsibility letters (责任状) whose deadline in the
 * letter fell before the period's end, the share whose assignment was signed off (验收) by that
 * deadline, in percent (2 decimals). The year's letter counts cumulatively: a quarter reads every
 * target due from January to its end. No letter, or nothing due yet: no value. The sample is the
 * targets due.
 */
public final class LetterRule {

	private LetterRule() {
	}

	public static SourceValue value(int due, int met) {
		return SourceValue.share(met, due);
	}

}
