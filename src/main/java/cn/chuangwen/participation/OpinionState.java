package cn.chuangwen.participation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a supervisor's opinion (意见) stands on the "public-opinion express": filed and waiting for
 * the leader on duty, instructed (批示) and waiting for the office, forwarded to a unit as a problem,
 * or declined with a reason. Once forwarded, the problem's own state tells the rest.
 */
public enum OpinionState {

	/** 待批示: filed, waiting for the leader on duty. */
	FILED("amber"),
	/** 已批示: the leader wrote an instruction; the office makes it a problem or declines it. */
	INSTRUCTED("blue"),
	/** 已转办: a problem for a unit, carrying the instruction. */
	FORWARDED("green"),
	/** 不予转办: declined by the office, with a reason the supervisor reads. */
	DECLINED("grey");

	/** What can happen to an opinion; each moves it from some states to one. */
	public enum Action {

		/** The leader's instruction: only once, on a filed opinion. */
		INSTRUCT(EnumSet.of(FILED), INSTRUCTED),
		/** The office makes the instructed opinion a problem for a unit. */
		FORWARD(EnumSet.of(INSTRUCTED), FORWARDED),
		/** The office declines it, before or after the instruction (a repeat, not the city's matter). */
		DECLINE(EnumSet.of(FILED, INSTRUCTED), DECLINED);

		private final Set<OpinionState> from;

		private final OpinionState to;

		Action(Set<OpinionState> from, OpinionState to) {
			this.from = from;
			this.to = to;
		}

		public boolean allowedFrom(OpinionState state) {
			return from.contains(state);
		}

		public OpinionState to() {
			return to;
		}

		/** The trace's action name, e.g. OPINION_INSTRUCT. */
		public String auditAction() {
			return "OPINION_" + name();
		}

	}

	private final String colour;

	OpinionState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public boolean finished() {
		return this == FORWARDED || this == DECLINED;
	}

	public String messageKey() {
		return "opinion.state." + name();
	}

}
