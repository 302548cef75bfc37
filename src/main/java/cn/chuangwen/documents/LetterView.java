package cn.chuangwen.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.chuangwen.tasks.Milestone;

/**
 * A responsibility letter (责任状) as pages show it: who it is to, how it was issued and, once the
 * unit has signed and sealed it, how it was signed.
 *
 * @param signed null until the signed copy is recorded
 * @param items the assignments the letter lists, as they were when it was issued
 */
public record LetterView(long id, long cityId, long unitId, String unitName, int year, Issued issued, Signed signed,
		State state, int version, List<Item> items) {

	/** Issue: the letter's number (e.g. 仙创责〔2026〕1号), the issuing body, when and by whom. */
	public record Issued(String number, String issuingBody, Instant at, String by) {
	}

	/**
	 * The signed copy: the scan's file (its name, or null when the file is gone), the date the unit
	 * signed, and when and by whom the office recorded it.
	 */
	public record Signed(long fileId, String fileName, LocalDate date, Instant recordedAt, String recordedBy) {
	}

	/** The letter's number, by which everyone refers to it. */
	public String number() {
		return issued.number();
	}

	public enum State {
		ISSUED("blue"), SIGNED("green");

		private final String colour;

		State(String colour) {
			this.colour = colour;
		}

		/** The shared state colour (docs/ui.md), used as the badge class suffix. */
		public String colour() {
			return colour;
		}

		public String messageKey() {
			return "letter.state." + name();
		}
	}

	/** The unit's part in an assignment the letter lists. */
	public enum Role {
		/** 牵头 */
		LEAD,
		/** 配合 */
		COOPERATING;

		public String messageKey() {
			return "letter.role." + name();
		}
	}

	/** One assignment of the letter, copied when the letter was issued. */
	public record Item(int no, long assignmentId, Role role, String indicatorCode, String indicatorName,
			String targetDescription, LocalDate deadline, List<Milestone> milestones, Person responsible) {
	}

	/**
	 * The responsible person as the letter names them, copied at issue: the letter keeps its own
	 * record so it reads the same whatever later happens to the assignment.
	 */
	public record Person(String name, String post, String phone) {
	}

}
