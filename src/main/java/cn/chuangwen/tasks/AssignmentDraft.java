package cn.chuangwen.tasks;

import java.time.LocalDate;
import java.util.List;

/** What the office enters to assign a leaf indicator to a unit. */
public record AssignmentDraft(Long indicatorId, Long leadUnitId, List<Long> cooperatingUnitIds,
		AssignmentView.Responsible responsible, String targetDescription, LocalDate startDate, LocalDate deadline,
		List<Milestone> milestones) {
}
