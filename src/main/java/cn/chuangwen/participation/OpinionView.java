package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import cn.chuangwen.problems.ProblemState;

/**
 * A supervisor's opinion (意见) with what happened to it: the leader it went to, the instruction
 * (批示), the problem made of it (its code, state and unit, read from the problems module), or the
 * reason it was declined. {@code photoIds} are the opinion's photos in the evidence store.
 */
public record OpinionView(long id, Stamp stamp, Person supervisor, String category, String text, Place place,
		OpinionState state, Person dutyLeader, Instruction instruction, Outcome outcome, Decline decline,
		List<Long> photoIds) {

	/** The city it belongs to, when it was filed, and the row's version (optimistic locking). */
	public record Stamp(long cityId, Instant createdAt, int version) {
	}

	public record Person(long id, String name) {
	}

	/** An address and/or WGS-84 coordinates, each optional. */
	public record Place(String address, BigDecimal lat, BigDecimal lng) {

		public boolean located() {
			return lat != null && lng != null;
		}

	}

	public record Instruction(String text, Person leader, Instant at) {
	}

	/** The problem made of the opinion, as the problems module has it now. */
	public record Outcome(long problemId, String code, ProblemState state, String unitName, Instant closedAt) {
	}

	public record Decline(String reason, String by, Instant at) {
	}

	/** A time span in whole days and hours, for "2 天 3 小时". */
	public record Span(long days, long hours) {

		static Span of(Instant from, Instant to) {
			if (from == null || to == null) {
				return null;
			}
			long hours = Math.max(0, Duration.between(from, to).toHours());
			return new Span(hours / 24, hours % 24);
		}

	}

	public OpinionView {
		photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
	}

	public OpinionView withPhotos(List<Long> ids) {
		return new OpinionView(id, stamp, supervisor, category, text, place, state, dutyLeader, instruction, outcome,
				decline, ids);
	}

	public long cityId() {
		return stamp.cityId();
	}

	public Instant createdAt() {
		return stamp.createdAt();
	}

	public int version() {
		return stamp.version();
	}

	/** Filed → instructed; null until the leader wrote. */
	public Span toInstruction() {
		return Span.of(createdAt(), instruction == null ? null : instruction.at());
	}

	/** Filed → the problem closed (销号); null until then. */
	public Span toClosing() {
		return Span.of(createdAt(), outcome == null ? null : outcome.closedAt());
	}

	/** Filed → declined; null unless declined. */
	public Span toDecline() {
		return Span.of(createdAt(), decline == null ? null : decline.at());
	}

	/** The leader's words, or null. */
	public String instructionText() {
		return instruction == null ? null : instruction.text();
	}

}
