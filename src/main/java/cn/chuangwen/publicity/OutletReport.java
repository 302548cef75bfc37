package cn.chuangwen.publicity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** One month's report of an outlet, in its measure, with its evidence files and the computed share. */
public record OutletReport(long id, long outletId, YearMonth month, BigDecimal adAmount, BigDecimal totalAmount,
		String reportedBy, Instant reportedAt, String correctedReason, List<Evidence> evidence) {

	/** An evidence file: id and name. */
	public record Evidence(long fileId, String name) {
	}

	public boolean compliant() {
		return ShareRule.compliant(adAmount, totalAmount);
	}

	public BigDecimal sharePercent() {
		return ShareRule.percent(adAmount, totalAmount);
	}

	public BigDecimal missing() {
		return ShareRule.missing(adAmount, totalAmount);
	}

}
