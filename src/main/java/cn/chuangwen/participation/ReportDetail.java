package cn.chuangwen.participation;

import java.time.Instant;
import java.util.List;

/**
 * One report for the office: the report (personal data as {@link OfficeReport} says), its photos
 * (ids of the originals' rows), its "me too"s, its public updates, the problem it joined (code),
 * the rejection's public reason, and for a report still waiting the routing suggestion.
 */
public record ReportDetail(OfficeReport report, String enteredBy, List<Long> photoIds, List<Instant> supports,
		List<PublicReport.Update> updates, String problemCode, String publicReason, Instant closedAt,
		RouteSuggestion suggestion) {
}
