package cn.chuangwen.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Decimal input from forms, JSON and import cells, bounded <em>before</em> any arithmetic:
 * {@code 1e50000000} would make a division run for minutes and {@code 1e999999999} overflow the
 * scale, so the text's length and exponent are checked before a {@link BigDecimal} exists, and the
 * value's integer digits and decimals right after.
 */
public final class Decimals {

	/** Longer text is refused unread: no bound we use needs more. */
	static final int MAX_TEXT = 64;

	/** Digits with an optional point and an exponent. */
	private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE]([+-]?\\d{1,18}))?");

	/** Exponents beyond this are refused before a BigDecimal is made (no bound we use comes close). */
	private static final long MAX_EXPONENT = 9999;

	/** What is wrong with a number, if anything. */
	public enum Problem {

		NOT_A_NUMBER, TOO_LARGE, TOO_PRECISE

	}

	/**
	 * A read number: the value (null when the text is not a number) and the problem, if any. A value
	 * out of bounds is still given (it is small to hold) so a caller can say which bound it broke.
	 */
	public record Result(BigDecimal value, Problem problem) {

		public boolean ok() {
			return problem == null;
		}

	}

	private Decimals() {
	}

	/**
	 * Reads a number as people type it (spaces and thousands separators allowed). Null for blank
	 * text. At most {@code maxIntegerDigits} before the point and {@code maxScale} after it.
	 */
	public static Result read(String text, int maxIntegerDigits, int maxScale) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_TEXT * 2) {
			return new Result(null, Problem.NOT_A_NUMBER);
		}
		String t = text.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u00a0", "");
		var m = NUMBER.matcher(t);
		if (t.length() > MAX_TEXT || !m.matches()) {
			return new Result(null, Problem.NOT_A_NUMBER);
		}
		if (m.group(4) != null) {
			long exponent = Long.parseLong(m.group(4));
			if (Math.abs(exponent) > MAX_EXPONENT) {
				return new Result(null, exponent > 0 ? Problem.TOO_LARGE : Problem.TOO_PRECISE);
			}
		}
		BigDecimal value = new BigDecimal(t);
		BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
		int integerDigits = Math.max(0, stripped.precision() - stripped.scale());
		if (integerDigits > maxIntegerDigits) {
			return new Result(value, Problem.TOO_LARGE);
		}
		if (stripped.scale() > maxScale) {
			return new Result(value, Problem.TOO_PRECISE);
		}
		return new Result(stripped.scale() < 0 ? stripped.setScale(0) : value, null);
	}

	/**
	 * The number, null for blank text, or an {@link InvalidInputException} on {@code field}:
	 * {@code decimal.error.number} when it is not one, {@code decimal.error.range} (with the bounds)
	 * when it has too many digits.
	 */
	public static BigDecimal parse(String field, String text, int maxIntegerDigits, int maxScale) {
		Result r = read(text, maxIntegerDigits, maxScale);
		if (r == null) {
			return null;
		}
		if (r.problem() == Problem.NOT_A_NUMBER) {
			throw new InvalidInputException(FieldProblem.of(field, "decimal.error.number"));
		}
		if (r.problem() != null) {
			throw new InvalidInputException(FieldProblem.of(field, "decimal.error.range", maxIntegerDigits, maxScale));
		}
		return r.value();
	}

	/** Checks a number that arrived already parsed (JSON): same bounds, same problems. */
	public static BigDecimal check(String field, BigDecimal value, int maxIntegerDigits, int maxScale) {
		if (value == null) {
			return null;
		}
		if (!fits(value, maxIntegerDigits, maxScale)) {
			throw new InvalidInputException(FieldProblem.of(field, "decimal.error.range", maxIntegerDigits, maxScale));
		}
		return value;
	}

	/**
	 * Whether a parsed number has at most {@code maxIntegerDigits} before the point and
	 * {@code maxScale} after it; cheap even for {@code 1E+500000000}, so callers ask this before any
	 * arithmetic or comparison.
	 */
	public static boolean fits(BigDecimal value, int maxIntegerDigits, int maxScale) {
		BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
		// long: precision minus a scale near Integer.MIN_VALUE overflows an int and would pass.
		long integerDigits = (long) stripped.precision() - stripped.scale();
		return integerDigits <= maxIntegerDigits && stripped.scale() <= maxScale;
	}

}
