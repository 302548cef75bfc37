package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A progress report (创建动态) with its evidence and the integrity warnings a reviewer must see. */
public record ReportView(long id, long assignmentId, long unitId, String unitName, String text, int percent,
		BigDecimal valueReached, Status status, Long resubmissionOf, String submittedBy, Instant submittedAt,
		String reviewedBy, Instant reviewedAt, String reviewReason, List<EvidenceView> evidence,
		List<Warning> warnings) {

	public enum Status {
		SUBMITTED("blue"), APPROVED("green"), RETURNED("amber");

		private final String colour;

		Status(String colour) {
			this.colour = colour;
		}

		public String colour() {
			return colour;
		}

		public String messageKey() {
			return "report.status." + name();
		}
	}

	/** One evidence file of the report. */
	public record EvidenceView(long id, long fileId, String name, String kind, boolean image, boolean thumbnail,
			long size, Instant capturedAt) {
	}

	/**
	 * An integrity warning: {@code DUPLICATE_EVIDENCE} (the same content was evidence before) or
	 * {@code OLD_PHOTO} (the photo was taken long before the report). {@code assignmentId} and
	 * {@code reportId} name the earlier report only when the viewer may open it; otherwise null.
	 */
	public record Warning(String file, String kind, String message, Long assignmentId, Long reportId) {
	}

}
