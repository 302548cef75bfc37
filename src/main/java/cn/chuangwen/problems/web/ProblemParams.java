package cn.chuangwen.problems.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;


import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Request text to values for the problem API and pages: an unknown enum value, a bad date or number
 * becomes a field problem (collected, then refused together), never a 500.
 */
final class ProblemParams {

	private ProblemParams() {
	}

	/** The value when nothing was wrong on the way to it; else 400 naming every field. */
	static <T> T checked(List<FieldProblem> bad, T value) {
		check(bad);
		return value;
	}

	static void check(List<FieldProblem> bad) {
		QueryParams.check(bad);
	}

	static ProblemSource source(String text, List<FieldProblem> bad) {
		return value(ProblemSource.class, "source", text, "problem.error.source", bad);
	}

	static ProblemSeverity severity(String text, List<FieldProblem> bad) {
		return value(ProblemSeverity.class, "severity", text, "problem.error.severity", bad);
	}

	static ProblemState state(String text, List<FieldProblem> bad) {
		return value(ProblemState.class, "state", text, "problem.error.stateValue", bad);
	}

	static Problems.Decision decision(String text, List<FieldProblem> bad) {
		Problems.Decision d = value(Problems.Decision.class, "decision", text, "problem.error.decision", bad);
		if (d == null && bad.isEmpty()) {
			bad.add(FieldProblem.of("decision", "problem.error.decision"));
		}
		return d;
	}

	private static <E extends Enum<E>> E value(Class<E> type, String field, String text, String key,
			List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		for (E e : type.getEnumConstants()) {
			if (e.name().equals(text.trim())) {
				return e;
			}
		}
		bad.add(FieldProblem.of(field, key));
		return null;
	}

	/**
	 * A deadline: a date (the end of that day, Beijing time) or a date and time with an offset
	 * ({@code 2026-12-07T18:00:00+08:00}, or {@code Z}).
	 */
	static Instant deadline(String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.trim();
		try {
			if (t.length() <= 10) {
				return LocalDate.parse(t).atTime(LocalTime.of(23, 59, 59)).atZone(Problems.ZONE).toInstant();
			}
			return OffsetDateTime.parse(t).toInstant();
		}
		catch (DateTimeException ex) {
			bad.add(FieldProblem.of("deadline", "problem.error.deadline.format"));
			return null;
		}
	}

	static Long id(String field, String text, List<FieldProblem> bad) {
		return QueryParams.id(field, text, bad);
	}

	static Boolean bool(String field, String text, List<FieldProblem> bad) {
		return QueryParams.bool(field, text, bad);
	}

	static String text(String q, List<FieldProblem> bad) {
		return QueryParams.text(q, bad);
	}

	static PageRequest page(String page, String size, List<FieldProblem> bad) {
		return QueryParams.page(page, size, bad);
	}

	static String blank(String s) {
		return QueryParams.blank(s);
	}


}
