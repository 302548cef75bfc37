package cn.chuangwen.tasks;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * State of an assignment on a given day, computed from its data, never stored: signed off;
 * overdue after the deadline; at risk when behind the current milestone by the city's threshold
 * of points, or within the threshold of days before the deadline and below 100 %; not started at
 * 0 %; otherwise on track. The battle-map SQL computes the same (see AssignmentStore.STATE_SQL).
 */
public enum AssignmentState {

	NOT_STARTED("grey"), ON_TRACK("blue"), AT_RISK("amber"), OVERDUE("red"), SIGNED_OFF("green");

	private final String colour;

	AssignmentState(String colour) {
		this.colour = colour;
	}

	/** The shared state colour (docs/ui.md), used as the badge class suffix. */
	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "assignment.state." + name();
	}

	public static AssignmentState compute(boolean signedOff, int percent, LocalDate deadline,
			List<Milestone> milestones, LocalDate today, TaskSettings settings) {
		if (signedOff) {
			return SIGNED_OFF;
		}
		if (today.isAfter(deadline)) {
			return OVERDUE;
		}
		int expected = expectedPercent(milestones, today);
		if (expected - percent >= settings.atRiskPoints()) {
			return AT_RISK;
		}
		if (ChronoUnit.DAYS.between(today, deadline) <= settings.atRiskDays() && percent < 100) {
			return AT_RISK;
		}
		return percent == 0 ? NOT_STARTED : ON_TRACK;
	}

	/**
	 * The percent expected today: that of the latest milestone on or before today, 0 before the
	 * first. Milestones never decrease, so it is the highest percent among those passed.
	 */
	public static int expectedPercent(List<Milestone> milestones, LocalDate today) {
		int expected = 0;
		for (Milestone m : milestones) {
			if (!m.date().isAfter(today)) {
				expected = Math.max(expected, m.percent());
			}
		}
		return expected;
	}

}
