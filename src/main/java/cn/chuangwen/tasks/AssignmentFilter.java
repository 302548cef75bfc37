package cn.chuangwen.tasks;

/** Filters of assignment lists; null means any. */
public record AssignmentFilter(Long systemId, Long unitId, Long groupId, String indicatorCode, AssignmentState state) {

	public static AssignmentFilter any() {
		return new AssignmentFilter(null, null, null, null, null);
	}

}
