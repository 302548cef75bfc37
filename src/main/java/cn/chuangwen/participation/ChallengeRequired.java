package cn.chuangwen.participation;

import java.util.List;
import java.util.Map;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * A report that needs a solved challenge and came without one (or with a wrong or expired answer):
 * bad input on the field {@value #FIELD}, with a fresh challenge to show. Nothing was stored.
 */
public class ChallengeRequired extends InvalidInputException {

	public static final String FIELD = "answer";

	private final transient ReportChallenge challenge;

	public ChallengeRequired(List<FieldProblem> problems, ReportChallenge challenge) {
		super(problems);
		this.challenge = challenge;
	}

	public ReportChallenge challenge() {
		return challenge;
	}

	/** The API answers the fresh challenge with the problems. */
	@Override
	public Map<String, Object> properties() {
		return Map.of("challenge", challenge);
	}

}
