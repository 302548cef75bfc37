package cn.chuangwen.projects;

import java.math.BigDecimal;

/**
 * An allocation of a city's creation budget (创建经费, T4) for one year, to one key project or one
 * unit, with what was spent from it and what increases wait for a leader (yuan).
 */
public record FundAllocation(long id, long cityId, int year, Long projectId, Long unitId, String targetName,
		BigDecimal amount, BigDecimal spent, BigDecimal pendingIncrease, String note, int version) {

	public boolean forProject() {
		return projectId != null;
	}

	/** Spent as a whole percentage of the allocation. */
	public int spentPercent() {
		return BudgetRule.percent(spent, amount);
	}

	/** Whether spending has passed the warning share of the allocation. */
	public boolean warning() {
		return BudgetRule.warns(spent, amount);
	}

	public BigDecimal remaining() {
		return amount.subtract(spent);
	}

}
