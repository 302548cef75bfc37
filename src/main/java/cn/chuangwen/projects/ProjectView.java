package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A key project as lists, pages and the API show it, with what was spent so far (yuan). Grouped into
 * small records (who, money, links); the flat accessors below are shorthands templates read.
 */
public record ProjectView(long id, long cityId, String cityName, String name, String goal, Who who,
		ProjectState state, Money money, Links links, Instant updatedAt, int version) {

	/** The city leader, the lead unit and the cooperating units. */
	public record Who(String leaderUsername, String leaderName, long leadUnitId, String leadUnitName,
			List<Unit> cooperating) {
	}

	/** The budget and what was spent so far, in yuan. */
	public record Money(BigDecimal budget, BigDecimal spent) {
	}

	/** The linked assignments and problems, by id, in the order they were linked. */
	public record Links(List<Long> assignmentIds, List<Long> problemIds) {
	}

	/** A cooperating unit. */
	public record Unit(long id, String name) {
	}

	public String leaderUsername() {
		return who.leaderUsername();
	}

	public String leaderName() {
		return who.leaderName();
	}

	public long leadUnitId() {
		return who.leadUnitId();
	}

	public String leadUnitName() {
		return who.leadUnitName();
	}

	public List<Unit> cooperating() {
		return who.cooperating();
	}

	public List<Long> cooperatingUnitIds() {
		return who.cooperating().stream().map(Unit::id).toList();
	}

	public BigDecimal budget() {
		return money.budget();
	}

	public BigDecimal spent() {
		return money.spent();
	}

	public List<Long> linkedAssignmentIds() {
		return links.assignmentIds();
	}

	public List<Long> linkedProblemIds() {
		return links.problemIds();
	}

	/** Spent as a whole percentage of the budget (0 when there is no budget and nothing spent). */
	public int spentPercent() {
		return BudgetRule.percent(spent(), budget());
	}

	/** Whether spending has reached the warning share of the budget. */
	public boolean budgetWarning() {
		return BudgetRule.warns(spent(), budget());
	}

}
