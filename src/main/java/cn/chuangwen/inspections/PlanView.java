package cn.chuangwen.inspections;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An inspection plan (检查计划) as lists show it: kind, name, period, state, dates, its inspectors
 * (empty for a unit, which is not told who inspects), how many points it has and how many of them
 * have been inspected so far.
 */
public record PlanView(long id, long cityId, PlanKind kind, String name, String period, PlanState state, Dates dates,
		List<Inspector> inspectors, int pointCount, int inspectedCount, Instant closedAt) {

	public PlanView {
		inspectors = List.copyOf(inspectors);
	}

	/** The days the round runs, both inside its period. */
	public record Dates(LocalDate start, LocalDate end) {
	}

	/** An inspector on the plan (督查员). */
	public record Inspector(long id, String username, String displayName) {
	}

	public LocalDate startDate() {
		return dates.start();
	}

	public LocalDate endDate() {
		return dates.end();
	}

	public boolean open() {
		return state == PlanState.OPEN;
	}

	public List<String> inspectorUsernames() {
		return inspectors.stream().map(Inspector::username).toList();
	}

	public PlanView withInspectors(List<Inspector> given) {
		return new PlanView(id, cityId, kind, name, period, state, dates, given, pointCount, inspectedCount, closedAt);
	}

}
