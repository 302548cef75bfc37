package cn.chuangwen.participation;

import java.math.BigDecimal;

/**
 * A citizen report as sent: the category's name in the city's list, what is wrong, where (WGS-84
 * coordinates and/or an address; one of the two is required), and optionally who sent it. The name
 * and phone are personal data: kept for the office, never in a public answer.
 */
public record ReportDraft(String category, String description, String address, BigDecimal lat, BigDecimal lng,
		String reporterName, String reporterPhone) {
}
