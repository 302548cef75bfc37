package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A report as the office sees it in its list. {@code reporterName} and {@code reporterPhone} are
 * null unless the reader holds {@code participation:personal}, whatever the report holds.
 */
public record OfficeReport(long id, String code, ReportChannel channel, long categoryId, String category,
		String description, Place place, ReportState state, Instant createdAt, Answer answer, Feedback feedback,
		Reporter reporter) {

	/** Where: an address and/or WGS-84 coordinates. */
	public record Place(String address, BigDecimal lat, BigDecimal lng) {
	}

	/** The office's answer: when, the town the place lies in, the problem it became or joined. */
	public record Answer(Instant answeredAt, Long townId, String townName, Long problemId) {
	}

	/** What the public added: "me too"s and the citizen's rating once solved. */
	public record Feedback(int supporters, Integer rating) {
	}

	/** Personal data: both null unless the reader holds {@code participation:personal}. */
	public record Reporter(String name, String phone) {
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

	public Instant answeredAt() {
		return answer.answeredAt();
	}

	public Long townId() {
		return answer.townId();
	}

	public String townName() {
		return answer.townName();
	}

	public Long problemId() {
		return answer.problemId();
	}

	public int supporters() {
		return feedback.supporters();
	}

	public Integer rating() {
		return feedback.rating();
	}

	public String reporterName() {
		return reporter.name();
	}

	public String reporterPhone() {
		return reporter.phone();
	}

}
