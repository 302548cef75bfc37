package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.util.Map;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Allocations that would pass the city's creation budget of the year: a 400 on the field given whose
 * problem answer carries the figures ({@code year}, {@code budget}, {@code allocated} by the others,
 * {@code amount} asked); nothing is stored.
 */
public class PastBudgetException extends InvalidInputException {

	private final transient Map<String, Object> figures;

	public PastBudgetException(String field, int year, BigDecimal budget, BigDecimal allocated, BigDecimal amount) {
		super(FieldProblem.of(field, "fund.error.pastBudget", year, Funds.plain(budget), Funds.plain(allocated),
				Funds.plain(amount)));
		this.figures = Map.of("year", year, "budget", budget, "allocated", allocated, "amount", amount);
	}

	@Override
	public Map<String, Object> properties() {
		return figures;
	}

}
