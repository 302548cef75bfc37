package cn.chuangwen.indicators.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.chuangwen.shared.Decimals;

/** Limits and field rules shared by the import and the edit form, so both say the same thing. */
public final class IndicatorRules {

	public static final int MAX_CODE = 64;

	public static final int MAX_NAME = 256;

	public static final int MAX_SYSTEM_NAME = 128;

	public static final int MAX_CRITERIA = 4000;

	public static final int MAX_POINT_TYPE = 32;

	public static final int MAX_POINT_TYPES = 1000;

	public static final int MAX_UNIT = 32;

	public static final int MAX_DEPTH = 20;

	/** numeric(7,3) */
	public static final BigDecimal MAX_SCORE = new BigDecimal("9999.999");

	/** numeric(14,3) */
	public static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999.999");

	/** The levels of the national system, top down. */
	public static final List<String> LEVELS = List.of("项目", "内容", "标准");

	/** Letters (Chinese too), digits, then dots, hyphens and underscores: I-6-1, 一.2, A_3. */
	static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._\\-]{0,63}");

	/** Separators people use between list items in a cell: | ｜ 、 ; ； and newlines. */
	static final Pattern LIST_SEPARATOR = Pattern.compile("[|｜、;；\\r\\n]+");

	private IndicatorRules() {
	}

	/** The message key of what is wrong with a score, or null when it is fine. */
	public static String checkScore(BigDecimal score) {
		if (score.signum() < 0) {
			return "indicator.error.score.negative";
		}
		if (score.compareTo(MAX_SCORE) > 0 || score.stripTrailingZeros().scale() > 3) {
			return "indicator.error.score.range";
		}
		return null;
	}

	/** The message key of what is wrong with a target quantity, or null when it is fine. */
	public static String checkQuantity(BigDecimal quantity) {
		if (quantity.signum() < 0) {
			return "indicator.error.target.negative";
		}
		if (quantity.compareTo(MAX_QUANTITY) > 0 || quantity.stripTrailingZeros().scale() > 3) {
			return "indicator.error.target.range";
		}
		return null;
	}

	/** The message key of what is wrong with a list of point types, or null when it is fine. */
	public static String checkPointTypes(List<String> types) {
		for (String t : types) {
			if (t.strip().length() > MAX_POINT_TYPE) {
				return "indicator.error.pointType.long";
			}
		}
		if (joinPointTypes(types).length() > MAX_POINT_TYPES) {
			return "indicator.error.pointTypes.long";
		}
		return null;
	}

	/** A number as people type it: spaces and thousands separators allowed; null when it is not one. */
	public static BigDecimal number(String text) {
		// Bounded before a BigDecimal exists; a value out of range is returned for checkScore and
		// checkQuantity to name the bound it breaks.
		Decimals.Result r = Decimals.read(text, 11, 3);
		return r == null ? null : r.value();
	}

	/** Splits a cell holding several items; blanks dropped, duplicates kept once, order kept. */
	public static List<String> split(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		Set<String> items = new LinkedHashSet<>();
		for (String part : LIST_SEPARATOR.split(text)) {
			String p = part.strip();
			if (!p.isEmpty()) {
				items.add(p);
			}
		}
		return new ArrayList<>(items);
	}

	public static String joinPointTypes(List<String> types) {
		return String.join("|", types.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList());
	}

	public static boolean validCode(String code) {
		return CODE.matcher(code).matches();
	}

	/** Plain text of a number for workbooks and messages: 4, 2.5, 1200000. */
	public static String plain(BigDecimal n) {
		return n == null ? "" : n.stripTrailingZeros().toPlainString();
	}

}
