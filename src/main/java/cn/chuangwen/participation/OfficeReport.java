package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A report as the office sees it in its list. {@code reporterName} and {@code reporterPhone} are
 * null unless the reader holds {@code participation:personal}, whatever the report holds.
 */
public record OfficeReport(long id, String code, ReportChannel channel, long categoryId, String category,
		String description, String address, BigDecimal lat, BigDecimal lng, ReportState state, Instant createdAt,
		Instant answeredAt, Long townId, String townName, Long problemId, int supporters, Integer rating,
		String reporterName, String reporterPhone) {
}
