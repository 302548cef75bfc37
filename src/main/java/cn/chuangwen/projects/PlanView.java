package cn.chuangwen.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A named plan (方案) of a key project with its versions, newest first: each a file uploaded by the
 * office or the lead unit, approved or rejected once by a city leader.
 */
public record PlanView(long id, long projectId, String name, List<Version> versions) {

	public enum State {
		PENDING, APPROVED, REJECTED;

		public String messageKey() {
			return "projectPlan.state." + name();
		}

		public String colour() {
			return switch (this) {
				case PENDING -> "amber";
				case APPROVED -> "green";
				case REJECTED -> "red";
			};
		}
	}

	/** One version: its number, file, state and decision. */
	public record Version(long id, int number, String note, long fileId, String fileName, State state, String uploadedBy,
			Instant uploadedAt, Decision decided) {
	}

	/** The newest approved version: the plan in force. */
	public Optional<Version> current() {
		return versions.stream().filter(v -> v.state() == State.APPROVED).findFirst();
	}

	/** The newest version waiting for approval, if it is newer than the one in force. */
	public Optional<Version> draft() {
		int approved = current().map(Version::number).orElse(0);
		return versions.stream().filter(v -> v.state() == State.PENDING && v.number() > approved).findFirst();
	}

}
