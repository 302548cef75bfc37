package cn.chuangwen.shared;

import java.util.List;
import java.util.Map;

/** Bad input: nothing was changed. Carries every problem found, not just the first. */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super(problems.isEmpty() ? "invalid input" : problems.get(0).messageKey());
		this.problems = List.copyOf(problems);
	}

	public InvalidInputException(FieldProblem problem) {
		this(List.of(problem));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/**
	 * More for the API's problem answer than the problems, by property name (a subclass's: a fresh
	 * challenge to show, say); none here.
	 */
	public Map<String, Object> properties() {
		return Map.of();
	}

}
