package cn.chuangwen.inspections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A new plan names its inspectors: they (and nobody else) are told. Carries only what the inspectors
 * need to know; an unannounced plan's points stay on the plan page, which only they and the office open.
 */
public record PlanAssigned(long cityId, long planId, String name, String period, LocalDate startDate,
		LocalDate endDate, int pointCount, List<Long> inspectorIds, Instant at) {
}
