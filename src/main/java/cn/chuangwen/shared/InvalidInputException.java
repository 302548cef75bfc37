package cn.chuangwen.shared;

import java.util.List;

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

}
