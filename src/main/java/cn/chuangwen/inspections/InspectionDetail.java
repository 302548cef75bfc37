package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One inspection with everything the record page shows: the point's own place beside the device's,
 * every item's answer with its verdict and photos, and what the viewer may do.
 *
 * @param mayAddPhotos the viewer is the inspector or the office
 * @param mayDownloadOriginals the viewer is the office (the originals keep their hash as evidence)
 */
public record InspectionDetail(InspectionView inspection, PointPlace point, int maxDistanceMetres,
		List<Result> results, boolean mayAddPhotos, boolean mayDownloadOriginals) {

	/** Where the point is (the register's place), for the position check. */
	public record PointPlace(String address, PointType pointType, BigDecimal lat, BigDecimal lng) {
	}

	/** One item's answer; deduction and verdict null for not applicable. */
	public record Result(long itemId, String category, String item, ItemOutcome outcome, int count,
			BigDecimal deduction, PointScore.Verdict verdict, String note, List<Photo> photos) {
	}

	/** A finding's photo: the watermarked display copy and the original as taken. */
	public record Photo(long id, long displayFileId, long originalFileId, String name, String originalSha256,
			Instant createdAt, String createdBy) {
	}

}
