package cn.chuangwen.tasks;

import java.time.Instant;

/**
 * A unit submitted a progress report (进展报告已提交): it now waits in the city's review queue.
 * Published in the submitting transaction; listeners run after it committed.
 */
public record ProgressReportSubmitted(long reportId, long assignmentId, long cityId, long unitId,
		String indicatorCode, String indicatorName, Instant submittedAt) {
}
