package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The budget rule of a key project (issue 12 §2, T4): spending that reaches 90 % of the budget
 * warns; an entry that would take spending past 100 % is refused with the figures.
 */
public final class BudgetRule {

	/** The warning share, in percent. */
	public static final int WARNING_PERCENT = 90;

	/** The largest amount (budget or entry) accepted, in yuan: ten billion less a fen. */
	public static final BigDecimal MAX = new BigDecimal("9999999999.99");

	private BudgetRule() {
	}

	/** What an accepted entry means for the budget. */
	public enum Outcome {
		OK, WARNING
	}

	/**
	 * Checks one more spending entry of {@code amount} against the budget, {@code spent} so far.
	 * Throws {@link OverBudgetException} (400, with the figures) when it would pass the budget.
	 */
	public static Outcome check(BigDecimal budget, BigDecimal spent, BigDecimal amount) {
		BigDecimal after = spent.add(amount);
		if (after.compareTo(budget) > 0) {
			throw new OverBudgetException(budget, spent, amount);
		}
		return warns(after, budget) ? Outcome.WARNING : Outcome.OK;
	}

	/** Whether spending has reached the warning share of the budget (any spending of a zero budget does). */
	public static boolean warns(BigDecimal spent, BigDecimal budget) {
		if (spent.signum() <= 0) {
			return false;
		}
		return spent.multiply(BigDecimal.valueOf(100))
			.compareTo(budget.multiply(BigDecimal.valueOf(WARNING_PERCENT))) >= 0;
	}

	/** Spent as a whole percentage of the budget, rounded down (100 when a zero budget has spending). */
	public static int percent(BigDecimal spent, BigDecimal budget) {
		if (budget.signum() == 0) {
			return spent.signum() > 0 ? 100 : 0;
		}
		return spent.multiply(BigDecimal.valueOf(100)).divide(budget, 0, RoundingMode.DOWN).intValue();
	}

}
