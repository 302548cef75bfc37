package cn.chuangwen.shared;

import java.util.List;

/**
 * A problem with one input field (or one import row), as a message key and its arguments, so the
 * web layer can say it in the user's language.
 */
public record FieldProblem(String field, Integer row, String messageKey, List<Object> args) {

	public static FieldProblem of(String field, String messageKey, Object... args) {
		return new FieldProblem(field, null, messageKey, List.of(args));
	}

	public static FieldProblem row(int row, String field, String messageKey, Object... args) {
		return new FieldProblem(field, row, messageKey, List.of(args));
	}

}
