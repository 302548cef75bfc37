package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A problem as lists show it. {@code status.overdue} is computed when read: not closed and past its
 * deadline by the clock. The accessors after the components read through to the parts.
 */
public record ProblemView(long id, long cityId, String code, ProblemSource source, String category, String title,
		ProblemSeverity severity, Unit unit, Status status, ProblemDraft.Place place, Times times, int version) {

	/** The responsible unit. */
	public record Unit(long id, String name) {
	}

	/** Where the problem stands, and how it went so far. */
	public record Status(ProblemState state, boolean overdue, Instant deadline, Long recurrenceOf, int rejections) {
	}

	public record Times(Instant createdAt, Instant closedAt) {
	}

	public long unitId() {
		return unit.id();
	}

	public String unitName() {
		return unit.name();
	}

	public ProblemState state() {
		return status.state();
	}

	public boolean overdue() {
		return status.overdue();
	}

	public Instant deadline() {
		return status.deadline();
	}

	public Long recurrenceOf() {
		return status.recurrenceOf();
	}

	public int rejections() {
		return status.rejections();
	}

	public String address() {
		return place.address();
	}

	public BigDecimal lat() {
		return place.lat();
	}

	public BigDecimal lng() {
		return place.lng();
	}

	public Instant createdAt() {
		return times.createdAt();
	}

	public Instant closedAt() {
		return times.closedAt();
	}

	public boolean located() {
		return lat() != null && lng() != null;
	}

}
