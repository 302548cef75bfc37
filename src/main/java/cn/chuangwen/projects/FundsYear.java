package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.util.List;

/**
 * A city's creation funds for one year as the reader may see them: the budget (null when the reader
 * sees only its unit's allocations, or none is set), the allocations, and the increases waiting.
 */
public record FundsYear(int year, long cityId, BigDecimal budget, List<FundAllocation> allocations,
		List<FundIncrease> pending) {

	public BigDecimal allocated() {
		return allocations.stream().map(FundAllocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal spent() {
		return allocations.stream().map(FundAllocation::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** What is left of the budget to allocate (zero when no budget is shown). */
	public BigDecimal unallocated() {
		return budget == null ? BigDecimal.ZERO : budget.subtract(allocated());
	}

	/** Allocated as a whole percentage of the budget. */
	public int allocatedPercent() {
		return budget == null ? 0 : BudgetRule.percent(allocated(), budget);
	}

	public List<FundAllocation> warnings() {
		return allocations.stream().filter(FundAllocation::warning).toList();
	}

}
