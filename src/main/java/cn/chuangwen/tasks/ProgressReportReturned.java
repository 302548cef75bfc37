package cn.chuangwen.tasks;

import java.time.Instant;

/**
 * The office returned a progress report (退回) with a reason; the unit that submitted it is told
 * what to add or change.
 */
public record ProgressReportReturned(long reportId, long assignmentId, long cityId, long unitId,
		String indicatorCode, String indicatorName, String reason, String reviewedBy, Instant reviewedAt) {
}
