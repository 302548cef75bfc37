package cn.chuangwen.inspections;

/** The plan list's filters; null means no condition. {@code period} is a period code such as 2026-11. */
public record PlanFilter(PlanKind kind, PlanState state, String period) {

	public static PlanFilter none() {
		return new PlanFilter(null, null, null);
	}

}
