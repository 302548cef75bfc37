package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A reward (amount in yuan, counted against the year's budget once confirmed) or a consequence that
 * closing a period proposed for a unit; PROPOSED until the office confirms it with a reason, or
 * WITHDRAWN when the period is reopened.
 */
public record Proposal(long id, String period, int year, boolean reward, Unit unit, BigDecimal amount,
		String consequence, String state, Decision decision, int version) {

	/** The unit and its rank in its group. */
	public record Unit(long id, String name, String rankingGroup, int rank) {
	}

	/** Who decided when, and why (null fields while proposed). */
	public record Decision(String by, Instant at, String reason) {
	}

	public boolean proposed() {
		return "PROPOSED".equals(state);
	}

}
