package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * A field point's score (得分率 ×100, issue 9 §1), a pure function of the checked items:
 * {@code 100 × (1 − Σ deductions / Σ max_deduction)} over the applicable items, each item's deduction
 * being {@code min(count × per_occurrence, max_deduction)}. Items marked not applicable are left out
 * of both sums. The score is rounded half-up to two decimals.
 */
public final class PointScore {

	/** More occurrences of one item than this on one point is a typing error, not a finding. */
	public static final int MAX_COUNT = 1000;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private PointScore() {
	}

	/** 合格: no deduction; 不合格: a deduction below the cap; 严重不合格: the cap reached. */
	public enum Verdict {

		PASS, FAIL, SERIOUS_FAIL;

		public String messageKey() {
			return "pointScore.verdict." + name();
		}

	}

	/**
	 * One checked item: its rule ({@code perOccurrence}, {@code maxDeduction}, both positive) and what
	 * was found: {@code count} occurrences, or {@code applicable == false} for not applicable (N/A).
	 */
	public record Check(BigDecimal perOccurrence, BigDecimal maxDeduction, int count, boolean applicable) {

		public static Check of(String perOccurrence, String maxDeduction, int count) {
			return new Check(new BigDecimal(perOccurrence), new BigDecimal(maxDeduction), count, true);
		}

		public static Check notApplicable(String perOccurrence, String maxDeduction) {
			return new Check(new BigDecimal(perOccurrence), new BigDecimal(maxDeduction), 0, false);
		}

	}

	/** An applicable item's deduction and verdict; null deduction and verdict for an N/A item. */
	public record ItemResult(BigDecimal deduction, Verdict verdict) {
	}

	/** The score and each item's result, in the order given. */
	public record Result(BigDecimal score, List<ItemResult> items) {
	}

	/** The deduction of one applicable item: {@code min(count × per_occurrence, max_deduction)}. */
	public static BigDecimal deduction(Check check) {
		validate(check, 0);
		return check.perOccurrence().multiply(BigDecimal.valueOf(check.count())).min(check.maxDeduction());
	}

	/** The verdict of one applicable item, from its deduction against its cap. */
	public static Verdict verdict(Check check) {
		BigDecimal d = deduction(check);
		if (d.signum() == 0) {
			return Verdict.PASS;
		}
		return d.compareTo(check.maxDeduction()) >= 0 ? Verdict.SERIOUS_FAIL : Verdict.FAIL;
	}

	/**
	 * Scores a point. The score is {@code null} when there is nothing to score: no items, or every
	 * item not applicable (Σ max_deduction is zero, so no rate exists; such a point is "not scored",
	 * never 100 and never 0). A negative count or one above {@link #MAX_COUNT}, or a rule that is not
	 * positive, is refused with {@link InvalidInputException} naming the item's index
	 * ({@code results[i].count}).
	 */
	public static Result score(List<Check> checks) {
		for (int i = 0; i < checks.size(); i++) {
			validate(checks.get(i), i);
		}
		BigDecimal deducted = BigDecimal.ZERO;
		BigDecimal possible = BigDecimal.ZERO;
		List<ItemResult> items = new java.util.ArrayList<>();
		for (Check c : checks) {
			if (!c.applicable()) {
				items.add(new ItemResult(null, null));
				continue;
			}
			BigDecimal d = deduction(c);
			deducted = deducted.add(d);
			possible = possible.add(c.maxDeduction());
			items.add(new ItemResult(d, verdict(c)));
		}
		if (possible.signum() == 0) {
			return new Result(null, List.copyOf(items));
		}
		// 100 × (possible − deducted) / possible: one division, so one rounding (no double rounding)
		BigDecimal score = HUNDRED.multiply(possible.subtract(deducted)).divide(possible, 2, RoundingMode.HALF_UP);
		return new Result(score, List.copyOf(items));
	}

	private static void validate(Check c, int index) {
		if (c == null || c.perOccurrence() == null || c.maxDeduction() == null || c.perOccurrence().signum() <= 0
				|| c.maxDeduction().signum() <= 0) {
			throw new InvalidInputException(FieldProblem.of("results[" + index + "]", "pointScore.error.rule"));
		}
		if (c.applicable() && (c.count() < 0 || c.count() > MAX_COUNT)) {
			throw new InvalidInputException(
					FieldProblem.of("results[" + index + "].count", "pointScore.error.count", MAX_COUNT));
		}
	}

}
