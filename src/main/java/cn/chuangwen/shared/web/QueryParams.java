package cn.chuangwen.shared.web;

import java.util.List;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * Request text to values for any module's API and list pages: a bad id, boolean, search text or page
 * becomes a field problem, collected with the others and refused together ({@link #check}), never a 500.
 */
public final class QueryParams {

	/** Search text longer than this is refused. */
	public static final int MAX_QUERY = 100;

	private QueryParams() {
	}

	/** Refuses the request when anything was found wrong. */
	public static void check(List<FieldProblem> bad) {
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
	}

	public static Long id(String field, String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, "query.error.number"));
			return null;
		}
	}

	/** {@code true} or {@code false}; blank is no value. */
	public static Boolean bool(String field, String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return switch (text.trim()) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				bad.add(FieldProblem.of(field, "query.error.boolean"));
				yield null;
			}
		};
	}

	/** Search text on field {@code q}, trimmed, at most {@link #MAX_QUERY} characters. */
	public static String text(String q, List<FieldProblem> bad) {
		String t = blank(q);
		if (t != null && t.length() > MAX_QUERY) {
			bad.add(FieldProblem.of("q", "query.error.tooLong", MAX_QUERY));
			return null;
		}
		return t;
	}

	/** The API's {@code page} and {@code size} (see {@link PageRequest#parse}). */
	public static PageRequest page(String page, String size, List<FieldProblem> bad) {
		try {
			return PageRequest.parse(page, size);
		}
		catch (InvalidInputException ex) {
			bad.addAll(ex.problems());
			return null;
		}
	}

	public static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
