package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.chuangwen.inspections.PointScore.Check;
import cn.chuangwen.inspections.PointScore.Verdict;
import cn.chuangwen.shared.InvalidInputException;

/** Issue 9 §1: the point score (得分率 ×100) and the item verdicts. */
class PointScoreTest {

	@Test
	void theWorkedExample() {
		// caps 6, 3, 3: 2 × 2 = 4 on the first, the second N/A, 6 × 0.5 = 3 on the third (at its cap)
		PointScore.Result capped = PointScore.score(List.of(Check.of("2", "6", 2), Check.notApplicable("2", "3"),
				Check.of("0.5", "3", 6)));
		// 100 × (1 − (4 + 3) / (6 + 3)) = 22.22
		assertThat(capped.score()).isEqualByComparingTo("22.22");
		assertThat(capped.items()).extracting(PointScore.ItemResult::verdict)
			.containsExactly(Verdict.FAIL, null, Verdict.SERIOUS_FAIL);
		assertThat(capped.items().get(0).deduction()).isEqualByComparingTo("4");
		assertThat(capped.items().get(1).deduction()).isNull();
		assertThat(capped.items().get(2).deduction()).isEqualByComparingTo("3");
		// 5 × 0.5 = 2.5 stays below the cap of 3: 100 × (1 − 6.5 / 9) = 27.78, and the item is 不合格, not 严重不合格
		PointScore.Result below = PointScore.score(List.of(Check.of("2", "6", 2), Check.notApplicable("2", "3"),
				Check.of("0.5", "3", 5)));
		assertThat(below.score()).isEqualByComparingTo("27.78");
		assertThat(below.items().get(2).verdict()).isEqualTo(Verdict.FAIL);
		// 7 × 0.5 = 3.5 is capped at 3: 22.22 again
		assertThat(PointScore.score(List.of(Check.of("2", "6", 2), Check.notApplicable("2", "3"), Check.of("0.5", "3", 7)))
			.score()).isEqualByComparingTo("22.22");
	}

	@Test
	void aDeductionNeverExceedsItsCap() {
		// 5 × 2 = 10 on an item of cap 6: 6 deducted; with another item of cap 3 passed, 100 × (1 − 6/9) = 33.33
		PointScore.Result r = PointScore.score(List.of(Check.of("2", "6", 5), Check.of("1", "3", 0)));
		assertThat(r.items().get(0).deduction()).isEqualByComparingTo("6");
		assertThat(r.items().get(0).verdict()).isEqualTo(Verdict.SERIOUS_FAIL);
		assertThat(r.items().get(1).verdict()).isEqualTo(Verdict.PASS);
		assertThat(r.score()).isEqualByComparingTo("33.33");
	}

	@Test
	void notApplicableItemsLeaveBothSums() {
		// with the N/A item counted the score would be 100 × (1 − 1/7) = 85.71; left out it is 100 × (1 − 1/4) = 75.00
		PointScore.Result r = PointScore.score(List.of(Check.of("1", "4", 1), Check.notApplicable("1", "3")));
		assertThat(r.score()).isEqualByComparingTo("75.00");
		assertThat(r.score().scale()).isEqualTo(2);
	}

	@Test
	void everythingPassedIsAHundredAndEverythingCappedIsZero() {
		assertThat(PointScore.score(List.of(Check.of("2", "6", 0), Check.of("0.5", "3", 0))).score())
			.isEqualByComparingTo("100.00");
		assertThat(PointScore.score(List.of(Check.of("2", "6", 3), Check.of("0.5", "3", 999))).score())
			.isEqualByComparingTo("0.00");
	}

