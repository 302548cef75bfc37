package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A unit's normalised value of one source (0–100, 2 decimals; null: no data for the unit, so the
 * source's weight goes to the others) and the sample it rests on (points, problems, assignments).
 */
public record SourceValue(BigDecimal value, int sample) {

	static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public static final SourceValue NONE = new SourceValue(null, 0);

	/**
	 * The share rules' value: {@code part} of {@code whole} in percent (part capped at the whole),
	 * the sample being the whole; nothing to divide by: no value.
	 */
	static SourceValue share(long part, long whole) {
		if (whole <= 0) {
			return NONE;
		}
		return new SourceValue(percent(Math.min(part, whole), whole), (int) whole);
	}

	/** {@code part / whole × 100}, half up to 2 decimals. */
	static BigDecimal percent(long part, long whole) {
		return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
	}

	/** Bounded to 0–100 and rounded half up to 2 decimals. */
	static BigDecimal bounded(BigDecimal v) {
		return v.max(BigDecimal.ZERO).min(HUNDRED).setScale(2, RoundingMode.HALF_UP);
	}

}
