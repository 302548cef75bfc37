package cn.chuangwen.tasks;

import java.time.Instant;

/** The office approved a progress report (审核通过); the unit that submitted it is told. */
public record ProgressReportApproved(long reportId, long assignmentId, long cityId, long unitId,
		String indicatorCode, String indicatorName, String reviewedBy, Instant reviewedAt) {
}
