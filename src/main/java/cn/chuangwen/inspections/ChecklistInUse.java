package cn.chuangwen.inspections;

import java.time.Instant;

/** For one point type: the checklist version in use and how many items it has for the type. */
public record ChecklistInUse(PointType pointType, long versionId, String versionName, Instant createdAt,
		String createdBy, int items) {
}
