package cn.chuangwen.publicity;

import java.time.Instant;
import java.util.List;

/**
 * A news item (创建动态) as the office and its unit see it: the unit's words, the optional key
 * project it names (by id), its review, and its photos (original and public copy ids).
 */
public record NewsItem(long id, long cityId, String cityCode, long unitId, String unitName, String title, String body,
		Long projectId, String submittedBy, Instant submittedAt, Review review, List<Photo> photos) {

	/** Where the office's review stands: the state, the reason of a return, who reviewed and when. */
	public record Review(NewsState state, String returnReason, String reviewedBy, Instant reviewedAt) {
	}

	/** A photo as sent (for the office) and its public copy (EXIF stripped). */
	public record Photo(long fileId, long publicFileId) {
	}

	public NewsState state() {
		return review.state();
	}

	public String returnReason() {
		return review.returnReason();
	}

	public String reviewedBy() {
		return review.reviewedBy();
	}

	public Instant reviewedAt() {
		return review.reviewedAt();
	}

}