	@Test
	void roundsHalfUpToTwoDecimals() {
		// 100 × (1 − 1/8) = 87.5 exactly; 100 × (1 − 1/3) = 66.666… → 66.67; 100 × (1 − 0.001/16) = 99.99375 → 99.99
		assertThat(PointScore.score(List.of(Check.of("1", "8", 1))).score()).isEqualByComparingTo("87.50");
		assertThat(PointScore.score(List.of(Check.of("1", "3", 1))).score()).isEqualByComparingTo("66.67");
		assertThat(PointScore.score(List.of(Check.of("0.001", "16", 1))).score()).isEqualByComparingTo("99.99");
		// 100 × (1 − 0.005/8) = 99.9375 → 99.94 (half-up on the exact value, not on a rounded ratio)
		assertThat(PointScore.score(List.of(Check.of("0.005", "8", 1))).score()).isEqualByComparingTo("99.94");
		// 100 × (1 − 0.125/1000) = 99.9875 → 99.99
		assertThat(PointScore.score(List.of(Check.of("0.125", "1000", 1))).score()).isEqualByComparingTo("99.99");
	}

	@Test
	void allNotApplicableOrNothingHasNoScore() {
		assertThat(PointScore.score(List.of(Check.notApplicable("2", "6"), Check.notApplicable("1", "3"))).score())
			.isNull();
		assertThat(PointScore.score(List.of()).score()).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, -1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE })
	void negativeOrAbsurdCountsAreRefused(int count) {
		assertThatThrownBy(() -> PointScore.score(List.of(Check.of("1", "3", 0), Check.of("1", "3", count))))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems().get(0).field())
				.isEqualTo("results[1].count"));
	}

	@Test
	void aCountOfAnNotApplicableItemIsIgnoredAndTheLimitItselfIsAllowed() {
		assertThat(PointScore.score(List.of(Check.of("1", "3", PointScore.MAX_COUNT))).score())
			.isEqualByComparingTo("0.00");
		assertThat(PointScore.score(List.of(new Check(BigDecimal.ONE, BigDecimal.TEN, -5, false), Check.of("1", "4", 1)))
			.score()).isEqualByComparingTo("75.00");
	}

	@Test
	void aRuleThatIsNotPositiveIsRefused() {
		assertThatThrownBy(() -> PointScore.score(List.of(Check.of("0", "3", 1))))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> PointScore.score(List.of(Check.of("1", "-3", 1))))
			.isInstanceOf(InvalidInputException.class);
	}

	/** Properties over seeded random checklists: the score lies in 0..100, falls as a count rises, and ignores N/A items. */
	@Test
	void propertiesOverRandomChecklists() {
		Random random = new Random(9);
		for (int run = 0; run < 2_000; run++) {
			List<Check> checks = new ArrayList<>();
			int n = 1 + random.nextInt(12);
			for (int i = 0; i < n; i++) {
				BigDecimal per = BigDecimal.valueOf(1 + random.nextInt(8)).divide(BigDecimal.valueOf(2));
				BigDecimal max = per.multiply(BigDecimal.valueOf(1 + random.nextInt(4)));
				checks.add(new Check(per, max, random.nextInt(6), random.nextInt(5) != 0));
			}
			PointScore.Result r = PointScore.score(checks);
			if (checks.stream().noneMatch(Check::applicable)) {
				assertThat(r.score()).isNull();
				continue;
			}
			assertThat(r.score()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
			assertThat(r.score().scale()).isEqualTo(2);
			// one more occurrence on an applicable item never raises the score
			int i = random.nextInt(n);
			Check c = checks.get(i);
			List<Check> worse = new ArrayList<>(checks);
			worse.set(i, new Check(c.perOccurrence(), c.maxDeduction(), c.count() + 1, c.applicable()));
			assertThat(PointScore.score(worse).score()).isLessThanOrEqualTo(r.score());
			// adding an N/A item changes nothing
			List<Check> more = new ArrayList<>(checks);
			more.add(new Check(BigDecimal.ONE, BigDecimal.TEN, 3, false));
			assertThat(PointScore.score(more).score()).isEqualByComparingTo(r.score());
		}
	}

}
