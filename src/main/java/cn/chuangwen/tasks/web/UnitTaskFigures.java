package cn.chuangwen.tasks.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitFigures;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

/**
 * A unit's work on the summary tab of its record: its assignments (led or co-operated), their
 * average progress, the overdue and at-risk ones, and its returned reports.
 */
@Component
class UnitTaskFigures implements UnitFigures {

	private final Assignments assignments;

	private final ProgressReports reports;

	UnitTaskFigures(Assignments assignments, ProgressReports reports) {
		this.assignments = assignments;
		this.reports = reports;
	}

	@Override
	public List<Figure> of(CurrentUser user, UnitView unit) {
		if (!user.can(Permissions.ASSIGNMENT_READ)) {
			return List.of();
		}
		Assignments.UnitTally tally = assignments.tallyOf(user, unit.cityId(), unit.id());
		int average = tally.averagePercent();
		long overdue = tally.count(AssignmentState.OVERDUE);
		long atRisk = tally.count(AssignmentState.AT_RISK);
		long signedOff = tally.count(AssignmentState.SIGNED_OFF);
		int returned = reports.countReturnedOpen(user, unit);
		return List.of(new Figure(10, "record.summary.assignments", String.valueOf(tally.total()), list(unit, null), null),
				new Figure(20, "record.summary.progress", average + "%", null, null),
				new Figure(30, "assignment.state.OVERDUE", String.valueOf(overdue), list(unit, AssignmentState.OVERDUE),
						overdue > 0 ? "red" : null),
				new Figure(40, "assignment.state.AT_RISK", String.valueOf(atRisk), list(unit, AssignmentState.AT_RISK),
						atRisk > 0 ? "amber" : null),
				new Figure(50, "assignment.state.SIGNED_OFF", String.valueOf(signedOff),
						list(unit, AssignmentState.SIGNED_OFF), signedOff > 0 ? "green" : null),
				new Figure(60, "record.summary.returned", String.valueOf(returned), null, returned > 0 ? "amber" : null));
	}

	private static String list(UnitView unit, AssignmentState state) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath("/assignments").queryParam("unitId", unit.id());
		if (state != null) {
			b.queryParam("state", state.name());
		}
		if (unit.cityCode() != null) {
			b.queryParam("city", unit.cityCode());
		}
		return b.toUriString();
	}

}
