package cn.chuangwen.inspections;

import java.util.List;

/**
 * An auditor's redraw of a plan's random sample with its stored seed over today's candidates:
 * whether it gives the same points, and whether the register changed since the draw (the
 * candidates' digest differs; then a different redraw does not mean the draw was tampered with).
 */
public record DrawCheck(PlanDetail.Sample stored, int candidatesNow, String digestNow, boolean registerChanged,
		boolean matches, List<Long> storedPoints, List<Long> redrawnPoints) {
}
