package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the office enters to assign a leaf indicator to a unit, or to change an assignment.
 * {@code targetShare} is the lead unit's share of a numeric city target (null: the whole target).
 */
public record AssignmentDraft(Long indicatorId, Long leadUnitId, List<Long> cooperatingUnitIds,
		AssignmentView.Responsible responsible, String targetDescription, BigDecimal targetShare, LocalDate startDate,
		LocalDate deadline, List<Milestone> milestones) {

	/** A draft without a share: the unit answers for the whole city target. */
	public AssignmentDraft(Long indicatorId, Long leadUnitId, List<Long> cooperatingUnitIds,
			AssignmentView.Responsible responsible, String targetDescription, LocalDate startDate, LocalDate deadline,
			List<Milestone> milestones) {
		this(indicatorId, leadUnitId, cooperatingUnitIds, responsible, targetDescription, null, startDate, deadline,
				milestones);
	}

}
