package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The budget rule: a warning from 90 % of the budget, refusal past 100 % with the figures. */
class BudgetRuleTest {

	static BigDecimal yuan(String s) {
		return new BigDecimal(s);
	}

	@Test
	void belowNinetyPercentIsFine() {
		assertThat(BudgetRule.check(yuan("1000.00"), yuan("0"), yuan("899.99"))).isEqualTo(BudgetRule.Outcome.OK);
	}

	@Test
	void reachingNinetyPercentWarns() {
		assertThat(BudgetRule.check(yuan("1000.00"), yuan("800.00"), yuan("100.00")))
			.isEqualTo(BudgetRule.Outcome.WARNING);
		assertThat(BudgetRule.check(yuan("1000.00"), yuan("900.00"), yuan("100.00")))
			.as("exactly the budget is allowed")
			.isEqualTo(BudgetRule.Outcome.WARNING);
	}

	@Test
	void passingTheBudgetIsRefusedWithTheFigures() {
		assertThatThrownBy(() -> BudgetRule.check(yuan("1000.00"), yuan("900.00"), yuan("100.01")))
			.isInstanceOfSatisfying(OverBudgetException.class, ex -> {
				assertThat(ex.budget()).isEqualByComparingTo("1000");
				assertThat(ex.spent()).isEqualByComparingTo("900");
				assertThat(ex.amount()).isEqualByComparingTo("100.01");
				assertThat(ex.problems()).singleElement().satisfies(p -> {
					assertThat(p.field()).isEqualTo("amount");
					assertThat(p.args()).containsExactly("1000.00", "900.00", "100.01");
				});
				assertThat(ex.properties()).containsKeys("budget", "spent", "amount");
			});
	}

	@Test
	void aZeroBudgetTakesNoSpending() {
		assertThatThrownBy(() -> BudgetRule.check(BigDecimal.ZERO, BigDecimal.ZERO, yuan("0.01")))
			.isInstanceOf(OverBudgetException.class);
		assertThat(BudgetRule.percent(BigDecimal.ZERO, BigDecimal.ZERO)).isZero();
		assertThat(BudgetRule.warns(BigDecimal.ZERO, BigDecimal.ZERO)).isFalse();
	}

	@Test
	void percentRoundsDown() {
		assertThat(BudgetRule.percent(yuan("899.99"), yuan("1000"))).isEqualTo(89);
		assertThat(BudgetRule.warns(yuan("899.99"), yuan("1000"))).isFalse();
		assertThat(BudgetRule.warns(yuan("900"), yuan("1000"))).isTrue();
		assertThat(BudgetRule.percent(yuan("5500000"), yuan("6000000"))).isEqualTo(91);
	}

}
