package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A problem as lists show it. {@code overdue} is computed when read: not closed and past its
 * deadline by the clock.
 */
public record ProblemView(long id, long cityId, String code, ProblemSource source, String category,
		String title, ProblemSeverity severity, long unitId, String unitName, ProblemState state, boolean overdue,
		Instant deadline, Long recurrenceOf, String address, BigDecimal lat, BigDecimal lng, int rejections,
		Instant createdAt, Instant closedAt, int version) {

	public boolean located() {
		return lat != null && lng != null;
	}

}
