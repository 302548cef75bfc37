package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.util.Map;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * A spending entry that would take a project past its budget: a 400 on field {@code amount} whose
 * problem answer carries the figures ({@code budget}, {@code spent}, {@code amount}); nothing is stored.
 */
public class OverBudgetException extends InvalidInputException {

	private final BigDecimal budget;

	private final BigDecimal spent;

	private final BigDecimal amount;

	public OverBudgetException(BigDecimal budget, BigDecimal spent, BigDecimal amount) {
		super(FieldProblem.of("amount", "project.error.overBudget", budget.toPlainString(), spent.toPlainString(),
				amount.toPlainString()));
		this.budget = budget;
		this.spent = spent;
		this.amount = amount;
	}

	public BigDecimal budget() {
		return budget;
	}

	public BigDecimal spent() {
		return spent;
	}

	public BigDecimal amount() {
		return amount;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("budget", budget, "spent", spent, "amount", amount);
	}

}
