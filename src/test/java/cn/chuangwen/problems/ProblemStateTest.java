package cn.chuangwen.problems;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.chuangwen.problems.ProblemState.Action;

import static org.assertj.core.api.Assertions.assertThat;
import static cn.chuangwen.problems.ProblemState.CLOSED;
import static cn.chuangwen.problems.ProblemState.DISPATCHED;
import static cn.chuangwen.problems.ProblemState.DISPUTED;
import static cn.chuangwen.problems.ProblemState.PENDING;
import static cn.chuangwen.problems.ProblemState.RECTIFYING;
import static cn.chuangwen.problems.ProblemState.SUBMITTED;

/** Issue 8 §1: every transition the issue allows, and every other one refused. */
class ProblemStateTest {

	/** The issue's diagram, written out once more by hand: action → (from states, to state). */
	static final Map<Action, Map.Entry<Set<ProblemState>, ProblemState>> EXPECTED = Map.of(
			Action.DISPATCH, Map.entry(EnumSet.of(PENDING), DISPATCHED),
			Action.SIGN, Map.entry(EnumSet.of(DISPATCHED), RECTIFYING),
			Action.DISPUTE, Map.entry(EnumSet.of(DISPATCHED), DISPUTED),
			Action.REROUTE, Map.entry(EnumSet.of(PENDING, DISPATCHED, DISPUTED), DISPATCHED),
			Action.INSIST, Map.entry(EnumSet.of(DISPUTED), DISPATCHED),
			Action.SUBMIT, Map.entry(EnumSet.of(RECTIFYING), SUBMITTED),
			Action.PASS, Map.entry(EnumSet.of(SUBMITTED), CLOSED),
			Action.REJECT, Map.entry(EnumSet.of(SUBMITTED), RECTIFYING));

	@ParameterizedTest
	@EnumSource(Action.class)
	void eachActionMovesFromExactlyTheStatesTheIssueAllows(Action action) {
		var expected = EXPECTED.get(action);
		for (ProblemState state : ProblemState.values()) {
			assertThat(action.allowedFrom(state)).as(action + " from " + state).isEqualTo(expected.getKey().contains(state));
		}
		assertThat(action.to()).isEqualTo(expected.getValue());
		assertThat(action.auditAction()).isEqualTo("PROBLEM_" + action.name());
	}

	@ParameterizedTest
	@EnumSource(ProblemState.class)
	void aClosedProblemIsFinalAndEveryOtherStateHasAWayOn(ProblemState state) {
		boolean anyWayOn = EnumSet.allOf(Action.class).stream().anyMatch(a -> a.allowedFrom(state));
		assertThat(anyWayOn).isEqualTo(state != CLOSED);
	}

}
