package cn.chuangwen.participation;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.chuangwen.participation.OpinionState.Action;

import static org.assertj.core.api.Assertions.assertThat;

/** The opinion's state machine: which action moves it from where to where, and nothing else. */
class OpinionStateTest {

	@ParameterizedTest(name = "{0} from {1}: {2}")
	@CsvSource({ "INSTRUCT, FILED, INSTRUCTED", "INSTRUCT, INSTRUCTED, -", "INSTRUCT, FORWARDED, -",
			"INSTRUCT, DECLINED, -", "FORWARD, FILED, -", "FORWARD, INSTRUCTED, FORWARDED", "FORWARD, FORWARDED, -",
			"FORWARD, DECLINED, -", "DECLINE, FILED, DECLINED", "DECLINE, INSTRUCTED, DECLINED", "DECLINE, FORWARDED, -",
			"DECLINE, DECLINED, -" })
	void eachActionMovesOnlyFromItsStates(Action action, OpinionState from, String to) {
		if (to.equals("-")) {
			assertThat(action.allowedFrom(from)).isFalse();
		}
		else {
			assertThat(action.allowedFrom(from)).isTrue();
			assertThat(action.to()).isEqualTo(OpinionState.valueOf(to));
		}
	}

	/**
	 * Random walks from FILED: whatever actions are tried, an opinion is instructed before it is
	 * forwarded, never acts again once finished, and reaches at most three states.
	 */
	@Test
	void everyWalkKeepsTheExpressOrder() {
		Random random = new Random(20261201L);
		for (int walk = 0; walk < 2000; walk++) {
			OpinionState state = OpinionState.FILED;
			EnumSet<OpinionState> seen = EnumSet.of(state);
			for (int step = 0; step < 6; step++) {
				Action a = Action.values()[random.nextInt(Action.values().length)];
				if (!a.allowedFrom(state)) {
					continue;
				}
				assertThat(state.finished()).as("a finished opinion acts no more").isFalse();
				state = a.to();
				seen.add(state);
			}
			if (seen.contains(OpinionState.FORWARDED)) {
				assertThat(seen).contains(OpinionState.INSTRUCTED);
			}
			assertThat(seen.size()).isLessThanOrEqualTo(3);
			assertThat(List.of(OpinionState.FORWARDED, OpinionState.DECLINED)).allMatch(OpinionState::finished);
		}
	}

	@Test
	void auditActionsAreNamedForTheOpinion() {
		assertThat(Action.INSTRUCT.auditAction()).isEqualTo("OPINION_INSTRUCT");
		assertThat(Action.FORWARD.auditAction()).isEqualTo("OPINION_FORWARD");
		assertThat(Action.DECLINE.auditAction()).isEqualTo("OPINION_DECLINE");
	}

}
