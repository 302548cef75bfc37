package cn.chuangwen.participation;

import java.time.LocalDate;

/**
 * The office's filters on its list of reports, each optional: state, channel, category, town, the
 * day the report came in (from and to, Beijing days, both inclusive) and a text in its code,
 * description or address.
 */
public record ReportFilter(ReportState state, ReportChannel channel, Long categoryId, Long townId, LocalDate from,
		LocalDate to, String q) {

	public static ReportFilter none() {
		return new ReportFilter(null, null, null, null, null, null, null);
	}

}
