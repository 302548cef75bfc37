package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A key project as lists, pages and the API show it, with what was spent so far (yuan). */
public record ProjectView(long id, long cityId, String cityName, String name, String goal, String leaderUsername,
		String leaderName, long leadUnitId, String leadUnitName, List<Unit> cooperating, ProjectState state,
		BigDecimal budget, BigDecimal spent, List<Long> linkedAssignmentIds, List<Long> linkedProblemIds,
		Instant updatedAt, int version) {

	/** A cooperating unit. */
	public record Unit(long id, String name) {
	}

	public List<Long> cooperatingUnitIds() {
		return cooperating.stream().map(Unit::id).toList();
	}

	/** Spent as a whole percentage of the budget (0 when there is no budget and nothing spent). */
	public int spentPercent() {
		return BudgetRule.percent(spent, budget);
	}

	/** Whether spending has reached the warning share of the budget. */
	public boolean budgetWarning() {
		return BudgetRule.warns(spent, budget);
	}

}
