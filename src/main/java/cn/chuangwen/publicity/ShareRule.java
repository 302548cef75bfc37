package cn.chuangwen.publicity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * X9's quota as a pure rule: public-service ads take at least one third of what an outlet ran in a
 * month (time or space, in the outlet's measure). Compared as {@code 3 × ad ≥ total}, so one third
 * exactly complies and no rounding decides.
 */
public final class ShareRule {

	private static final BigDecimal THREE = BigDecimal.valueOf(3);

	private ShareRule() {
	}

	public static boolean compliant(BigDecimal ad, BigDecimal total) {
		return ad.multiply(THREE).compareTo(total) >= 0;
	}

	/** The public-service share in percent, one decimal, for display. */
	public static BigDecimal percent(BigDecimal ad, BigDecimal total) {
		return ad.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP);
	}

	/** How much more public-service content the month needed: {@code ceil(total / 3) - ad}, never below 0. */
	public static BigDecimal missing(BigDecimal ad, BigDecimal total) {
		BigDecimal needed = total.divide(THREE, 2, RoundingMode.CEILING);
		BigDecimal gap = needed.subtract(ad);
		return gap.signum() > 0 ? gap : BigDecimal.ZERO.setScale(2);
	}

}
