package cn.chuangwen.projects;

import java.time.LocalDate;

/**
 * A decision as the office records it: what was decided, whether it becomes an assignment (then
 * {@code indicatorId}, the indicator leaf it serves, is needed) or a problem (then {@code category}
 * of the city's list, the first one if none is named), the unit that owns it and its deadline.
 */
public record DecisionDraft(String text, String kind, Long unitId, LocalDate deadline, Long indicatorId,
		String category) {
}
