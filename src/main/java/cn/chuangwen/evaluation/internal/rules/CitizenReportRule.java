package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * CITIZEN_REPORTS: the citizen reports of the period (every channel) that the office turned into
 * the unit's problems (accepted or merged). Handling H is the share of those due (deadline passed
 * by the period's end, or rectified) that were rectified by their deadline, in percent. When
 * citizens rated the handling (1–5 stars), their mean rating counts a fifth: (stars − 1) × 25 gives
 * 0–100, and the value is 0.8 × H + 0.2 × that; without a rating the value is H. Nothing due: no
 * value. The sample is the reports due.
 */
public final class CitizenReportRule {

	static final BigDecimal HANDLING_WEIGHT = new BigDecimal("0.8");

	static final BigDecimal RATING_WEIGHT = new BigDecimal("0.2");

	private CitizenReportRule() {
	}

	/**
	 * @param due reports whose problem was due by the period's end
	 * @param onTime those rectified by the problem's deadline
	 * @param rated reports the citizen rated
	 * @param starSum the sum of their stars (1–5 each)
	 */
	public static SourceValue value(long due, long onTime, long rated, long starSum) {
		SourceValue handling = SourceValue.share(onTime, due);
		if (handling.value() == null || rated <= 0) {
			return handling;
		}
		// (mean − 1) × 25 = (starSum − rated) × 25 / rated, kept exact until the final rounding
		BigDecimal rating = BigDecimal.valueOf((starSum - rated) * 25).divide(BigDecimal.valueOf(rated), 10,
				RoundingMode.HALF_UP);
		BigDecimal weighted = handling.value().multiply(HANDLING_WEIGHT).add(rating.multiply(RATING_WEIGHT));
		return new SourceValue(SourceValue.bounded(weighted), handling.sample());
	}

}
