package cn.chuangwen.problems;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a problem stands. Overdue is not a state: it is computed from the deadline and the clock
 * ({@link ProblemView#overdue()}), so a problem is never "stuck" overdue after its deadline moves.
 */
public enum ProblemState {

	/** 待交办: entered, not yet sent to the unit, which cannot act on it yet; units never see an inspection finding in this state. */
	PENDING("grey"),
	/** 待签收: sent to the unit, waiting for it to sign for it. */
	DISPATCHED("blue"),
	/** 有异议: the unit says it is not theirs; the office re-routes it or insists. */
	DISPUTED("amber"),
	/** 整改中: the unit signed and is rectifying. */
	RECTIFYING("blue"),
	/** 待核查: the unit sent its rectification; the office or an inspector verifies it. */
	SUBMITTED("amber"),
	/** 已销号: verified and closed. */
	CLOSED("green");

	/** What can happen to a problem; each moves it from some states to one. */
	public enum Action {

		DISPATCH(EnumSet.of(PENDING), DISPATCHED),
		SIGN(EnumSet.of(DISPATCHED), RECTIFYING),
		DISPUTE(EnumSet.of(DISPATCHED), DISPUTED),
		/** To another unit, which signs for it again. */
		REROUTE(EnumSet.of(PENDING, DISPATCHED, DISPUTED), DISPATCHED),
		/** The office keeps the unit it chose: the dispute is refused. */
		INSIST(EnumSet.of(DISPUTED), DISPATCHED),
		SUBMIT(EnumSet.of(RECTIFYING), SUBMITTED),
		PASS(EnumSet.of(SUBMITTED), CLOSED),
		REJECT(EnumSet.of(SUBMITTED), RECTIFYING);

		private final Set<ProblemState> from;

		private final ProblemState to;

		Action(Set<ProblemState> from, ProblemState to) {
			this.from = from;
			this.to = to;
		}

		public boolean allowedFrom(ProblemState state) {
			return from.contains(state);
		}

		public ProblemState to() {
			return to;
		}

		public Set<ProblemState> from() {
			return from;
		}

		/** The trace's action name, e.g. PROBLEM_DISPATCH. */
		public String auditAction() {
			return "PROBLEM_" + name();
		}

	}

	private final String colour;

	ProblemState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "problem.state." + name();
	}

}
